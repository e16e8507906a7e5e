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
import { readSources } from './yaml-source';
import { showValue } from '../private/errors';
import { parseQuantityExact } from '../private/quantity';

const USAGE = `usage: cdk8s-kubevirt report [options] [PATH…]

Totals what KubeVirt manifests ask of the cluster, per namespace: VirtualMachines, pools and their
replicas, vCPUs, guest memory, and requested storage per storage class.

options:
      --format text|json|markdown   output format (default text)
${COMMON_USAGE}

${exitCodesUsage('is not used')}
`;

/**
 * KubeVirt common-instancetypes (github.com/kubevirt/common-instancetypes, commit 7c1e305b,
 * instancetypes/{u,o,cx,m,n,rt,d}/1/sizes.yaml): name → [spec.cpu.guest, spec.memory.guest]. KubeVirt's
 * operator deploys them as VirtualMachineClusterInstancetypes.
 */
const COMMON_INSTANCETYPES: Record<string, [number, string]> = {
  'u1.2xlarge': [8, '32Gi'],
  'u1.4xlarge': [16, '64Gi'],
  'u1.8xlarge': [32, '128Gi'],
  'u1.large': [2, '8Gi'],
  'u1.2xmedium': [2, '4Gi'],
  'u1.medium': [1, '4Gi'],
  'u1.micro': [1, '1Gi'],
  'u1.nano': [1, '512Mi'],
  'u1.small': [1, '2Gi'],
  'u1.xlarge': [4, '16Gi'],
  'o1.2xlarge': [8, '32Gi'],
  'o1.4xlarge': [16, '64Gi'],
  'o1.8xlarge': [32, '128Gi'],
  'o1.large': [2, '8Gi'],
  'o1.medium': [1, '4Gi'],
  'o1.micro': [1, '1Gi'],
  'o1.nano': [1, '512Mi'],
  'o1.small': [1, '2Gi'],
  'o1.xlarge': [4, '16Gi'],
  'cx1.2xlarge': [8, '16Gi'],
  'cx1.4xlarge': [16, '32Gi'],
  'cx1.8xlarge': [32, '64Gi'],
  'cx1.large': [2, '4Gi'],
  'cx1.medium': [1, '2Gi'],
  'cx1.xlarge': [4, '8Gi'],
  'cx1.2xlarge1gi': [8, '16Gi'],
  'cx1.4xlarge1gi': [16, '32Gi'],
  'cx1.8xlarge1gi': [32, '64Gi'],
  'cx1.large1gi': [2, '4Gi'],
  'cx1.medium1gi': [1, '2Gi'],
  'cx1.xlarge1gi': [4, '8Gi'],
  'm1.2xlarge': [8, '64Gi'],
  'm1.4xlarge': [16, '128Gi'],
  'm1.8xlarge': [32, '256Gi'],
  'm1.large': [2, '16Gi'],
  'm1.xlarge': [4, '32Gi'],
  'm1.2xlarge1gi': [8, '64Gi'],
  'm1.4xlarge1gi': [16, '128Gi'],
  'm1.8xlarge1gi': [32, '256Gi'],
  'm1.large1gi': [2, '16Gi'],
  'm1.xlarge1gi': [4, '32Gi'],
  'n1.2xlarge': [16, '32Gi'],
  'n1.4xlarge': [32, '64Gi'],
  'n1.8xlarge': [64, '128Gi'],
  'n1.large': [4, '8Gi'],
  'n1.medium': [4, '4Gi'],
  'n1.xlarge': [8, '16Gi'],
  'rt1.2xlarge': [8, '32Gi'],
  'rt1.4xlarge': [16, '64Gi'],
  'rt1.8xlarge': [32, '128Gi'],
  'rt1.large': [2, '8Gi'],
  'rt1.medium': [1, '4Gi'],
  'rt1.micro': [1, '1Gi'],
  'rt1.small': [1, '2Gi'],
  'rt1.xlarge': [4, '16Gi'],
  'd1.2xlarge': [8, '32Gi'],
  'd1.4xlarge': [16, '64Gi'],
  'd1.8xlarge': [32, '128Gi'],
  'd1.large': [2, '8Gi'],
  'd1.2xmedium': [2, '4Gi'],
  'd1.medium': [1, '4Gi'],
  'd1.micro': [1, '1Gi'],
  'd1.nano': [1, '512Mi'],
  'd1.small': [1, '2Gi'],
  'd1.xlarge': [4, '16Gi'],
};

// ---- quantities -------------------------------------------------------------------------------

/** A Kubernetes quantity in bytes (rounded up to a whole byte), or undefined when it is not a quantity. */
export function parseQuantity(q: unknown): bigint | undefined {
  if (typeof q === 'number') {
    if (!Number.isFinite(q) || q < 0) return undefined;
    return parseQuantity(Number.isInteger(q) ? BigInt(q).toString() : String(q));
  }
  if (typeof q !== 'string') return undefined;
  const exact = parseQuantityExact(q.trim());
  if (!exact || exact.negative) return undefined;
  return (exact.num + exact.den - 1n) / exact.den;
}

/** Bytes as GiB with 2 decimals (half up): `12.50 Gi`. */
export function formatGi(bytes: bigint): string {
  const hundredths = (bytes * 100n + (2n ** 29n)) / (2n ** 30n);
  return `${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, '0')} Gi`;
}

// ---- totals ------------------------------------------------------------------------------------

interface Unknown {
  readonly namespace: string;
  readonly object: string;
  readonly what: string;
  readonly reason: string;
}

interface StorageTotal {
  bytes: bigint;
  claims: number;
}

interface Totals {
  machines: number;
  pools: number;
  poolReplicas: number;
  vcpus: number;
  memory: bigint;
  storage: Map<string, StorageTotal>;
}

function emptyTotals(): Totals {
  return { machines: 0, pools: 0, poolReplicas: 0, vcpus: 0, memory: 0n, storage: new Map() };
}

function o(v: unknown): any {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : {};
}

/** A whole number of CPUs from a CPU quantity, rounded up as `Quantity.Value()` does (`500m` → 1). */
function cpuCount(q: unknown): number | undefined {
  if (q === undefined || q === null) return undefined;
  const m = typeof q === 'number' ? [String(q), String(q)] : typeof q === 'string' ? /^\+?(\d+(?:\.\d*)?|\.\d+)(m)?$/.exec(q.trim()) : null;
  if (!m) return undefined;
  const n = Number(m[1]) / (m[2] === 'm' ? 1000 : 1);
  return Number.isFinite(n) && n >= 0 ? Math.ceil(n) : undefined;
}

/**
 * vCPUs of a VMI domain, as KubeVirt sizes the guest: sockets × cores × threads, each unset one
 * counting 1 (pkg/util/hardware/hw_utils.go `GetNumberOfVCPUs`); with none of them set, the CPU limit,
 * else the CPU request, becomes the number of sockets (pkg/virt-launcher/virtwrap/converter/vcpu/vcpu.go
 * `GetCPUTopology`); with neither, 1.
 */
export function vcpusOf(domain: any): number {
  const c = o(domain.cpu);
  const part = (v: unknown): number => (typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : 0);
  const [sockets, cores, threads] = [part(c.sockets), part(c.cores), part(c.threads)];
  if (sockets || cores || threads) return (sockets || 1) * (cores || 1) * (threads || 1);
  const resources = o(domain.resources);
  const fromResources = cpuCount(o(resources.limits).cpu) ?? cpuCount(o(resources.requests).cpu);
  return fromResources !== undefined && fromResources >= 1 ? fromResources : 1;
}

/** How `spec.instancetype.kind` names a namespaced instancetype, as KubeVirt matches it (lower-cased). */
const NAMESPACED_KINDS = new Set(['virtualmachineinstancetype', 'virtualmachineinstancetypes']);
/** … and a cluster one; no kind means a cluster instancetype. */
const CLUSTER_KINDS = new Set(['', 'virtualmachineclusterinstancetype', 'virtualmachineclusterinstancetypes']);

/** A VM (or pool template) whose instancetype is resolved once every instancetype of the input is known. */
interface Deferred {
  readonly namespace: string;
  readonly object: string;
  readonly instancetype: any;
  readonly copies: number;
}

class Report {
  readonly byNamespace = new Map<string, Totals>();
  /** What could not be counted, in input order; instancetype references are resolved at the end. */
  readonly unknowns: Array<Unknown | Deferred> = [];
  /** Instancetypes found in the input: `cluster/<name>` or `<namespace>/<name>` → [cpu, memory]. */
  readonly instancetypes = new Map<string, [unknown, unknown]>();

  ns(namespace: string): Totals {
    let t = this.byNamespace.get(namespace);
    if (!t) this.byNamespace.set(namespace, t = emptyTotals());
    return t;
  }

  addStorage(namespace: string, object: string, spec: any, copies: number, what: string): void {
    const s = isObjectish(spec.storage) ? spec.storage : isObjectish(spec.pvc) ? spec.pvc : spec;
    const cls = typeof s.storageClassName === 'string' ? (s.storageClassName === '' ? '(none)' : s.storageClassName) : '(default)';
    const raw = o(o(s.resources).requests).storage;
    const bytes = parseQuantity(raw);
    if (bytes === undefined) {
      this.unknowns.push({ namespace, object, what, reason: raw === undefined ? 'no storage request (size taken from the source)' : `storage request ${showValue('storage', raw)} is not a quantity` });
      return;
    }
    const t = this.ns(namespace).storage;
    const entry = t.get(cls) ?? { bytes: 0n, claims: 0 };
    entry.bytes += bytes * BigInt(copies);
    entry.claims += copies;
    t.set(cls, entry);
  }

  /** A VM spec (a VM's `spec`, a pool's `spec.virtualMachineTemplate.spec`), counted `copies` times. */
  addVmSpec(namespace: string, object: string, vmSpec: any, copies: number): void {
    const t = this.ns(namespace);
    const domain = o(o(o(vmSpec.template).spec).domain);
    const instancetype = o(vmSpec.instancetype);
    if (vmSpec.instancetype !== undefined && vmSpec.instancetype !== null) {
      // Resolved in finish(), when every instancetype of the input has been read.
      this.unknowns.push({ namespace, object, instancetype, copies });
    } else {
      t.vcpus += vcpusOf(domain) * copies;
      const memoryRaw = o(domain.memory).guest ?? o(o(domain.resources).requests).memory;
      const memory = parseQuantity(memoryRaw);
      if (memory === undefined) {
        this.unknowns.push({ namespace, object, what: 'memory', reason: memoryRaw === undefined ? 'no memory.guest or resources.requests.memory' : `memory ${showValue('memory', memoryRaw)} is not a quantity` });
      } else {
        t.memory += memory * BigInt(copies);
      }
    }
    const templates = Array.isArray(vmSpec.dataVolumeTemplates) ? vmSpec.dataVolumeTemplates : [];
    templates.forEach((dvt: unknown, i: number) => {
      const name = o(o(dvt).metadata).name;
      this.addStorage(namespace, object, o(o(dvt).spec), copies, `dataVolumeTemplate ${typeof name === 'string' ? name : i}`);
    });
  }

  /** Reads an instancetype object of the input. */
  addInstancetype(value: any): void {
    const name = o(value.metadata).name;
    if (typeof name !== 'string') return;
    const spec = o(value.spec);
    const entry: [unknown, unknown] = [o(spec.cpu).guest, o(spec.memory).guest];
    if (value.kind === 'VirtualMachineClusterInstancetype') this.instancetypes.set(`cluster/${name}`, entry);
    if (value.kind === 'VirtualMachineInstancetype') this.instancetypes.set(`${namespaceOf(value)}/${name}`, entry);
  }

  /** Resolves the instancetype references; returns what could not be counted. */
  finish(): Unknown[] {
    const out: Unknown[] = [];
    for (const u of this.unknowns) {
      if (!('instancetype' in u)) {
        out.push(u);
        continue;
      }
      const { namespace, object, instancetype, copies } = u;
      const unknown = (what: string, reason: string): void => {
        out.push({ namespace, object, what, reason });
      };
      if (isObjectish(instancetype.inferFromVolume) || typeof instancetype.inferFromVolume === 'string') {
        // KubeVirt reads the instancetype from the volume's labels at admission, then sets name and kind.
        unknown('vCPUs and memory', `instancetype inferred from volume ${JSON.stringify(instancetype.inferFromVolume)} when the VM is created; not known offline`);
        continue;
      }
      if (typeof instancetype.name !== 'string') {
        unknown('vCPUs and memory', 'spec.instancetype has no name');
        continue;
      }
      const kind = typeof instancetype.kind === 'string' ? instancetype.kind.toLowerCase() : '';
      const namespaced = NAMESPACED_KINDS.has(kind);
      if (!namespaced && !CLUSTER_KINDS.has(kind)) {
        unknown('vCPUs and memory', `instancetype kind ${JSON.stringify(instancetype.kind)} is not VirtualMachineInstancetype or VirtualMachineClusterInstancetype`);
        continue;
      }
      const fromInput = this.instancetypes.get(namespaced ? `${namespace}/${instancetype.name}` : `cluster/${instancetype.name}`);
      const found = fromInput ?? (namespaced ? undefined : COMMON_INSTANCETYPES[instancetype.name]);
      if (!found) {
        unknown('vCPUs and memory', `instancetype ${instancetype.name}`);
        continue;
      }
      const t = this.ns(namespace);
      const cpu = typeof found[0] === 'number' && Number.isInteger(found[0]) && found[0] >= 1 ? found[0] : undefined;
      const memory = parseQuantity(found[1]);
      if (cpu === undefined) unknown('vCPUs', `instancetype ${instancetype.name} has no usable cpu.guest`);
      else t.vcpus += cpu * copies;
      if (memory === undefined) unknown('memory', `instancetype ${instancetype.name} has no usable memory.guest`);
      else t.memory += memory * BigInt(copies);
    }
    return out;
  }
}

function isObjectish(v: unknown): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function namespaceOf(value: any): string {
  const ns = o(value.metadata).namespace;
  return typeof ns === 'string' && ns !== '' ? ns : '(unset)';
}

/** Totals objects as they are read. */
class Builder {
  readonly report = new Report();
  readonly counted = new Map<string, number>();
  ignored = 0;

  add(value: any): void {
    if (!isObjectish(value) || typeof value.kind !== 'string' || typeof value.apiVersion !== 'string') {
      this.ignored++;
      return;
    }
    const report = this.report;
    const namespace = namespaceOf(value);
    const object = `${value.kind}/${typeof o(value.metadata).name === 'string' ? value.metadata.name : '<unnamed>'}`;
    const group = value.apiVersion.includes('/') ? value.apiVersion.split('/')[0] : '';
    const spec = o(value.spec);
    if (group === 'instancetype.kubevirt.io') report.addInstancetype(value);
    if (group === 'kubevirt.io' && value.kind === 'VirtualMachine') {
      report.ns(namespace).machines++;
      report.addVmSpec(namespace, object, spec, 1);
    } else if (group === 'pool.kubevirt.io' && value.kind === 'VirtualMachinePool') {
      const replicas = typeof spec.replicas === 'number' && Number.isInteger(spec.replicas) && spec.replicas >= 0 ? spec.replicas : 1;
      const t = report.ns(namespace);
      t.pools++;
      t.poolReplicas += replicas;
      report.addVmSpec(namespace, object, o(o(spec.virtualMachineTemplate).spec), replicas);
    } else if (group === 'cdi.kubevirt.io' && value.kind === 'DataVolume') {
      report.addStorage(namespace, object, spec, 1, 'storage');
    } else if (group === '' && value.kind === 'PersistentVolumeClaim') {
      report.addStorage(namespace, object, spec, 1, 'storage');
    } else {
      this.ignored++;
      return;
    }
    this.counted.set(value.kind, (this.counted.get(value.kind) ?? 0) + 1);
  }
}

// ---- output ------------------------------------------------------------------------------------

interface Row {
  readonly namespace: string;
  readonly t: Totals;
}

function rows(report: Report): { rows: Row[]; total: Totals } {
  const namespaces = [...report.byNamespace.keys()].sort();
  const total = emptyTotals();
  const out: Row[] = [];
  for (const namespace of namespaces) {
    const t = report.byNamespace.get(namespace)!;
    out.push({ namespace, t });
    total.machines += t.machines;
    total.pools += t.pools;
    total.poolReplicas += t.poolReplicas;
    total.vcpus += t.vcpus;
    total.memory += t.memory;
    for (const [cls, s] of t.storage) {
      const e = total.storage.get(cls) ?? { bytes: 0n, claims: 0 };
      e.bytes += s.bytes;
      e.claims += s.claims;
      total.storage.set(cls, e);
    }
  }
  return { rows: out, total };
}

const COMPUTE_HEAD = ['NAMESPACE', 'VMS', 'POOLS', 'POOL REPLICAS', 'VCPUS', 'MEMORY'];
const STORAGE_HEAD = ['NAMESPACE', 'STORAGE CLASS', 'CLAIMS', 'REQUESTED'];
const COMPUTE_HEAD_MD = ['Namespace', 'VMs', 'Pools', 'Pool replicas', 'vCPUs', 'Guest memory'];
const STORAGE_HEAD_MD = ['Namespace', 'Storage class', 'Claims', 'Requested'];
/** Which columns are right-aligned. */
const COMPUTE_RIGHT = [false, true, true, true, true, true];
const STORAGE_RIGHT = [false, false, true, true];

function computeCells(label: string, t: Totals): string[] {
  return [label, String(t.machines), String(t.pools), String(t.poolReplicas), String(t.vcpus), formatGi(t.memory)];
}

function storageCells(label: string, t: Totals): string[][] {
  return [...t.storage.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([cls, s]) => [label, cls, String(s.claims), formatGi(s.bytes)]);
}

function tables(report: Report): { compute: string[][]; storage: string[][] } {
  const { rows: rs, total } = rows(report);
  const compute = rs.map(r => computeCells(r.namespace, r.t));
  compute.push(computeCells('TOTAL', total));
  const storage = rs.flatMap(r => storageCells(r.namespace, r.t));
  storage.push(...storageCells('TOTAL', total));
  return { compute, storage };
}

function textTable(head: string[], right: boolean[], body: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map(r => r[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(head), ...body.map(line)].map(l => `${l}\n`).join('');
}

function unknownLine(u: Unknown): string {
  return `${u.namespace} ${u.object}: ${u.what} not counted (${u.reason})`;
}

function renderText(report: Report, unknowns: Unknown[]): string {
  const { compute, storage } = tables(report);
  let out = textTable(COMPUTE_HEAD, COMPUTE_RIGHT, compute);
  out += '\n';
  out += storage.length > 0 ? textTable(STORAGE_HEAD, STORAGE_RIGHT, storage) : 'no storage requested\n';
  if (unknowns.length > 0) {
    out += '\nnot counted:\n';
    for (const u of unknowns) out += `  ${unknownLine(u)}\n`;
  }
  return out;
}

function mdEscape(s: string): string {
  return s.replace(/\|/g, '\\|');
}

function markdownTable(head: string[], right: boolean[], body: string[][]): string {
  const bold = (r: string[]): string[] => (r[0] === 'TOTAL' ? r.map(c => (c === '' ? c : `**${c}**`)) : r);
  const line = (cells: string[]): string => `| ${cells.map(mdEscape).join(' | ')} |\n`;
  return line(head)
    + `|${right.map(r => (r ? ' ---: ' : ' --- ')).join('|')}|\n`
    + body.map(r => line(bold(r))).join('');
}

function renderMarkdown(report: Report, unknowns: Unknown[]): string {
  const { compute, storage } = tables(report);
  let out = '### KubeVirt resource requests\n\n';
  out += markdownTable(COMPUTE_HEAD_MD, COMPUTE_RIGHT, compute);
  out += '\n#### Storage\n\n';
  out += storage.length > 0 ? markdownTable(STORAGE_HEAD_MD, STORAGE_RIGHT, storage) : 'No storage requested.\n';
  if (unknowns.length > 0) {
    out += '\n#### Not counted\n\n';
    for (const u of unknowns) out += `- \`${u.namespace}\` \`${u.object}\`: ${u.what} not counted (${u.reason})\n`;
  }
  return out;
}

function bytesJson(b: bigint): number | string {
  return b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b.toString();
}

function totalsJson(t: Totals): any {
  return {
    machines: t.machines,
    pools: t.pools,
    poolReplicas: t.poolReplicas,
    vcpus: t.vcpus,
    memoryBytes: bytesJson(t.memory),
    memory: formatGi(t.memory),
    storage: [...t.storage.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([storageClass, s]) => ({ storageClass, claims: s.claims, bytes: bytesJson(s.bytes), size: formatGi(s.bytes) })),
  };
}

function renderJson(report: Report, unknowns: Unknown[]): string {
  const { rows: rs, total } = rows(report);
  return `${JSON.stringify({
    namespaces: rs.map(r => ({ namespace: r.namespace, ...totalsJson(r.t) })),
    total: totalsJson(total),
    notCounted: unknowns,
  }, null, 2)}\n`;
}

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
