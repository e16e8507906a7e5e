
/**
 * `cdk8s-kubevirt report PATH…`: totals what manifests ask of the cluster, per namespace.
 *
 * - machines: VirtualMachines; pools: VirtualMachinePools and the sum of their replicas (default 1);
 * - vCPUs: sockets × cores × threads, else the CPU limit, else the CPU request, else 1 (see `vcpusOf`);
 *   a pool counts × replicas; a VM with `spec.instancetype` (kind matched case-insensitively, as
 *   KubeVirt's pkg/instancetype/find/spec.go does) takes the instancetype's `spec.cpu.guest`, from an
 *   instancetype object anywhere in the input, else (for cluster instancetypes) from the KubeVirt
 *   common-instancetypes table below, else it is listed as unknown; an instancetype inferred from a
 *   volume (`inferFromVolume`) is known only at admission, so it is listed as unknown with a note;
 * - guest memory: `domain.memory.guest`, else `domain.resources.requests.memory` (or the instancetype's
 *   `spec.memory.guest`);
 * - storage per storage class: dataVolumeTemplates (× replicas in pools), DataVolumes and
 *   PersistentVolumeClaims, `spec.storage` or `spec.pvc` `resources.requests.storage`; `(default)` when
 *   no class is named, `(none)` for `storageClassName: ""`.
 *
 * Quantities are parsed exactly (BigInt bytes; Ki/Mi/Gi/Ti/Pi/Ei, k/M/G/T/P/E, m, exponents, plain
 * numbers; fractional bytes round up like Kubernetes) and shown in GiB with 2 decimals.
 */
import { COMMON_USAGE, CommandSpec, exitCodesUsage, parseCommand } from './args';
import { CliIo, EXIT_OK, EXIT_USAGE } from './io';
import { renderJson, renderMarkdown, renderText } from './report-render';
import { Builder } from './report-totals';
import { readSources } from './yaml-source';

const USAGE = `usage: cdk8s-kubevirt report [options] [PATH…]

Totals what KubeVirt manifests ask of the cluster, per namespace: VirtualMachines, pools and their
replicas, vCPUs, guest memory, and requested storage per storage class.

options:
      --format text|json|markdown   output format (default text)
${COMMON_USAGE}

${exitCodesUsage('is not used')}
`;

const SPEC: CommandSpec = { name: 'report', usage: USAGE, options: {}, formats: ['text', 'json', 'markdown'] };

/** Runs `report`; returns the exit code. */
export function run(args: string[], io: CliIo): number {
  const parsed = parseCommand(SPEC, args, io);
  if (typeof parsed === 'number') return parsed;
  const { paths, format } = parsed;
  const builder = new Builder();
  const errors: string[] = [];
  let objects = 0;
  readSources(paths, { recursive: parsed.recursive }, io, {
    object: obj => {
      objects++;
      builder.add(obj.value);
    },
    error: e => errors.push(e),
  });
  if (errors.length > 0) {
    for (const e of errors) io.stderr(`cdk8s-kubevirt report: ${e}\n`);
    io.stderr('cdk8s-kubevirt report: no report: the input could not be read completely\n');
    return EXIT_USAGE;
  }
  if (objects === 0 && !parsed.allowEmpty) {
    io.stderr('cdk8s-kubevirt report: the input holds no objects (pass --allow-empty to accept that)\n');
    return EXIT_USAGE;
  }
  const { report, counted, ignored } = builder;
  const unknowns = report.finish();
  io.stdout(format === 'json' ? renderJson(report, unknowns) : format === 'markdown' ? renderMarkdown(report, unknowns) : renderText(report, unknowns));
  const summary = [...counted.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([k, n]) => `${k}: ${n}`).join(', ');
  io.stderr(`counted ${summary || 'nothing'}${ignored > 0 ? `; ignored ${ignored} other object${ignored === 1 ? '' : 's'}` : ''}\n`);
  return EXIT_OK;
}
