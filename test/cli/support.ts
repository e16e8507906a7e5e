/** Runs the CLI in process, with a fake terminal/stdin. */
import * as path from 'path';
import { main } from '../../src/cli/main';

export const ROOT = path.join(__dirname, '..', '..');

/** What one in-process run gave. */
export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `cdk8s-kubevirt …args` in process; stdin is `stdin`, or a terminal when `tty`. */
export function runCli(args: string[], stdin = '', tty = false): Run {
  let stdout = '';
  let stderr = '';
  const code = main(args, {
    stdout: s => { stdout += s; },
    stderr: s => { stderr += s; },
    readStdin: () => {
      if (tty) throw new Error('read from a terminal');
      return stdin;
    },
    stdinIsTty: tty,
  });
  return { code, stdout, stderr };
}

/** Points lint at the schemas the build copies into lib/schemas (in process, src/ has none). */
export function useBuiltSchemas(): void {
  process.env.KUBEVIRT_SCHEMAS = path.join(ROOT, 'lib', 'schemas');
}
