/**
 * Property: every invalid program is rejected by the library's own error, never by a crash, and emits
 * nothing. A local mistake throws a KubevirtError from a constructor or factory, with the message
 * `<Kind>[ [<what>] '<path>']: <property> <problem>: got <value>; <allowed>[ (<rule id>)]`; a mistake that
 * spans the tree fails `app.synthYaml()` with cdk8s's validation error, one line per violation, each
 * `[<path>] Machine '<path>': <json path> <problem>: got <value>; <allowed> (<rule id>)`.
 *
 * Runs 10,000 cases by default (FUZZ_RUNS multiplies, FC_SEED replays).
 */
import { App } from 'cdk8s';
import fc from 'fast-check';
import { KubevirtError } from '../../src';
import { synthValid } from '../support/conformance';
import { buildMachine, buildProgram, Expectation, fuzzParams, FUZZ_SEED, invalidProgram, InvalidCase, mistakes, ProgramSpec } from '../support/generators';

jest.setTimeout(600_000);

/** `<Kind>`, `<Kind> '<path>'` or `<Kind> <what> '<name>'` (e.g. `DiskSet disk 'data'`), then `: <property> <problem>: got <value>; <allowed>`, then an optional `(rule-id)`. */
const CONSTRUCT_MESSAGE = /^(?<who>[A-Z][A-Za-z]*(?:\.[a-z][A-Za-z0-9]*)?(?:(?: [a-z]+)? '[^']*')?): (?<property>\S+(?: line \d+)?) (?<problem>[^\n]+?): got (?<value>[^\n]*?); (?<allowed>[^\n]+?)(?: \((?<rule>[a-z0-9]+(?:-[a-z0-9]+)*)\))?$/s;
const SYNTH_LINE = /^ {2}\[(?<node>[^\]]+)\] Machine '(?<path>[^']+)': (?<property>\S+) (?<problem>.+?): got (?<value>.*?); (?<allowed>.+) \((?<rule>[a-z0-9]+(?:-[a-z0-9]+)*)\)$/;

type Outcome = { readonly error: unknown; readonly yaml?: string; readonly stage: 'construct' | 'synth' | 'none' };

function attempt(program: ProgramSpec): Outcome {
  let app: App;
  try {
    app = buildProgram(program).app;
  } catch (error) {
    return { error, stage: 'construct' };
  }
  try {
    const yaml = app.synthYaml();
    return { error: undefined, yaml, stage: 'none' };
  } catch (error) {
    return { error, stage: 'synth' };
  }
}

/** True when a program holds NaN or an infinite number anywhere. */
function hasNonFinite(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (Array.isArray(value)) return value.some(hasNonFinite);
  if (value !== null && typeof value === 'object') return Object.values(value).some(hasNonFinite);
  return false;
}

function checkRejection(c: InvalidCase, outcome: Outcome): void {
  const e: Expectation = c.expect;
  // Nothing is emitted.
  expect(outcome.yaml).toBeUndefined();
  expect(outcome.stage).toBe(e.stage);
  const err = outcome.error as Error;
  expect(err).toBeInstanceOf(Error);
  expect(err).not.toBeInstanceOf(TypeError);
  expect(err).not.toBeInstanceOf(RangeError);
  expect(err).not.toBeInstanceOf(SyntaxError);
  if (e.stage === 'construct') {
    expect(err).toBeInstanceOf(KubevirtError);
    expect(err.name).toBe('KubevirtError');
    const m = CONSTRUCT_MESSAGE.exec(err.message);
    expect(m).not.toBeNull();
    if (m!.groups!.rule === 'property-type' && e.ruleId !== 'property-type' && hasNonFinite(c.program)) {
      // NaN and ±Infinity are not numbers at the jsii boundary: the type guard refuses them before the
      // construct's own range check, naming the property and the value.
      expect(err.message).toMatch(/got (NaN|-?Infinity)\b/);
    } else {
      if (e.who !== undefined) expect(m!.groups!.who).toBe(e.who);
      if (e.property !== undefined) expect(m!.groups!.property.startsWith(e.property)).toBe(true);
      if (e.ruleId !== undefined) expect(m!.groups!.rule).toBe(e.ruleId);
    }
    // Secrets are never echoed back.
    expect(err.message).not.toMatch(/PRIVATE KEY-----|hunter2|secret1/);
  } else {
    expect(err).not.toBeInstanceOf(KubevirtError);
    const [head, ...lines] = err.message.split('\n');
    expect(head).toBe('Validation failed with the following errors:');
    expect(lines.length).toBeGreaterThan(0);
    const parsed = lines.map(l => SYNTH_LINE.exec(l));
    expect(parsed.map((p, i) => (p ? 'ok' : lines[i]))).toEqual(lines.map(() => 'ok'));
    for (const p of parsed) expect(p!.groups!.path).toBe(p!.groups!.node);
    expect(parsed.map(p => p!.groups!.rule)).toContain(e.ruleId);
  }
}

describe('fuzz: invalid programs', () => {
  test('every mistake on its own is rejected by the library, precisely, and emits nothing (10,000 cases)', () => {
    fc.assert(fc.property(invalidProgram, c => checkRejection(c, attempt(c.program))), { ...fuzzParams(10_000), seed: FUZZ_SEED + 2 });
  });

  test('the base machine every mistake is made on synthesizes (so each case has exactly one mistake)', () => {
    const chart = buildProgram({ chartNamespace: 'vms', machines: [] }).chart;
    buildMachine(chart, { id: 'web', disks: { data: [] } });
    expect(synthValid(chart).filter(o => o.kind === 'VirtualMachine')).toHaveLength(1);
  });

  test('every kind of mistake is generated (the oneof reaches all of them)', () => {
    const seen = new Set(fc.sample(invalidProgram, { numRuns: 3_000, seed: FUZZ_SEED }).map(c => c.mistake));
    const all = Object.values(mistakes).map(m => fc.sample(m, { numRuns: 1, seed: FUZZ_SEED })[0].mistake);
    expect([...seen].sort()).toEqual([...new Set(all)].sort());
    expect(all).toHaveLength(Object.keys(mistakes).length);
  });
});

describe('known bugs (found by the fuzzer; each test fails until the bug is fixed, then turn it into a plain test)', () => {
  test('BUG-1: fails when two machines of one chart derive the same DataVolume name (a-b + disk c, a + disk b-c)', () => {
    const outcome = attempt({
      chartNamespace: 'vms',
      machines: [
        { id: 'a-b', disks: { data: [{ name: 'c', size: { unit: 'Gi', amount: 1 } }] } },
        { id: 'a', disks: { data: [{ name: 'b-c', size: { unit: 'Gi', amount: 1 } }] } },
      ],
    });
    expect(outcome.stage).not.toBe('none');
  });

  test('BUG-2: fails when a pvcClone source has no namespace on a machine without one (CDI requires source.pvc.namespace)', () => {
    const outcome = attempt({
      machines: [{ id: 'web', disks: { data: [{ name: 'data', source: { type: 'pvcClone', name: 'golden' } }] } }],
    });
    expect(outcome.stage).toBe('construct');
  });

  test('BUG-3: fails with a KubevirtError (not cdk8s\'s plain Error) when a Duration is not a whole number of milliseconds', () => {
    const outcome = attempt({ chartNamespace: 'vms', machines: [{ id: 'web', disks: { data: [] }, terminationGracePeriodMillis: 0.5 }] });
    expect(outcome.error).toBeInstanceOf(KubevirtError);
  });
});
