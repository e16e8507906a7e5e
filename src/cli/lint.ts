import { CliIo } from './io';

/** `cdk8s-kubevirt lint`: placeholder until the command lands. */
export function run(_args: string[], io: CliIo): number {
  io.stderr('cdk8s-kubevirt lint: not available yet\n');
  return 2;
}
