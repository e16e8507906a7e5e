export { DiskBus, DiskType, AccessMode, VolumeMode, DiskCache, DiskEmission, DiskOptions, DiskSetProps, DiskDefaults } from './disk-options';
export { DiskSet } from './disk-set';
export { RemoteSourceOptions, HttpSourceOptions, RegistryPullMethod, RegistrySourceOptions, GcsSourceOptions, ImageioSourceOptions, VddkSourceOptions, IDataVolume, DiskSourceKind, ObjectVolumeOptions } from './disk-source-options';
export { DiskSource } from './disk-source';
export { DataVolumeContentType, DataVolumeProps, DataVolume } from './data-volume';
export { ImportGarbageCollection, ImportRetentionPolicy, RegistryImportOptions, GoldenImageSourceKind, GoldenImageSource, GoldenImageProps, GoldenImage } from './golden-image';
