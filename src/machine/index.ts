export { Machine } from './machine';
export { IMachine } from './machine-ref';
export { CpuTopology, HypervPreset, DomainFeatures, EfiOptions, Firmware, ResourceScope, InstancetypeOptions, InferFromVolumeFailurePolicy, InferFromVolumeOptions, MachineTemplateProps, MachineTemplate } from './machine-template';
export { RunStrategy, Architecture, EvictionStrategy, HostDevice, MachineOptions, MachineProps } from './machine-options';
export { ProbeOptions, Probe } from './probe';
export { ExposeOptions } from './expose';
