import { CliIo } from './io';

/** `cdk8s-kubevirt convert`: placeholder until the command lands. */
export function run(_args: string[], io: CliIo): number {
  io.stderr('cdk8s-kubevirt convert: not available yet\n');
  return 2;
}
