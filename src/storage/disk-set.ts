import { DiskOptions, DiskType, DiskBus, DiskEmission, DiskSetProps, DiskDefaults } from './disk-options';
import type { RenderedDisks } from './disk-render';
import { DiskSource } from './disk-source';
import { DiskSourceKind } from './disk-source-options';
import { fail } from '../private/errors';
import { frozenCopy } from '../private/freeze';
import { onFirstUse } from '../private/lazy';
import { guardNew, guardCall } from '../private/lazy-guard';
import type * as ManifestCache from '../private/manifest-cache';
import { DNS1123_LABEL_ALLOWED, DNS1123_SUBDOMAIN_ALLOWED, diskClaimName, isDns1123Label, isDns1123Subdomain } from '../private/names';
import { quantity, SIZE_ALLOWED } from '../private/units';

// Used when disks change and at rendering: loaded then, not when the library is required (see onFirstUse).
/* eslint-disable @typescript-eslint/no-require-imports */
const diskRender = onFirstUse((): typeof import('./disk-render') => require('./disk-render'));
const manifestCache = onFirstUse((): typeof ManifestCache => require('../private/manifest-cache'));
/* eslint-enable @typescript-eslint/no-require-imports */

// The option types live in disk-options.ts; they are re-exported here for the modules that import them
// from disk-set (machine templates, pools, the Viti converter).
export { AccessMode, DiskBus, DiskCache, DiskDefaults, DiskEmission, DiskOptions, DiskSetProps, DiskType, VolumeMode } from './disk-options';
const SERIAL = /^[A-Za-z0-9_.+-]{1,256}$/;
const SIZED_SOURCES = new Set(['blank', 'http', 'registry', 's3', 'gcs', 'imageio', 'vddk', 'upload']);

/**
 * The disks of a machine and where their data comes from: a root disk named `root`, then data disks in
 * the order they are added.
 *
 * A DiskSet is a value, not a construct: one DiskSet can serve several machines. Each machine gets its
 * own storage, named `{machine}-{disk}` (e.g. `web-root`, `web-data`).
 *
 * @example
 * const disks = new DiskSet({ root: { source: DiskSource.registry('quay.io/containerdisks/fedora:41'), size: Size.gibibytes(30) } })
 *   .addDisk('data', { size: Size.gibibytes(100), storageClass: 'fast-ssd' });
 * // each machine gets its own DataVolumes: web-root and web-data, db-root and db-data
 * new Machine(chart, 'web', { disks });
 * new Machine(chart, 'db', { disks });
 */
export class DiskSet {
  /** How disks that need storage are emitted. */
  public readonly emit: DiskEmission;
  /** Name of the root disk. */
  public readonly rootName: string;
  private readonly entries: Array<{ name: string; options: DiskOptions }> = [];
  /** The constructs that use this set; once there is one, the set is read-only. */
  private readonly users: string[] = [];

  constructor(props: DiskSetProps = {}) {
    guardNew('cdk8s-kubevirt.DiskSet', [props]);
    this.emit = props.emit ?? DiskEmission.DATA_VOLUME_TEMPLATES;
    this.rootName = props.rootName ?? 'root';
    this.add(this.rootName, props.root ?? {}, true);
  }

  /** Names of the disks, in order. */
  public get names(): string[] {
    return this.entries.map(e => e.name);
  }

  /**
   * Records that `who` (a machine or pool) uses this set: from now on it is read-only, so that what the
   * machine checked at construction is what it emits.
   * @internal
   */
  public _bind(who: string): void {
    this.users.push(who);
  }

  /**
   * Disks whose source needs the machine's namespace, and the names of the storage they create.
   * @internal
   */
  public _storage(machineName: string): Array<{ disk: string; claim: string; needsNamespace: boolean }> {
    return this.entries
      .filter(e => e.options.source!.kind === DiskSourceKind.DATA_VOLUME)
      .map(e => ({
        disk: e.name,
        claim: e.options.claimName ?? diskClaimName(machineName, e.name),
        needsNamespace: e.options.source!._needsNamespace(),
      }));
  }

  /**
   * Names of disks backed by a DataVolume or PVC (what KubeVirt can infer an instancetype from).
   * @internal
   */
  public _storageBacked(): string[] {
    return this.entries.filter(e => e.options.source!.kind !== DiskSourceKind.CONTAINER_DISK).map(e => e.name);
  }

  /**
   * Disks whose source must be in the machine's namespace: a standalone DataVolume (with its
   * namespace), or a GoldenImage without a namespace.
   * @internal
   */
  public _sameNamespace(): Array<{ disk: string; what: string; namespace?: string }> {
    return this.entries
      .filter(e => e.options.source!._sameNamespaceAs !== undefined)
      .map(e => ({ disk: e.name, what: e.options.source!._sameNamespaceAs!, namespace: e.options.source!._attachedNamespace }));
  }

  /**
   * Adds a data disk. Disks appear in the VM in the order they are added, after the root disk.
   * @param name a DNS-1123 label, unique in the set
   */
  public addDisk(name: string, options: DiskOptions = {}): DiskSet {
    guardCall(this, 'cdk8s-kubevirt.DiskSet', 'addDisk', [name, options]);
    return this.add(name, options, false);
  }

  private add(name: string, options: DiskOptions, isRoot: boolean): DiskSet {
    const who = `DiskSet disk '${name}'`;
    if (this.users.length > 0) {
      fail('DiskSet', {
        property: 'addDisk',
        problem: `cannot change a DiskSet that ${this.users.join(', ')} already ${this.users.length === 1 ? 'uses' : 'use'}`,
        value: name,
        allowed: 'add every disk before a machine takes the DiskSet, or give the machine a DiskSet of its own',
      });
    }
    options = frozenCopy(who, 'options', options);
    if (!isDns1123Label(name)) {
      fail('DiskSet', { property: 'name', problem: 'must be a DNS-1123 label', value: name, allowed: DNS1123_LABEL_ALLOWED, ruleId: 'disk-name-dns1123' });
    }
    if (this.entries.some(e => e.name === name)) {
      fail('DiskSet', { property: 'name', problem: 'is already used by another disk', value: name, allowed: `a name not in ${this.names.join(', ')}`, ruleId: 'disk-name-unique' });
    }
    const source = options.source ?? DiskSource.blank();
    const type = options.type ?? DiskType.DISK;
    if (options.size !== undefined && quantity(options.size) === undefined) {
      fail(who, { property: 'size', problem: 'must be a positive whole number of kibibytes', value: options.size.asString(), allowed: SIZE_ALLOWED });
    }
    if (!isRoot && options.size === undefined && source.kind === DiskSourceKind.DATA_VOLUME && SIZED_SOURCES.has(source.type)) {
      fail(who, { property: 'size', problem: `is required for a ${source.type} source`, value: undefined, allowed: 'a Size, e.g. Size.gibibytes(100)' });
    }
    if (options.size !== undefined && source.kind !== DiskSourceKind.DATA_VOLUME) {
      fail(who, { property: 'size', problem: `cannot be set for a ${source.type} source, which creates no storage`, value: options.size.asString(), allowed: 'no size' });
    }
    if (options.bootOrder !== undefined && !(Number.isInteger(options.bootOrder) && options.bootOrder >= 1)) {
      fail(who, { property: 'bootOrder', problem: 'must be a whole number of at least 1', value: options.bootOrder, allowed: 'an integer ≥ 1', ruleId: 'boot-order-min' });
    }
    if (options.serial !== undefined && !SERIAL.test(options.serial)) {
      fail(who, { property: 'serial', problem: 'must be a valid disk serial', value: options.serial, allowed: "letters, digits, '_', '.', '+' and '-', at most 256 characters", ruleId: 'disk-serial' });
    }
    if (type === DiskType.CDROM && options.bus === DiskBus.VIRTIO) {
      fail(who, { property: 'bus', problem: 'cannot be virtio for a CD-ROM', value: options.bus, allowed: 'sata, scsi or usb', ruleId: 'disk-cdrom-virtio' });
    }
    if (options.bus === DiskBus.SATA && options.readOnly && type !== DiskType.CDROM) {
      fail(who, { property: 'readOnly', problem: 'cannot be true on the sata bus', value: true, allowed: 'bus virtio or scsi for a read-only disk', ruleId: 'disk-sata-read-only' });
    }
    if (type === DiskType.LUN && source.kind === DiskSourceKind.CONTAINER_DISK) {
      fail(who, { property: 'source', problem: 'must be backed by a PVC or DataVolume for a LUN', value: source.type, allowed: 'any source except containerDisk', ruleId: 'disk-lun-source' });
    }
    if (this.emit === DiskEmission.PERSISTENT_VOLUME_CLAIMS && source.kind === DiskSourceKind.DATA_VOLUME && source.type !== 'blank') {
      fail(who, { property: 'source', problem: 'needs CDI, which DiskEmission.PERSISTENT_VOLUME_CLAIMS does without', value: source.type, allowed: 'DiskSource.blank(), existingPvc() or containerDisk(), or DiskEmission.DATA_VOLUME_TEMPLATES' });
    }
    if (source._standaloneOnly.length > 0) {
      fail(who, { property: 'source', problem: `sets ${source._standaloneOnly.join(', ')}, which KubeVirt v1.9's dataVolumeTemplates schema does not have`, value: source.type, allowed: 'a standalone DataVolume attached with DiskSource.dataVolume(), or the source without that field' });
    }
    if (options.claimName !== undefined && (source.kind !== DiskSourceKind.DATA_VOLUME || !isDns1123Subdomain(options.claimName))) {
      fail(who, source.kind !== DiskSourceKind.DATA_VOLUME
        ? { property: 'claimName', problem: `cannot be set for a ${source.type} source, which creates no storage`, value: options.claimName, allowed: 'no claimName' }
        : { property: 'claimName', problem: 'must be a Kubernetes object name', value: options.claimName, allowed: DNS1123_SUBDOMAIN_ALLOWED });
    }
    if (options.usePvcApi && this.emit === DiskEmission.PERSISTENT_VOLUME_CLAIMS) {
      fail(who, { property: 'usePvcApi', problem: 'applies to DataVolumes only', value: true, allowed: 'unset with DiskEmission.PERSISTENT_VOLUME_CLAIMS' });
    }
    checkTuningOptions(who, options, source, type);
    manifestCache().manifestsChanged();
    this.entries.push({ name, options: { ...options, source, type } });
    return this;
  }

  /**
   * Renders disks, volumes and DataVolume templates for one machine (see disk-render.ts), with keys in
   * sorted order with `sortKeys`.
   * @internal
   */
  public _render(machineName: string, defaults: DiskDefaults, sortKeys = false): RenderedDisks {
    const out: RenderedDisks = { disks: [], volumes: [], dataVolumeTemplates: [], claims: [] };
    const { renderDisk } = diskRender();
    for (let index = 0; index < this.entries.length; index++) {
      const { name, options } = this.entries[index];
      renderDisk(out, { name, options, isRoot: index === 0, machineName, emit: this.emit }, defaults, sortKeys);
    }
    return out;
  }
}

/**
 * Checks dedicatedIOThread and hotpluggable (pkg/storage/admitters/disks.go validateDiskConfiguration;
 * storagehotplug.go ValidateHotplugDiskConfiguration, KubeVirt v1.9).
 */
function checkTuningOptions(who: string, options: DiskOptions, source: DiskSource, type: DiskType): void {
  if (options.dedicatedIOThread && options.bus !== undefined && options.bus !== DiskBus.VIRTIO) {
    fail(who, { property: 'dedicatedIOThread', problem: `is not supported on the ${options.bus} bus`, value: true, allowed: 'bus virtio (or no bus: it is then set to virtio)', ruleId: 'disk-dedicated-io-thread' });
  }
  if (!options.hotpluggable) return;
  if (source.kind !== DiskSourceKind.DATA_VOLUME && source.kind !== DiskSourceKind.EXISTING_PVC) {
    fail(who, { property: 'hotpluggable', problem: `is not supported for a ${source.type} source`, value: true, allowed: 'a DataVolume source or DiskSource.existingPvc()' });
  }
  const buses = type === DiskType.LUN ? [DiskBus.SCSI] : type === DiskType.DISK ? [DiskBus.SCSI, DiskBus.VIRTIO] : [];
  if (buses.length === 0 || (options.bus !== undefined && !buses.includes(options.bus))) {
    fail(who, {
      property: 'hotpluggable',
      problem: `is not supported for a ${type} on the ${options.bus ?? 'default'} bus`,
      value: true,
      allowed: 'a disk on the virtio or scsi bus, or a LUN on the scsi bus',
    });
  }
}
