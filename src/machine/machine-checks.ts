/**
 * The construct-time checks of a machine definition (Machine and MachinePool): the props, the template
 * and the disks, as frozen at construction. Rendering is in machine-spec.ts. Internal: not exported.
 */
import { Construct } from 'constructs';
import { checkDevices } from './devices';
import { MachineOptions } from './machine-options';
import { MachineTemplate } from './machine-template';
import { checkPodOptions } from './pod-options';
import { checkTuning } from './tuning';
import { Network } from '../network/network';
import { fail } from '../private/errors';
import { DNS1123_LABEL_ALLOWED, isDns1123Label } from '../private/names';
import { checkCount, checkSize, durationText, wholeSeconds } from '../private/units';
import { DiskSet } from '../storage/disk-set';

const CPU_FIELDS = ['cores', 'sockets', 'threads'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What the checks need to know of the owner's identity (see DefinitionIdentity in machine-spec.ts). */
export interface CheckedIdentity {
  readonly name: string;
  readonly namespace?: string;
  readonly firmwareUuid?: string;
  readonly noFirmwareUuid?: boolean;
}

/** Fails unless a Machine's or a pool's name is a DNS-1123 label. */
export function checkOwnerName(owner: Construct, name: string, fromId: boolean): void {
  if (!isDns1123Label(name)) {
    fail(owner, {
      property: fromId ? 'name (from the construct id)' : 'name',
      problem: 'must be a DNS-1123 label',
      value: name,
      allowed: `${DNS1123_LABEL_ALLOWED}; set props.name when the construct id is not one`,
      ruleId: 'vm-name-length',
    });
  }
}

/** Every construct-time check of a definition: props against the template, networks, disks' namespaces. */
export function checkDefinition(who: string, id: CheckedIdentity, p: MachineOptions, t: MachineTemplate,
  networks: readonly Network[], disks: DiskSet): void {
  checkOptions(who, id, p, t, networks);
  checkSourceNamespaces(who, id, disks);
  checkSameNamespace(who, id, t, disks);
}

function checkOptions(who: string, id: CheckedIdentity, p: MachineOptions, t: MachineTemplate, networks: readonly Network[]): void {
  if (t._instancetype && (p.cpu !== undefined || p.memory !== undefined)) {
    fail(who, {
      property: p.cpu !== undefined ? 'cpu' : 'memory',
      problem: `cannot override the instancetype '${t.instancetype}'`,
      value: p.cpu ?? p.memory!.asString(),
      allowed: 'KubeVirt rejects CPU or memory set together with an instancetype: use MachineTemplate.custom({ cpu, memory }) with explicit values, or pick another instancetype',
      ruleId: p.cpu !== undefined ? 'instancetype-cpu-conflict' : 'instancetype-memory-conflict',
    });
  }
  if (p.cpu) for (const field of CPU_FIELDS) checkCount(who, `cpu.${field}`, p.cpu[field]);
  checkSize(who, 'memory', p.memory);
  const names = new Set<string>();
  for (const n of networks) checkNewNetwork(who, n, names);
  if (p.terminationGracePeriod !== undefined && wholeSeconds(p.terminationGracePeriod) === undefined) {
    fail(who, { property: 'terminationGracePeriod', problem: 'must be a whole number of seconds', value: durationText(p.terminationGracePeriod), allowed: 'e.g. Duration.minutes(3)' });
  }
  checkDevices(who, p);
  const sockets = t.cpu ? p.cpu?.sockets ?? t.cpu.sockets : undefined;
  checkTuning(who, { ...p, sockets, memory: t.memory ? p.memory ?? t.memory : undefined });
  checkPodOptions(who, p);
  if (id.firmwareUuid !== undefined && !UUID.test(id.firmwareUuid)) {
    fail(who, { property: 'firmwareUuid', problem: 'must be a lowercase UUID', value: id.firmwareUuid, allowed: 'e.g. 5d307ca9-b3ef-428c-8861-06e72d69f223' });
  }
  if (id.noFirmwareUuid && id.firmwareUuid !== undefined) {
    fail(who, { property: 'stableFirmwareUuid', problem: 'cannot be false when firmwareUuid is set', value: false, allowed: 'either firmwareUuid or stableFirmwareUuid: false' });
  }
}

/** CDI requires a namespace on clone and snapshot sources; the machine's namespace fills it in. */
function checkSourceNamespaces(who: string, id: CheckedIdentity, disks: DiskSet): void {
  if (id.namespace !== undefined) return; // the machine's namespace fills in any source's
  for (const { disk, needsNamespace } of disks._storage(id.name)) {
    if (needsNamespace && id.namespace === undefined) {
      fail(who, {
        property: `disks '${disk}'.source`,
        problem: 'needs a namespace: CDI requires one for clone and snapshot sources',
        value: undefined,
        allowed: 'give the source a namespace, or give the machine (or its chart) one',
      });
    }
  }
}

/**
 * Standalone DataVolumes and un-namespaced golden images must be in the machine's namespace; a
 * template that infers from a volume needs that volume to be a DataVolume or PVC disk.
 */
function checkSameNamespace(who: string, id: CheckedIdentity, t: MachineTemplate, disks: DiskSet): void {
  const infer = t._instancetype?.inferFromVolume;
  if (infer !== undefined && !disks._storageBacked().includes(infer)) {
    fail(who, {
      property: 'template',
      problem: 'infers from a volume that is not a DataVolume or PVC disk of this machine',
      value: infer,
      allowed: `one of ${disks._storageBacked().join(', ') || '(none)'}`,
    });
  }
  for (const { disk, what, namespace } of disks._sameNamespace()) {
    if (namespace !== id.namespace) {
      fail(who, {
        property: `disks '${disk}'.source`,
        problem: `refers to ${what}, which is in ${namespace === undefined ? 'no namespace' : `namespace '${namespace}'`}`,
        value: id.namespace ?? null,
        allowed: 'a machine in the same namespace: a VM can only use volumes of its own namespace',
      });
    }
  }
}

/** Fails when a network's name is already in `names`; adds it otherwise. */
export function checkNewNetwork(who: string, n: Network, names: Set<string>): void {
  if (names.has(n.name)) {
    fail(who, { property: 'networks', problem: 'has two networks with the same name', value: n.name, allowed: 'unique network names', ruleId: 'network-name-unique' });
  }
  names.add(n.name);
}
