/**
 * `cdk8s-kubevirt report PATH…`: totals what manifests ask of the cluster, per namespace.
 *
 * - machines: VirtualMachines; pools: VirtualMachinePools and the sum of their replicas (default 1);
 * - vCPUs: sockets × cores × threads (each defaults to 1); a pool counts × replicas; a VM with
 *   `spec.instancetype` takes the instancetype's `spec.cpu.guest`, from an instancetype object in the same
 *   input, else (for VirtualMachineClusterInstancetype) from the KubeVirt common-instancetypes table
 *   below, else it is listed as unknown;
 * - guest memory: `domain.memory.guest`, else `domain.resources.requests.memory` (or the instancetype's
 *   `spec.memory.guest`);
 * - storage per storage class: dataVolumeTemplates (× replicas in pools), DataVolumes and
 *   PersistentVolumeClaims, `spec.storage` or `spec.pvc` `resources.requests.storage`; `(default)` when
 *   no class is named, `(none)` for `storageClassName: ""`.
 *
 * Quantities are parsed exactly (BigInt bytes; Ki/Mi/Gi/Ti/Pi/Ei, k/M/G/T/P/E, m, exponents, plain
 * numbers; fractional bytes round up like Kubernetes) and shown in GiB with 2 decimals.
 */
import { CliIo } from './io';
import { parseCommand, readAll } from './yaml-source';
import { parseQuantityExact } from '../private/quantity';

const USAGE = `usage: cdk8s-kubevirt report [options] PATH…

Totals what KubeVirt manifests ask of the cluster, per namespace: VirtualMachines, pools and their
replicas, vCPUs, guest memory, and requested storage per storage class. PATH is a file, a folder
(every *.yaml and *.yml in it, recursively) or - for standard input.

options:
  --format text|json|markdown   output format (default text)
  -h, --help                    show this help

exit codes: 0 report written, 2 unreadable input, YAML syntax error or bad usage
`;

/**
 * KubeVirt common-instancetypes (kubevirt/common-instancetypes, instancetypes/{u,o,cx,m}/1/sizes.yaml):
 * name → [spec.cpu.guest, spec.memory.guest]. All are VirtualMachineClusterInstancetypes.
 */
const COMMON_INSTANCETYPES: Record<string, [number, string]> = {
  'u1.nano': [1, '512Mi'],
  'u1.micro': [1, '1Gi'],
  'u1.small': [1, '2Gi'],
  'u1.medium': [1, '4Gi'],
  'u1.2xmedium': [2, '4Gi'],
  'u1.large': [2, '8Gi'],
  'u1.xlarge': [4, '16Gi'],
  'u1.2xlarge': [8, '32Gi'],
  'u1.4xlarge': [16, '64Gi'],
  'u1.8xlarge': [32, '128Gi'],
  'o1.nano': [1, '512Mi'],
  'o1.micro': [1, '1Gi'],
  'o1.small': [1, '2Gi'],
  'o1.medium': [1, '4Gi'],
  'o1.large': [2, '8Gi'],
  'o1.xlarge': [4, '16Gi'],
  'o1.2xlarge': [8, '32Gi'],
  'o1.4xlarge': [16, '64Gi'],
  'o1.8xlarge': [32, '128Gi'],
  'cx1.medium': [1, '2Gi'],
  'cx1.large': [2, '4Gi'],
  'cx1.xlarge': [4, '8Gi'],
  'cx1.2xlarge': [8, '16Gi'],
  'cx1.4xlarge': [16, '32Gi'],
  'cx1.8xlarge': [32, '64Gi'],
  'm1.large': [2, '16Gi'],
  'm1.xlarge': [4, '32Gi'],
  'm1.2xlarge': [8, '64Gi'],
  'm1.4xlarge': [16, '128Gi'],
  'm1.8xlarge': [32, '256Gi'],
  'm1.large1gi': [2, '16Gi'],
  'm1.xlarge1gi': [4, '32Gi'],
  'm1.2xlarge1gi': [8, '64Gi'],
  'm1.4xlarge1gi': [16, '128Gi'],
  'm1.8xlarge1gi': [32, '256Gi'],
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

function positiveInt(v: unknown, dflt: number): number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : dflt;
}

class Report {
  readonly byNamespace = new Map<string, Totals>();
  readonly unknowns: Unknown[] = [];
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
      this.unknowns.push({ namespace, object, what, reason: raw === undefined ? 'no storage request (size taken from the source)' : `storage request ${JSON.stringify(raw)} is not a quantity` });
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
    let cpu: number | undefined;
    let memory: bigint | undefined;
    let memoryRaw: unknown;
    if (typeof instancetype.name === 'string') {
      const namespaced = instancetype.kind === 'VirtualMachineInstancetype' || instancetype.kind === 'virtualmachineinstancetype';
      const fromInput = this.instancetypes.get(namespaced ? `${namespace}/${instancetype.name}` : `cluster/${instancetype.name}`);
      const common = namespaced ? undefined : COMMON_INSTANCETYPES[instancetype.name];
      const found = fromInput ?? common;
      if (!found) {
        this.unknowns.push({ namespace, object, what: 'vCPUs and memory', reason: `instancetype ${instancetype.name}` });
      } else {
        cpu = typeof found[0] === 'number' && Number.isInteger(found[0]) && found[0] >= 1 ? found[0] : undefined;
        memoryRaw = found[1];
        memory = parseQuantity(memoryRaw);
        if (cpu === undefined) this.unknowns.push({ namespace, object, what: 'vCPUs', reason: `instancetype ${instancetype.name} has no usable cpu.guest` });
        if (memory === undefined) this.unknowns.push({ namespace, object, what: 'memory', reason: `instancetype ${instancetype.name} has no usable memory.guest` });
      }
    } else {
      const c = o(domain.cpu);
      cpu = positiveInt(c.sockets, 1) * positiveInt(c.cores, 1) * positiveInt(c.threads, 1);
      memoryRaw = o(domain.memory).guest ?? o(o(domain.resources).requests).memory;
      memory = parseQuantity(memoryRaw);
      if (memory === undefined) {
        this.unknowns.push({ namespace, object, what: 'memory', reason: memoryRaw === undefined ? 'no memory.guest or resources.requests.memory' : `memory ${JSON.stringify(memoryRaw)} is not a quantity` });
      }
    }
    if (cpu !== undefined) t.vcpus += cpu * copies;
    if (memory !== undefined) t.memory += memory * BigInt(copies);
    const templates = Array.isArray(vmSpec.dataVolumeTemplates) ? vmSpec.dataVolumeTemplates : [];
    templates.forEach((dvt: unknown, i: number) => {
      const name = o(o(dvt).metadata).name;
      this.addStorage(namespace, object, o(o(dvt).spec), copies, `dataVolumeTemplate ${typeof name === 'string' ? name : i}`);
    });
  }
}

function isObjectish(v: unknown): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function namespaceOf(value: any): string {
  const ns = o(value.metadata).namespace;
  return typeof ns === 'string' && ns !== '' ? ns : '(unset)';
}

function build(objects: any[]): { report: Report; counted: Map<string, number>; ignored: number } {
  const report = new Report();
  const counted = new Map<string, number>();
  let ignored = 0;
  // Instancetypes first, so that a VM can use one that comes later in the input.
  for (const value of objects) {
    if (!isObjectish(value) || typeof value.apiVersion !== 'string' || !value.apiVersion.startsWith('instancetype.kubevirt.io/')) continue;
    const name = o(value.metadata).name;
    if (typeof name !== 'string') continue;
    const spec = o(value.spec);
    const entry: [unknown, unknown] = [o(spec.cpu).guest, o(spec.memory).guest];
    if (value.kind === 'VirtualMachineClusterInstancetype') report.instancetypes.set(`cluster/${name}`, entry);
    if (value.kind === 'VirtualMachineInstancetype') report.instancetypes.set(`${namespaceOf(value)}/${name}`, entry);
  }
  for (const value of objects) {
    if (!isObjectish(value) || typeof value.kind !== 'string' || typeof value.apiVersion !== 'string') {
      ignored++;
      continue;
    }
    const namespace = namespaceOf(value);
    const object = `${value.kind}/${typeof o(value.metadata).name === 'string' ? value.metadata.name : '<unnamed>'}`;
    const group = value.apiVersion.includes('/') ? value.apiVersion.split('/')[0] : '';
    const spec = o(value.spec);
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
      ignored++;
      continue;
    }
    counted.set(value.kind, (counted.get(value.kind) ?? 0) + 1);
  }
  return { report, counted, ignored };
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

function renderText(report: Report): string {
  const { compute, storage } = tables(report);
  let out = textTable(COMPUTE_HEAD, COMPUTE_RIGHT, compute);
  out += '\n';
  out += storage.length > 0 ? textTable(STORAGE_HEAD, STORAGE_RIGHT, storage) : 'no storage requested\n';
  if (report.unknowns.length > 0) {
    out += '\nnot counted:\n';
    for (const u of report.unknowns) out += `  ${unknownLine(u)}\n`;
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

function renderMarkdown(report: Report): string {
  const { compute, storage } = tables(report);
  let out = '### KubeVirt resource requests\n\n';
  out += markdownTable(COMPUTE_HEAD_MD, COMPUTE_RIGHT, compute);
  out += '\n#### Storage\n\n';
  out += storage.length > 0 ? markdownTable(STORAGE_HEAD_MD, STORAGE_RIGHT, storage) : 'No storage requested.\n';
  if (report.unknowns.length > 0) {
    out += '\n#### Not counted\n\n';
    for (const u of report.unknowns) out += `- \`${u.namespace}\` \`${u.object}\`: ${u.what} not counted (${u.reason})\n`;
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

function renderJson(report: Report): string {
  const { rows: rs, total } = rows(report);
  return `${JSON.stringify({
    namespaces: rs.map(r => ({ namespace: r.namespace, ...totalsJson(r.t) })),
    total: totalsJson(total),
    notCounted: report.unknowns,
  }, null, 2)}\n`;
}

/** Runs `report`; returns the exit code. */
export function run(args: string[], io: CliIo): number {
  const parsed = parseCommand('report', args, {}, ['text', 'json', 'markdown'], USAGE, io);
  if (typeof parsed === 'number') return parsed;
  const { paths, format } = parsed;
  const { files, errors } = readAll(paths, io);
  if (errors.length > 0) {
    for (const e of errors) io.stderr(`cdk8s-kubevirt report: ${e}\n`);
    io.stderr('cdk8s-kubevirt report: no report: the input could not be read completely\n');
    return 2;
  }
  const { report, counted, ignored } = build(files.flatMap(f => f.objects.map(obj => obj.value)));
  io.stdout(format === 'json' ? renderJson(report) : format === 'markdown' ? renderMarkdown(report) : renderText(report));
  const summary = [...counted.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([k, n]) => `${k}: ${n}`).join(', ');
  io.stderr(`counted ${summary || 'nothing'}${ignored > 0 ? `; ignored ${ignored} other object${ignored === 1 ? '' : 's'}` : ''}\n`);
  return 0;
}
