export { PoolUpdateStrategy, PoolScaleInStrategy, MaxUnavailable, MachinePoolProps, MachinePool } from './machine-pool';
export { ISchedulable, PlacementOptions, SpreadOptions, MachineScheduling } from './placement';
export { MachineInstancetypeProps, MachineInstancetype } from './instancetype';
