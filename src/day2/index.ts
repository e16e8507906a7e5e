export { SnapshotDeletionPolicy, MachineSnapshotOptions, MachineSnapshotProps, MachineSnapshot, RestoreTargetReadinessPolicy, MachineRestoreOptions, MachineRestoreProps, MachineRestore } from './snapshot';
export { MachineCloneOptions, MachineCloneProps, MachineClone } from './clone';
export { MachineExportOptions, MachineExportProps, MachineExport } from './export';
export { SnapshotScheduleOptions, SnapshotScheduleProps, SnapshotSchedule } from './snapshot-schedule';
export { MigrationPolicyProps, MigrationPolicy } from './migration-policy';
