#!/usr/bin/env node
/**
 * `cdk8s-kubevirt <command> …`: the command-line entry point (package.json `bin`).
 *
 * Commands live one per file in this folder, each exporting `run(args: string[], io: CliIo): number`,
 * and are listed in COMMANDS; they parse their arguments with args.ts, so flags, stdin and recursion
 * work the same everywhere. Tests run commands in process as well as through the real binary.
 */
import * as fs from 'fs';
import * as path from 'path';
import type * as tty from 'tty';
import { CliIo, EXIT_OK, EXIT_USAGE } from './io';

/** A command: its one-line summary and a loader (commands load lazily: `lint` does not pay for `convert`'s imports). */
interface CommandEntry {
  readonly summary: string;
  readonly load: () => (args: string[], io: CliIo) => number;
}

/* eslint-disable @typescript-eslint/no-require-imports */
/**
 * The commands, in the order `--help` lists them. A new command is one entry here and one file
 * exporting `run` (for example `plan: { summary: '…', load: () => require('./plan').run }`).
 */
const COMMANDS: Record<string, CommandEntry> = {
  convert: { summary: 'convert Viti Machine manifests to KubeVirt YAML', load: () => require('./convert').run },
  lint: { summary: "check KubeVirt YAML against the schemas and KubeVirt's admission rules", load: () => require('./lint').run },
  plan: { summary: 'say what a change to the YAML does to running VMs (BEFORE AFTER, or --base REF)', load: () => require('./plan').run },
  report: { summary: 'total what manifests ask of the cluster', load: () => require('./report').run },
};
/* eslint-enable @typescript-eslint/no-require-imports */

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map(n => n.length)) + ' PATH…'.length;
  return `usage: cdk8s-kubevirt <command> [options] [PATH…]

commands:
${Object.entries(COMMANDS).map(([name, c]) => `  ${`${name} PATH…`.padEnd(width)}   ${c.summary}`).join('\n')}

options:
  -h, --help      show this help (also: cdk8s-kubevirt help [command])
  -V, --version   print the version

Run 'cdk8s-kubevirt <command> --help' for a command's options.
exit codes: 0 ok; 1 findings (lint) or documents that cannot be converted (convert); 2 bad usage,
  unreadable or invalid input, empty input, or output that cannot be written
`;
}

/** The package version, from package.json beside lib/ (or src/). */
export function version(): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf-8')).version;
  } catch {
    return 'unknown';
  }
}

/** Runs the CLI; returns the exit code. Never throws: an unexpected error is reported, with exit code 2. */
export function main(argv: string[], io: CliIo): number {
  try {
    return dispatch(argv, io);
  } catch (e: any) {
    io.stderr(`cdk8s-kubevirt: internal error: ${e?.message ?? String(e)}\n`
      + 'This is a bug in cdk8s-kubevirt; please report it with the input that caused it.\n');
    return EXIT_USAGE;
  }
}

function dispatch(argv: string[], io: CliIo): number {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(usage());
    return EXIT_USAGE;
  }
  if (name === '--help' || name === '-h') {
    io.stdout(usage());
    return EXIT_OK;
  }
  if (name === 'help') {
    if (rest.length === 0) {
      io.stdout(usage());
      return EXIT_OK;
    }
    return dispatch([rest[0], '--help'], io);
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    io.stdout(`cdk8s-kubevirt ${version()}\n`);
    return EXIT_OK;
  }
  const entry = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) {
    io.stderr(`cdk8s-kubevirt: unknown command '${name}'\n\n${usage()}`);
    return EXIT_USAGE;
  }
  return entry.load()(rest, io);
}

if (require.main === module) {
  const io: CliIo = {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    readStdin: () => fs.readFileSync(0, 'utf-8'),
    stdinFd: 0,
    // tty.isatty, not process.stdin.isTTY: touching process.stdin would put fd 0 in non-blocking mode.
    // Asked only when no PATH is given: `tty` (and the `net` it loads) stays unloaded otherwise.
    get stdinIsTty() {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return (require('tty') as typeof tty).isatty(0);
    },
  };
  process.on('uncaughtException', (e) => {
    process.stderr.write(`cdk8s-kubevirt: internal error: ${e?.message ?? String(e)}\n`);
    process.exit(EXIT_USAGE);
  });
  process.exitCode = main(process.argv.slice(2), io);
}
