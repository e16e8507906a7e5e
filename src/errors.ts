import { KUBEVIRT_ERROR_MARK } from './private/errors';

/**
 * The library's own rejections of bad input.
 *
 * Every error the library raises is a JavaScript `Error` whose `name` is `KubevirtError` and whose
 * message has the form
 * `<Kind> '<construct path>': <property> <problem>: got <value>; <what is allowed> (<rule id>)`.
 * The rule id names the check; `src/rules/README.md` lists every id.
 *
 * jsii cannot export a subclass of `Error`, so this class only recognises such errors:
 * `KubevirtError.isKubevirtError(e)` works from every jsii language, as aws-cdk's
 * `Errors.isValidationError` does (it looks for a marker property, not the prototype chain), and in
 * TypeScript `e instanceof KubevirtError` works too.
 *
 * @example
 * try {
 *   new Machine(chart, 'web', { cpu: { cores: 0 } });
 * } catch (e) {
 *   if (KubevirtError.isKubevirtError(e)) { console.error((e as Error).message); }
 * }
 */
export class KubevirtError {
  /** True when `x` is an error raised by this library. */
  public static isKubevirtError(x: any): boolean {
    return x !== null && typeof x === 'object' && x[KUBEVIRT_ERROR_MARK] === true;
  }

  /** @internal */
  public static [Symbol.hasInstance](x: any): boolean {
    return KubevirtError.isKubevirtError(x);
  }

  private constructor() {}
}
