export * from './errors';
export * from './machine';
export * from './storage';
export * from './cloud-init';
export * from './network';
export * from './fleet';
export * from './day2';
export * as viti from './viti';
export * from './secret-kind';
