/**
 * The admission rules (src/rules/, about 20 modules), loaded at the first synthesis rather than when
 * the library is required. Internal: not exported from the package. Apart from lazy.ts because the
 * rules themselves use lazy.ts (through k8s-validation.ts).
 */
import type * as Rules from '../rules/check';

let rulesModule: typeof Rules | undefined;

/** `require('../rules/check')`, on first call. */
export function rules(): typeof Rules {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (rulesModule ??= require('../rules/check'));
}
