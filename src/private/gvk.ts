/**
 * The apiVersion and kind of each object the library emits through a plain `ApiObject`.
 * Internal: not exported from the package.
 *
 * The same values as the generated classes' `GVK` (src/imports/, checked by test/private/gvk.test.ts),
 * kept here so that requiring the library does not load the generated L1 bindings (about 1.5 MB of
 * JavaScript) just to read two strings.
 */
import type { GroupVersionKind } from 'cdk8s';

const gvk = (apiVersion: string, kind: string): GroupVersionKind => Object.freeze({ apiVersion, kind });

export const VIRTUAL_MACHINE = gvk('kubevirt.io/v1', 'VirtualMachine');
export const VIRTUAL_MACHINE_POOL = gvk('pool.kubevirt.io/v1beta1', 'VirtualMachinePool');
export const DATA_VOLUME = gvk('cdi.kubevirt.io/v1beta1', 'DataVolume');
export const DATA_SOURCE = gvk('cdi.kubevirt.io/v1beta1', 'DataSource');
export const DATA_IMPORT_CRON = gvk('cdi.kubevirt.io/v1beta1', 'DataImportCron');
export const VIRTUAL_MACHINE_CLONE = gvk('clone.kubevirt.io/v1beta1', 'VirtualMachineClone');
export const VIRTUAL_MACHINE_EXPORT = gvk('export.kubevirt.io/v1', 'VirtualMachineExport');
export const MIGRATION_POLICY = gvk('migrations.kubevirt.io/v1alpha1', 'MigrationPolicy');
export const VIRTUAL_MACHINE_SNAPSHOT = gvk('snapshot.kubevirt.io/v1beta1', 'VirtualMachineSnapshot');
export const VIRTUAL_MACHINE_RESTORE = gvk('snapshot.kubevirt.io/v1beta1', 'VirtualMachineRestore');
export const VIRTUAL_MACHINE_INSTANCETYPE = gvk('instancetype.kubevirt.io/v1beta1', 'VirtualMachineInstancetype');
export const VIRTUAL_MACHINE_CLUSTER_INSTANCETYPE = gvk('instancetype.kubevirt.io/v1beta1', 'VirtualMachineClusterInstancetype');
export const VIRTUAL_MACHINE_PREFERENCE = gvk('instancetype.kubevirt.io/v1beta1', 'VirtualMachinePreference');
export const VIRTUAL_MACHINE_CLUSTER_PREFERENCE = gvk('instancetype.kubevirt.io/v1beta1', 'VirtualMachineClusterPreference');
