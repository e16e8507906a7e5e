export * from './converter';
