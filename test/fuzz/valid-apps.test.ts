/**
 * Property: apps of 2–3 machines in one chart synthesize, conform, keep every invariant (including:
 * no two objects or DataVolume templates claim one name), say what their spec says, and leak no secret
 * they did not opt in to. 3,000 cases by default, in parallel with valid-programs.test.ts (7,000 cases
 * of one machine). FUZZ_RUNS multiplies, FC_SEED replays.
 */
import fc from 'fast-check';
import { checkValidProgram, fuzzParams, FUZZ_SEED, validProgram } from '../support/generators';

jest.setTimeout(600_000);

describe('fuzz: valid apps of several machines', () => {
  test('2–3 machines per app: the same as one, and no two objects share a name (3,000 cases)', () => {
    fc.assert(fc.property(validProgram, checkValidProgram), { ...fuzzParams(3_000), seed: FUZZ_SEED + 1 });
  });
});
