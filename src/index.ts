export * from './machine';
export * from './machine-template';
export * from './disk-set';
export * from './disk-source';
export * from './network';
export * from './probe';
export * from './cloud-init';
export * from './access-credential';
