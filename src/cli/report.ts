import { CliIo } from './io';

/** `cdk8s-kubevirt report`: placeholder until the command lands. */
export function run(_args: string[], io: CliIo): number {
  io.stderr('cdk8s-kubevirt report: not available yet\n');
  return 2;
}
