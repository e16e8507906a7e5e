/**
 * One command-line convention for every command, parsed by node's `util.parseArgs`:
 * - `-h, --help` prints the command's usage (stdout, exit 0);
 * - PATH is a file, a folder (its `*.yaml`/`*.yml`; `-R, --recursive` adds its sub-folders) or `-` for
 *   standard input, which may be given once; with no PATH, standard input is read, unless it is a
 *   terminal: then the usage is printed (stderr, exit 2) instead of waiting;
 * - `--allow-empty` accepts an input without any object (otherwise exit 2: an empty render must not make
 *   a GitOps tool prune everything);
 * - `--format` where a command has several output formats;
 * - `--` ends the options; exit codes 0, 1, 2 as in io.ts.
 */
import { parseArgs } from 'node:util';
import { CliIo, EXIT_OK, EXIT_USAGE } from './io';

/** An option of one command, as `util.parseArgs` takes it. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
}

/** What a command accepts. */
export interface CommandSpec {
  /** The command's name, as typed. */
  readonly name: string;
  /** Its `--help` text. */
  readonly usage: string;
  /** Its own options (the common ones are added). */
  readonly options: Record<string, OptionSpec>;
  /** Output formats, the first being the default; none when the command has one output. */
  readonly formats?: string[];
}

/** A parsed command line. */
export interface CommandArgs {
  /** Every option's value by long name (common ones included). */
  readonly values: Record<string, string | boolean | undefined>;
  /** PATHs; `['-']` when none was given. */
  readonly paths: string[];
  readonly format: string;
  readonly recursive: boolean;
  readonly allowEmpty: boolean;
}

/** The options every command has. */
export const COMMON_OPTIONS: Record<string, OptionSpec> = {
  'help': { type: 'boolean', short: 'h' },
  'recursive': { type: 'boolean', short: 'R' },
  'allow-empty': { type: 'boolean' },
};

/** The common part of every command's usage. */
export const COMMON_USAGE = `  -R, --recursive      also read the sub-folders of a folder PATH
      --allow-empty    accept an input without any object (default: exit code 2)
  -h, --help           show this help

PATH is a file, a folder (its *.yaml and *.yml files, sorted) or - for standard input (once).
With no PATH, standard input is read; on a terminal, this help is printed instead.
Multi-document YAML and kind: List are read; YAML is read as the Kubernetes API server reads it.`;

/** The exit codes, for every usage text. */
export function exitCodesUsage(one: string): string {
  return `exit codes: 0 ok; 1 ${one}; 2 bad usage, input that cannot be read or parsed (YAML syntax,
  aliases, depth or size over the limits), empty input, or output that cannot be written`;
}

/** A usage problem: printed with the usage, exit code 2. */
export class UsageError extends Error {}

/**
 * Parses a command's arguments. Prints the usage (for --help, or on a usage error) and returns the
 * exit code when the command should stop there.
 */
export function parseCommand(spec: CommandSpec, args: string[], io: CliIo): CommandArgs | number {
  const options: Record<string, OptionSpec> = { ...COMMON_OPTIONS, ...spec.options };
  if (spec.formats) options.format = { type: 'string' };
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    try {
      parsed = parseArgs({ args, options: options as any, allowPositionals: true, strict: true }) as any;
    } catch (e: any) {
      throw usageErrorOf(e);
    }
    const { values, positionals } = parsed;
    if (values.help) {
      io.stdout(spec.usage);
      return EXIT_OK;
    }
    for (const [name, o] of Object.entries(options)) {
      if (o.type === 'string' && values[name] === '') throw new UsageError(`--${name} needs a value`);
    }
    const format = (values.format as string | undefined) ?? spec.formats?.[0] ?? '';
    if (spec.formats && !spec.formats.includes(format)) {
      const f = spec.formats;
      const allowed = f.length === 2 ? f.join(' or ') : `${f.slice(0, -1).join(', ')} or ${f[f.length - 1]}`;
      throw new UsageError(`--format must be ${allowed}, got ${JSON.stringify(format)}`);
    }
    if (positionals.filter(p => p === '-').length > 1) throw new UsageError("standard input ('-') can be given only once");
    if (positionals.length === 0 && io.stdinIsTty) {
      io.stderr(`cdk8s-kubevirt ${spec.name}: no PATH given and standard input is a terminal\n\n${spec.usage}`);
      return EXIT_USAGE;
    }
    return {
      values,
      paths: positionals.length === 0 ? ['-'] : positionals,
      format,
      recursive: values.recursive === true,
      allowEmpty: values['allow-empty'] === true,
    };
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`cdk8s-kubevirt ${spec.name}: ${e.message}\n\n${spec.usage}`);
    return EXIT_USAGE;
  }
}

/** `util.parseArgs`' errors in the CLI's words. */
function usageErrorOf(e: any): Error {
  const msg = String(e?.message ?? e);
  if (e?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const m = /option '([^']+)'/i.exec(msg);
    return new UsageError(`unknown option '${m ? m[1] : msg}'`);
  }
  if (e?.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const m = /'(?:-\w, )?(--?[\w-]+)( <value>)?'/.exec(msg);
    if (m && m[2]) return new UsageError(`${m[1]} needs a value`);
    if (m) return new UsageError(`${m[1]} takes no value`);
  }
  if (e?.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return new UsageError(msg);
  return e instanceof Error ? e : new Error(msg);
}
