/**
 * Property: the CLI survives random and hostile YAML. `lint`, `report` and `convert` are run in process
 * (src/cli/main.ts `main`, as test/cli/support.ts runs it) on
 * - hostile inputs of known kinds, each with the exit code it must give: alias bombs, deep nesting,
 *   binary and invalid UTF-8, huge scalars, many documents, tabs, duplicate keys, documents that are
 *   not objects, wrong apiVersion/kind;
 * - random mutations of a valid VirtualMachine and a valid Viti Machine (characters inserted, deleted,
 *   replaced; lines duplicated; documents joined).
 * Every run must end with an exit code in {0, 1, 2}, never with the internal-error handler (an uncaught
 * exception in a command), and within a bounded time.
 *
 * Default test: a few hundred cases (FUZZ_SCALE); `npx projen test:fuzz` (FUZZ_FULL=1) runs 10,000.
 */
import fc from 'fast-check';
import { Run, runCli, useBuiltSchemas } from '../cli/support';
import { FUZZ_SCALE, fuzzParams, FUZZ_SEED } from '../support/generators';

jest.setTimeout(600_000);

const COMMANDS = ['lint', 'report', 'convert'] as const;
type Command = typeof COMMANDS[number];
/** Per run: generous on a loaded 2-core machine; a bomb that expanded would take far longer. */
const MAX_MS = 10_000;

const VM = `apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata:
  name: web
  namespace: vms
spec:
  runStrategy: Always
  template:
    spec:
      domain:
        cpu: {cores: 2}
        memory: {guest: 2Gi}
        devices:
          disks:
          - name: root
            disk: {bus: virtio}
      volumes:
      - name: root
        containerDisk: {image: quay.io/containerdisks/fedora:41}
`;

const VITI = `apiVersion: vitistack.io/v1alpha1
kind: Machine
metadata: {name: vm, namespace: vms}
spec:
  template: small
  cloudInit:
    userData: "#cloud-config\\npackages: [nginx]\\n"
`;

function run(command: Command, input: string): Run & { ms: number } {
  const start = Date.now();
  const r = runCli([command, '-'], input);
  return { ...r, ms: Date.now() - start };
}

/** What every run must satisfy. */
function checkRun(command: Command, input: string, r: Run & { ms: number }): void {
  const where = `${command} on ${JSON.stringify(input.slice(0, 200))}${input.length > 200 ? '…' : ''}`;
  if (![0, 1, 2].includes(r.code)) throw new Error(`${where}: exit code ${r.code}`);
  if (r.stderr.includes('internal error')) throw new Error(`${where}: uncaught exception:\n${r.stderr}`);
  if (r.ms > MAX_MS) throw new Error(`${where}: took ${r.ms} ms`);
  if (command === 'report' && r.code === 1) throw new Error(`${where}: report does not use exit code 1`);
  if (r.code === 2 && r.stderr.trim() === '') throw new Error(`${where}: exit code 2 without a message`);
}

/** A hostile input, and the exit code each command must give for it (undefined: any of 0, 1, 2). */
interface Hostile {
  readonly what: string;
  readonly input: string;
  readonly expect: Partial<Record<Command, number>>;
}
const INPUT_ERROR = { lint: 2, report: 2, convert: 2 };

/** Billion laughs: `levels` anchors, each a list of `width` aliases of the one before. */
function aliasBomb(levels: number, width: number): string {
  const lines = ['a0: &a0 [lol]'];
  for (let i = 1; i <= levels; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: width }, () => `*a${i - 1}`).join(', ')}]`);
  return `apiVersion: kubevirt.io/v1\nkind: VirtualMachine\nmetadata: {name: bomb}\nspec:\n  ${lines.join('\n  ')}\n`;
}

const hostile: fc.Arbitrary<Hostile> = fc.oneof(
  fc.tuple(fc.integer({ min: 6, max: 12 }), fc.integer({ min: 6, max: 10 }))
    .map(([l, w]) => ({ what: 'alias bomb', input: aliasBomb(l, w), expect: INPUT_ERROR })),
  fc.integer({ min: 1_001, max: 5_000 }).chain(n => fc.constantFrom(
    { what: 'deep flow nesting', input: `${'['.repeat(n)}${']'.repeat(n)}\n`, expect: INPUT_ERROR },
    { what: 'deep block nesting', input: `${Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k:`).join('\n')} x\n`, expect: INPUT_ERROR },
  )),
  fc.uint8Array({ minLength: 1, maxLength: 2_000 }).map(b => ({
    // Bytes as the real binary reads them (utf-8, invalid sequences become U+FFFD), with a NUL for good measure.
    what: 'binary bytes', input: `${Buffer.from(b).toString('utf-8')}\u0000`, expect: { report: undefined },
  })),
  fc.constantFrom('\uFFFD', '\u0000', '\u0007', '\uD800').map(ch => ({
    what: 'invalid UTF-8 and control characters in a scalar', input: VM.replace('name: web', `name: we${ch}b`), expect: {},
  })),
  fc.integer({ min: 100_000, max: 2_000_000 }).map(n => ({
    what: 'a huge scalar', input: VM.replace('runStrategy: Always', `runStrategy: ${'A'.repeat(n)}`), expect: { lint: 1, report: 0 },
  })),
  fc.integer({ min: 100, max: 3_000 }).map(n => ({
    what: 'many empty and null documents', input: '---\n{}\n---\n~\n'.repeat(n), expect: { lint: 0, report: 0, convert: 1 },
  })),
  fc.integer({ min: 1, max: 8 }).map(n => ({
    what: 'tab indentation', input: VM.replace('  name: web', `${'\t'.repeat(n)}name: web`), expect: INPUT_ERROR,
  })),
  fc.constantFrom('name', 'namespace').map(k => ({
    what: 'a duplicate key', input: VM.replace('  name: web\n', `  ${k}: web\n  ${k}: other\n`), expect: {},
  })),
  fc.constant({ what: 'a !!binary document', input: '!!binary aGVsbG8=\n', expect: {} }),
  fc.constantFrom('42', '"text"', '[1, 2, 3]', 'true', '- a\n- b').map(doc => ({
    what: 'a document that is not an object', input: `${doc}\n`, expect: { lint: 0, report: 0, convert: 1 },
  })),
  fc.tuple(fc.constantFrom('kubevirt.io/v2', 'kubevirt.io', 'vitistack.io/v9', '', 'v1', 'a/b/c'), fc.constantFrom('VirtualMachine', 'Machine', 'virtualmachine', ''))
    .map(([apiVersion, kind]) => ({ what: 'a wrong apiVersion or kind', input: VM.replace('apiVersion: kubevirt.io/v1', `apiVersion: ${JSON.stringify(apiVersion)}`).replace('kind: VirtualMachine', `kind: ${JSON.stringify(kind)}`), expect: {} })),
);

/** A random edit of a text: insert, delete or replace characters, duplicate a line, or join documents. */
const mutation = (base: string): fc.Arbitrary<string> => fc.array(fc.oneof(
  fc.tuple(fc.nat(), fc.constantFrom(':', '-', '[', ']', '{', '}', '&a', '*a', '!!', '|', '>', '#', '"', "'", '\t', '\n', ' ', '---\n', '~', 'null', '0x1F', '1e999', '-1', '\u00ff', '%')).map(([i, s]) => (t: string) => {
    const at = i % (t.length + 1);
    return t.slice(0, at) + s + t.slice(at);
  }),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 20 })).map(([i, n]) => (t: string) => {
    const at = i % (t.length + 1);
    return t.slice(0, at) + t.slice(at + n);
  }),
  fc.nat().map(i => (t: string) => {
    const lines = t.split('\n');
    const at = i % lines.length;
    return [...lines.slice(0, at + 1), lines[at], ...lines.slice(at + 1)].join('\n');
  }),
  fc.constant((t: string) => `${t}---\n${t}`),
), { minLength: 1, maxLength: 6 }).map(edits => edits.reduce((t, e) => e(t), base));

/**
 * Runs of a property: `full` under `npx projen test:fuzz` (FUZZ_FULL=1) or FUZZ_RUNS (scaled as every suite);
 * `quick` in the default test, where each case runs three commands (about 20 s in all on a quiet machine).
 */
function runs(full: number, quick: number): fc.Parameters<unknown> {
  return FUZZ_SCALE === 0.03 ? { ...fuzzParams(full), numRuns: quick } : fuzzParams(full);
}

beforeAll(useBuiltSchemas);

describe('fuzz: the CLI on random and hostile YAML', () => {
  test('hostile inputs give their exit code, with a message, in bounded time, for lint, report and convert', () => {
    fc.assert(fc.property(hostile, h => {
      for (const command of COMMANDS) {
        const r = run(command, h.input);
        checkRun(command, h.input, r);
        const want = h.expect[command];
        if (want !== undefined && r.code !== want) throw new Error(`${h.what}: ${command} exited ${r.code}, not ${want}:\n${r.stderr.slice(0, 2000)}`);
      }
    }), { ...runs(4_000, 20), seed: FUZZ_SEED + 11 });
  });

  test('random edits of valid manifests never crash a command (exit 0, 1 or 2, bounded time)', () => {
    fc.assert(fc.property(fc.oneof(mutation(VM), mutation(VITI), mutation(`${VM}---\n${VITI}`)), input => {
      for (const command of COMMANDS) checkRun(command, input, run(command, input));
    }), { ...runs(6_000, 40), seed: FUZZ_SEED + 12 });
  });

  test('the base inputs are valid: lint and convert exit 0 on them', () => {
    expect(run('lint', VM).code).toBe(0);
    expect(run('report', VM).code).toBe(0);
    expect(run('convert', VITI).code).toBe(0);
  });
});
