export { PoolUpdateStrategy, PoolScaleInStrategy, MaxUnavailable, MachinePoolProps, MachinePool } from './machine-pool';
export { ISchedulable, PlacementOptions, SpreadOptions, MachineScheduling } from './placement';
export { InstancetypeIoThreadsPolicy, MachineInstancetypeProps, MachineInstancetype } from './instancetype';
export { PreferenceTimer, PreferenceTimers, PreferenceClock } from './preference-clock';
export { PreferredCpuTopology, HypervFeatures, HypervSet, PreferenceOptions, MachinePreferenceProps, MachinePreference } from './preference';
export { CommonInstancetype, CommonPreference } from './common-instancetypes';
