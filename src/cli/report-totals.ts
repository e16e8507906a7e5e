/**
 * `report`: the totals per namespace (machines, pools, vCPUs, guest memory, storage per class), built
 * object by object; VMs with an instancetype are resolved once every instancetype of the input is known.
 */
import { o, parseQuantity, vcpusOf } from './report-sizes';
import { showValue } from '../private/errors';

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

// ---- totals ------------------------------------------------------------------------------------

export interface Unknown {
  readonly namespace: string;
  readonly object: string;
  readonly what: string;
  readonly reason: string;
}

export interface StorageTotal {
  bytes: bigint;
  claims: number;
}

export interface Totals {
  machines: number;
  pools: number;
  poolReplicas: number;
  vcpus: number;
  memory: bigint;
  storage: Map<string, StorageTotal>;
}

export function emptyTotals(): Totals {
  return { machines: 0, pools: 0, poolReplicas: 0, vcpus: 0, memory: 0n, storage: new Map() };
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

export class Report {
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
export class Builder {
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
