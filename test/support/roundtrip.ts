/**
 * `expectRoundTripClean(objects)`: every object survives KubeVirt's webhook re-encoding unchanged
 * (src/rules/roundtrip.ts), so that Argo CD and Flux see no permanent drift. Call it on what a test,
 * an example or the valid fuzz synthesizes.
 */
import { formatRoundTripDifference, roundTripDifferences } from '../../src/rules/roundtrip';

/** Thrown when an emitted object would be stored differently. */
export class RoundTripError extends Error {
  constructor(readonly differences: string[]) {
    super(`${differences.length} emitted value(s) would not be stored as emitted (KubeVirt re-encodes VirtualMachines through Go):\n  ${differences.join('\n  ')}`);
    this.name = 'RoundTripError';
  }
}

/** Every round-trip difference of these objects, as `Kind/name: <path>: emitted …, stored … (<reason>)`. */
export function roundTripProblems(objects: any[]): string[] {
  const out: string[] = [];
  for (const o of objects) {
    for (const d of roundTripDifferences(o)) out.push(`${o?.kind}/${o?.metadata?.name}: ${formatRoundTripDifference(d)}`);
  }
  return out;
}

/** Throws a RoundTripError listing every value KubeVirt would drop or rewrite; returns the objects. */
export function expectRoundTripClean<T>(objects: T[]): T[] {
  const problems = roundTripProblems(objects);
  if (problems.length > 0) throw new RoundTripError(problems);
  return objects;
}
