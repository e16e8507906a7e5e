/**
 * Runs `cdk8s-kubevirt …` the way the binary does, but in this process (src/cli/main.ts `main`), so a test case
 * costs milliseconds instead of a node start-up. Each CLI test file keeps one or two cases that spawn the compiled
 * binary (`spawnCli`) to prove lib/cli/main.js itself works (argv, stdin streaming from fd 0, exit code).
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { main } from '../../src/cli/main';

/** The repository root (the binary runs with this working directory in the spawned tests too). */
export const ROOT = path.join(__dirname, '..', '..');
/** The compiled binary (`npx projen compile`). */
export const BIN = path.join(ROOT, 'lib', 'cli', 'main.js');

/** What one run gave. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** How to run: standard input, and environment variables to set (a value `undefined` unsets it) for the run. */
export interface CliRunOptions {
  readonly input?: string;
  readonly env?: Record<string, string | undefined>;
}

/**
 * `cdk8s-kubevirt …args` in process: standard input is `input` (not a terminal), `env` is applied to process.env
 * for the run only. The working directory must be ROOT (jest's rootDir), as for the spawned binary.
 */
export function runInProcess(args: string[], options: CliRunOptions = {}): CliRun {
  if (process.cwd() !== ROOT) throw new Error(`run the CLI tests from ${ROOT} (cwd is ${process.cwd()})`);
  const saved = new Map<string, string | undefined>();
  for (const [k, v] of Object.entries(options.env ?? {})) {
    saved.set(k, process.env[k]);
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  let stdout = '';
  let stderr = '';
  try {
    const code = main(args, {
      stdout: s => { stdout += s; },
      stderr: s => { stderr += s; },
      readStdin: () => options.input ?? '',
      stdinIsTty: false,
    });
    return { code, stdout, stderr };
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** `node lib/cli/main.js …args` in a child process, from ROOT, with `env` added to this process's environment. */
export function spawnCli(args: string[], options: CliRunOptions = {}): CliRun {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT, input: options.input ?? '', encoding: 'utf-8', maxBuffer: 256 * 1024 * 1024, env,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
