/**
 * One command-line convention for every command (issue 15): --version, --help overall and per command,
 * usage instead of a silent wait on a terminal, `-` for stdin, -R and the common flags everywhere.
 * Run in process (src/cli/main.ts `main`), with a fake stdin/terminal.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { ROOT, runCli, useBuiltSchemas } from './support';
import { validVm } from '../rules/fixtures';

const COMMANDS = ['convert', 'lint', 'report'];
const VM_YAML = YAML.stringify(validVm());
const VITI = 'apiVersion: vitistack.io/v1alpha1\nkind: Machine\nmetadata: {name: vm, namespace: default}\nspec: {template: small}\n';
const VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf-8')).version;

/** Input each command accepts. */
function inputFor(command: string): string {
  return command === 'convert' ? VITI : VM_YAML;
}

beforeAll(useBuiltSchemas);

describe('cdk8s-kubevirt', () => {
  test.each([['--version'], ['-V'], ['version']])('%s prints the version', (flag) => {
    expect(runCli([flag])).toEqual({ code: 0, stdout: `cdk8s-kubevirt ${VERSION}\n`, stderr: '' });
  });

  test.each([['--help'], ['-h'], ['help']])('%s prints the usage on stdout, with every command and the exit codes', (flag) => {
    const r = runCli([flag]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^usage: cdk8s-kubevirt <command> \[options\] \[PATH…\]\n/);
    for (const c of COMMANDS) expect(r.stdout).toContain(`\n  ${c} PATH…`);
    expect(r.stdout).toContain('-V, --version');
    expect(r.stdout).toContain('exit codes: 0 ok; 1 findings (lint) or documents that cannot be converted (convert); 2 bad usage');
  });

  test('fails when no command is given: the usage on stderr, exit 2', () => {
    const r = runCli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^usage: cdk8s-kubevirt/);
  });

  test('fails when the command is unknown', () => {
    const r = runCli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^cdk8s-kubevirt: unknown command 'frobnicate'\n\nusage: cdk8s-kubevirt/);
  });
});

describe.each(COMMANDS)('cdk8s-kubevirt %s', (command) => {
  test('--help, -h and `help <command>` print the same usage, with the common options and exit codes', () => {
    const r = runCli([command, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^usage: cdk8s-kubevirt ${command} \\[options\\] \\[PATH…\\]\n`));
    for (const option of ['-R, --recursive', '--allow-empty', '-h, --help', 'exit codes: 0 ok; 1 ', '2 bad usage']) expect(r.stdout).toContain(option);
    expect(runCli([command, '-h'])).toEqual(r);
    expect(runCli(['help', command])).toEqual(r);
  });

  test('prints the usage instead of waiting when there is no PATH and stdin is a terminal', () => {
    const r = runCli([command], '', true);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^cdk8s-kubevirt ${command}: no PATH given and standard input is a terminal\n\nusage: cdk8s-kubevirt ${command} `));
  });

  test('reads standard input with no PATH and with -', () => {
    const none = runCli([command], inputFor(command));
    const dash = runCli([command, '-'], inputFor(command));
    expect(none.code).toBe(0);
    expect(dash).toEqual(none);
  });

  test.each([
    [['--nope'], "unknown option '--nope'"],
    [['-Z'], "unknown option '-Z'"],
    [['-', '-'], "standard input ('-') can be given only once"],
    [['--help=yes'], '--help takes no value'],
  ])('fails when the arguments are %j, with the usage', (args, message) => {
    const r = runCli([command, ...args], inputFor(command));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^cdk8s-kubevirt ${command}: ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n\nusage: cdk8s-kubevirt ${command}`));
  });

  test('reads a folder\'s sub-folders only with -R / --recursive', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-conv-'));
    try {
      fs.mkdirSync(path.join(dir, 'sub'));
      const text = inputFor(command);
      fs.writeFileSync(path.join(dir, 'a.yaml'), text);
      fs.writeFileSync(path.join(dir, 'sub', 'b.yml'), text.replace(/name: (vm|web)/, 'name: other'));
      const flat = runCli([command, dir]);
      const deep = runCli([command, '-R', dir]);
      expect(flat.code).toBe(0);
      expect(deep.code).toBe(0);
      expect(runCli([command, '--recursive', dir])).toEqual(deep);
      if (command === 'lint') {
        expect(flat.stderr).toBe('checked 1 object, 0 findings\n');
        expect(deep.stderr).toBe('checked 2 objects, 0 findings\n');
      } else if (command === 'report') {
        expect(flat.stderr).toBe('counted VirtualMachine: 1\n');
        expect(deep.stderr).toBe('counted VirtualMachine: 2\n');
      } else {
        expect(YAML.parseAllDocuments(flat.stdout).filter(d => d.get('kind') === 'VirtualMachine')).toHaveLength(1);
        expect(YAML.parseAllDocuments(deep.stdout).filter(d => d.get('kind') === 'VirtualMachine')).toHaveLength(2);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
