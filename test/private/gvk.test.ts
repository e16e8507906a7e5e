import * as cdi from '../../src/imports/cdi.kubevirt.io';
import * as clone from '../../src/imports/clone.kubevirt.io';
import * as vmexport from '../../src/imports/export.kubevirt.io';
import * as it from '../../src/imports/instancetype.kubevirt.io';
import * as kubevirt from '../../src/imports/kubevirt.io';
import * as migrations from '../../src/imports/migrations.kubevirt.io';
import * as pool from '../../src/imports/pool.kubevirt.io';
import * as snapshot from '../../src/imports/snapshot.kubevirt.io';
import * as gvk from '../../src/private/gvk';

describe('gvk', () => {
  test('each apiVersion and kind is the generated class\'s GVK', () => {
    expect({ ...gvk }).toEqual({
      VIRTUAL_MACHINE: kubevirt.VirtualMachine.GVK,
      VIRTUAL_MACHINE_POOL: pool.VirtualMachinePool.GVK,
      DATA_VOLUME: cdi.DataVolume.GVK,
      DATA_SOURCE: cdi.DataSource.GVK,
      DATA_IMPORT_CRON: cdi.DataImportCron.GVK,
      VIRTUAL_MACHINE_CLONE: clone.VirtualMachineClone.GVK,
      VIRTUAL_MACHINE_EXPORT: vmexport.VirtualMachineExport.GVK,
      MIGRATION_POLICY: migrations.MigrationPolicy.GVK,
      VIRTUAL_MACHINE_SNAPSHOT: snapshot.VirtualMachineSnapshot.GVK,
      VIRTUAL_MACHINE_RESTORE: snapshot.VirtualMachineRestore.GVK,
      VIRTUAL_MACHINE_INSTANCETYPE: it.VirtualMachineInstancetype.GVK,
      VIRTUAL_MACHINE_CLUSTER_INSTANCETYPE: it.VirtualMachineClusterInstancetype.GVK,
      VIRTUAL_MACHINE_PREFERENCE: it.VirtualMachinePreference.GVK,
      VIRTUAL_MACHINE_CLUSTER_PREFERENCE: it.VirtualMachineClusterPreference.GVK,
    });
  });
});
