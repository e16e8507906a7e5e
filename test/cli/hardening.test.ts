/**
 * CLI hardening (issue 14): names that would leave --out, atomic writes, YAML bombs and nesting, empty
 * input, exit codes, and no uncaught exceptions. Run in process (src/cli/main.ts `main`).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { runCli, useBuiltSchemas } from './support';
import { main } from '../../src/cli/main';
import { validVm } from '../rules/fixtures';

const COMMANDS = ['convert', 'lint', 'report'];
const VM_YAML = YAML.stringify(validVm());
const VITI = 'apiVersion: vitistack.io/v1alpha1\nkind: Machine\nmetadata: {name: vm, namespace: default}\nspec: {template: small}\n';

/** Nine levels of ten aliases each: 10^9 nodes once expanded. */
const BILLION_LAUGHS = [
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata: {name: lol}',
  'data:',
  '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((c, i) => {
    const prev = 'abcdefghi'[i];
    return `  ${c}: &${c} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`;
  }),
  '',
].join('\n');

let tmp: string;
beforeAll(useBuiltSchemas);
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-hard-'));
});
afterEach(() => {
  jest.restoreAllMocks();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('convert --out keeps every file inside DIR', () => {
  test.each([
    ['../../../escaped', 'ConfigMap', 'metadata.name is not a valid object name: got "../../../escaped"'],
    ['a/b', 'ConfigMap', 'metadata.name is not a valid object name: got "a/b"'],
    ['..', 'ConfigMap', 'metadata.name is not a valid object name: got ".."'],
  ])('fails when a passed-through document is named %j', (name, kind, problem) => {
    const out = path.join(tmp, 'deep', 'er', 'out');
    const r = runCli(['convert', '--out', out, '-'], `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${JSON.stringify(name)}\ndata: {}\n`);
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: `<stdin>#1: v1 ${kind} ${problem}; a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', at most 253 characters (it names a file under --out)\n`
        + 'cdk8s-kubevirt convert: 1 error(s); nothing was written\n',
    });
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  test('fails when a namespace would leave DIR', () => {
    const out = path.join(tmp, 'out');
    const r = runCli(['convert', '--out', out, '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok, namespace: ../up}\n');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('<stdin>#1: v1 ConfigMap metadata.namespace is not a valid namespace: got "../up"; a DNS-1123 label');
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  test('writes into an existing folder and leaves no temporary folder behind', () => {
    const out = path.join(tmp, 'out');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'keep.txt'), 'mine');
    const r = runCli(['convert', '--out', out, '-'], `${VITI}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n`);
    expect(r).toEqual({ code: 0, stdout: '', stderr: `cdk8s-kubevirt convert: wrote 2 file(s) to ${out}\n` });
    expect(fs.readdirSync(out).sort()).toEqual(['default-vm.yaml', 'keep.txt', 'settings.configmap.yaml']);
    expect(fs.readdirSync(tmp)).toEqual(['out']);
  });

  test('fails when a write fails half-way, leaving nothing behind', () => {
    const out = path.join(tmp, 'out');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const realFs: typeof fs = require('fs');
    const real = realFs.writeFileSync;
    let calls = 0;
    jest.spyOn(realFs, 'writeFileSync').mockImplementation((...args: any[]) => {
      if (++calls === 2) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      return (real as any)(...args);
    });
    const r = runCli(['convert', '--out', out, '-'], `${VITI}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n`);
    expect(r).toEqual({ code: 2, stdout: '', stderr: `cdk8s-kubevirt convert: cannot write to '${out}': ENOSPC: no space left on device, write\n` });
    expect(fs.readdirSync(tmp)).toEqual([]);
  });
});

describe.each(COMMANDS)('%s refuses hostile YAML with exit 2', (command) => {
  test('fails fast on a billion-laughs document', () => {
    const r = runCli([command, '-'], BILLION_LAUGHS);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/<stdin>:1: YAML refused: excessive aliasing: \d\.\d\de\+9 nodes once aliases are expanded, from \d+\n/);
  });

  test('fails on nesting deeper than 1000 levels', () => {
    const deep = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: ${'['.repeat(1500)}${']'.repeat(1500)}\n`;
    const r = runCli([command, '-'], deep);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/<stdin>:1: YAML refused: nested (deeper than 1000 levels|too deeply to parse)/);
  });

  test('fails on a YAML syntax error, with its line', () => {
    const r = runCli([command, '-'], `${command === 'convert' ? VITI : VM_YAML}---\napiVersion: v1\nkind: ConfigMap\ndata: {a: [1, 2}\n`);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/<stdin>:\d+: YAML syntax error: /);
  });

  test.each([[''], ['# only comments\n---\n# and an empty document\n']])('fails on empty input %j unless --allow-empty', (input) => {
    const r = runCli([command, '-'], input);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe(command === 'lint' ? '' : r.stdout);
    expect(r.stderr).toContain(`cdk8s-kubevirt ${command}: the input holds no objects`);
    expect(r.stderr).toContain('(pass --allow-empty to accept that)');
    const allowed = runCli([command, '--allow-empty', '-'], input);
    expect(allowed.code).toBe(0);
    if (command === 'convert') expect(allowed.stdout).toBe('');
  });

  test('an unexpected exception is reported as an internal error with exit 2, not thrown', () => {
    let stderr = '';
    const code = main([command, '-'], {
      stdout: () => { throw new TypeError('stdout closed'); },
      stderr: s => { stderr += s; },
      readStdin: () => (command === 'convert' ? VITI : VM_YAML.replace('bus: virtio', 'bus: ide')),
    });
    expect(code).toBe(2);
    expect(stderr).toContain('cdk8s-kubevirt: internal error: stdout closed\n');
  });
});

describe('exit codes', () => {
  test('lint: 0 clean, 1 findings, 2 input error', () => {
    expect(runCli(['lint', '-'], VM_YAML).code).toBe(0);
    expect(runCli(['lint', '-'], VM_YAML.replace('bus: virtio', 'bus: ide')).code).toBe(1);
    expect(runCli(['lint', 'no/such.yaml']).code).toBe(2);
  });

  test('report: 0 written, 2 input error', () => {
    expect(runCli(['report', '-'], VM_YAML).code).toBe(0);
    expect(runCli(['report', 'no/such.yaml']).code).toBe(2);
  });

  test('convert: 0 converted, 1 invalid document, 2 input error', () => {
    expect(runCli(['convert', '-'], VITI).code).toBe(0);
    expect(runCli(['convert', '-'], VITI.replace('small', 'tiny')).code).toBe(1);
    expect(runCli(['convert', 'no/such.yaml']).code).toBe(2);
  });
});
