export { DiskBus, DiskType, AccessMode, VolumeMode, DiskCache, DiskEmission, DiskOptions, DiskSetProps, DiskDefaults, DiskSet } from './disk-set';
export { RemoteSourceOptions, RegistryPullMethod, RegistrySourceOptions, DiskSourceKind, ObjectVolumeOptions, DiskSource } from './disk-source';
export { ImportGarbageCollection, ImportRetentionPolicy, RegistryImportOptions, GoldenImageSourceKind, GoldenImageSource, GoldenImageProps, GoldenImage } from './golden-image';
