#!/usr/bin/env node
/**
 * `cdk8s-kubevirt <command> …`: the command-line entry point (package.json `bin`).
 *
 * Commands live one per file in this folder and share the CliIo shape, so tests can run them in
 * process as well as through the real binary.
 */
import * as fs from 'fs';
import { CliIo } from './io';

const USAGE = `usage: cdk8s-kubevirt <command> [options]

commands:
  convert PATH…   convert Viti Machine manifests to KubeVirt YAML
  lint PATH…      check KubeVirt YAML against the schemas and KubeVirt's admission rules
  plan BEFORE AFTER  say what a change to the YAML does to running VMs (none, live, restart, ignored,
                  data-loss, rejected); --base REF reads BEFORE from git
  report PATH…    total what manifests ask of the cluster

Run 'cdk8s-kubevirt <command> --help' for a command's options.
`;

type Command = (args: string[], io: CliIo) => number;

/** Loads a command lazily, so that `lint` does not pay for `convert`'s imports. */
function command(name: string): Command | undefined {
  switch (name) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    case 'convert': return require('./convert').run;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    case 'lint': return require('./lint').run;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    case 'report': return require('./report').run;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    case 'plan': return require('./plan').run;
    default: return undefined;
  }
}

/** Runs the CLI; returns the exit code. */
export function main(argv: string[], io: CliIo): number {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    io.stdout(USAGE);
    return name === undefined ? 2 : 0;
  }
  const run = command(name);
  if (!run) {
    io.stderr(`cdk8s-kubevirt: unknown command '${name}'\n${USAGE}`);
    return 2;
  }
  return run(rest, io);
}

if (require.main === module) {
  const io: CliIo = {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    readStdin: () => fs.readFileSync(0, 'utf-8'),
  };
  process.exitCode = main(process.argv.slice(2), io);
}
