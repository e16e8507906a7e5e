export * from './converter';
export * from './dialect';
