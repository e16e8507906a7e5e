/**
 * Property: every valid program synthesizes, conforms to the official schemas, keeps the independent
 * invariants of test/support/invariants.ts, says what its spec said, and leaks no secret it did not opt in to.
 *
 * Runs 7,000 cases by default; test/fuzz/valid-apps.test.ts runs 3,000 more with 2–3 machines per app,
 * in a separate file so that jest runs the two in parallel. FUZZ_RUNS multiplies, FC_SEED replays.
 */
import fc from 'fast-check';
import { avoidKnownBugs, checkValidProgram, fuzzParams, MachineSpec, ProgramSpec, validMachine } from '../support/generators';

jest.setTimeout(600_000);

describe('fuzz: valid programs', () => {
  test('one machine per app: synthesizes, conforms, keeps every invariant, says what its spec says, leaks nothing (7,000 cases)', () => {
    const oneMachine = fc.record({ chartNamespace: fc.constantFrom<string | undefined>('vms', undefined), machine: validMachine })
      .map(({ chartNamespace, machine }): ProgramSpec => avoidKnownBugs({ chartNamespace, machines: [machine as MachineSpec] }));
    fc.assert(fc.property(oneMachine, checkValidProgram), fuzzParams(7_000));
  });
});
