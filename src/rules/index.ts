export * from './check';
export { LIBRARY_CHECKS, LibraryCheck } from './library-checks';
