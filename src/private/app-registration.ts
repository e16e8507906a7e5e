/**
 * Registration of a library construct with its app's index (app-index.ts), for the constructs that
 * emit objects. app-index.ts brings the Kubernetes checks (k8s-validation.ts and its families, about
 * ten modules) that run only at synthesis: it is loaded at the first registration, not when the
 * library is required. Internal: not exported from the package.
 */
import type { IConstruct } from 'constructs';
import type * as AppIndexModule from './app-index';
import { onFirstUse } from './lazy';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const appIndex = onFirstUse((): typeof AppIndexModule => require('./app-index'));

/** `AppIndex.of(owner).register(owner)`: the owner's objects take part in the app-wide checks. */
export function registerWithApp(owner: IConstruct): void {
  appIndex().AppIndex.of(owner).register(owner);
}
