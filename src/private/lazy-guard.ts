/**
 * The runtime type guards (guard.ts), loaded on the first guarded call rather than when the library
 * is required: public classes call them from their constructors and methods only, and guard.ts with
 * the type information it reads (guard-assembly.ts) is a sizeable part of what requiring the library
 * would otherwise compile. Same functions, same checks. Internal: not exported from the package.
 */
import type * as Guard from './guard';
import { onFirstUse } from './lazy';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const guard = onFirstUse((): typeof Guard => require('./guard'));

/**
 * Checks the arguments of a constructor: `guardNew('cdk8s-kubevirt.Machine', [scope, id, props])`.
 * A construct is named by the path it would get.
 */
export function guardNew(fqn: string, args: unknown[]): void {
  guard().guardNew(fqn, args);
}

/**
 * Checks the arguments of a method: `guardCall(this, 'cdk8s-kubevirt.DiskSet', 'addDisk', [name, options])`,
 * or of a static factory with `self` undefined.
 */
export function guardCall(self: object | undefined, fqn: string, method: string, args: unknown[]): void {
  guard().guardCall(self, fqn, method, args);
}
