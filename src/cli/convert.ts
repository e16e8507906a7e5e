/**
 * `cdk8s-kubevirt convert`: Viti operator `Machine` manifests (vitistack.io/v1alpha1) to KubeVirt YAML.
 *
 * Every input is read, parsed and converted in memory first. Each Viti Machine goes into its own cdk8s
 * App and Chart through `Viti.toMachine`, and `app.synthYaml()` renders it, so the output is exactly what
 * `cdk8s synth` gives and KubeVirt's admission rules run over it. Only when every document of every
 * input has converted is anything written: on any error, all errors go to stderr, nothing is written,
 * and the exit code is 1.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import * as YAML from 'yaml';
import { CliIo } from './io';
import { KubevirtError } from '../private/errors';
import { isDns1123Label } from '../private/names';
import { DiskEmission } from '../storage/disk-set';
import { Viti, VitiOptions } from '../viti/converter';

/** Exit codes. */
const OK = 0;
const CONVERSION_FAILED = 1;
const USAGE_OR_IO = 2;

const USAGE = `usage: cdk8s-kubevirt convert [options] [PATH…]

Converts Viti operator Machine manifests (vitistack.io/v1alpha1, both dialects) into KubeVirt YAML.

PATH is a file, a directory (its *.yaml and *.yml files, not recursive, in sorted order) or '-' for
standard input. With no PATH, standard input is read. Files may hold many YAML documents.

options:
  -o, --out DIR        write one file per document into DIR (created if missing) instead of stdout:
                       <namespace>-<name>.yaml for a Viti Machine (<name>.yaml with no namespace),
                       <namespace>-<name>.<kind>.yaml for a document passed through
  -n, --namespace NS   put every converted machine in namespace NS
      --strict         refuse documents that are not Viti Machines (default: pass them through)
      --data-volumes   emit CDI DataVolume templates instead of plain PersistentVolumeClaims
      --allow-passwords  allow passwords in spec.cloudInit.userData (they end up in the YAML)
      --allow-secrets  allow private keys in spec.cloudInit.userData (they end up in the YAML)
  -h, --help           show this help

exit codes: 0 converted; 1 a document is invalid (nothing is written); 2 bad usage, or an input
cannot be read or the output cannot be written.
`;

interface Options {
  readonly help: boolean;
  readonly out?: string;
  readonly strict: boolean;
  readonly inputs: string[];
  readonly viti: VitiOptions;
}

/** One converted (or passed-through) document, ready to write. */
interface Output {
  /** The file name under --out. */
  readonly fileName: string;
  /** Where it came from, for messages: `file#n`. */
  readonly origin: string;
  readonly yaml: string;
}

/** Where conversion results go. */
interface Sink {
  readonly outputs: Output[];
  readonly errors: string[];
  readonly warnings: string[];
}

class UsageError extends Error {}

/** `cdk8s-kubevirt convert`. */
export function run(args: string[], io: CliIo): number {
  let options: Options;
  try {
    options = parseArgs(args);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`cdk8s-kubevirt convert: ${e.message}\n\n${USAGE}`);
      return USAGE_OR_IO;
    }
    throw e;
  }
  if (options.help) {
    io.stdout(USAGE);
    return OK;
  }

  // 1. Read every input.
  const sources: Array<{ name: string; text: string }> = [];
  try {
    for (const input of options.inputs) sources.push(...readInput(input, io));
  } catch (e: any) {
    io.stderr(`cdk8s-kubevirt convert: ${e.message}\n`);
    return USAGE_OR_IO;
  }

  // 2. Convert everything in memory, collecting every error.
  const errors: string[] = [];
  const warnings: string[] = [];
  const outputs: Output[] = [];
  for (const source of sources) convertSource(source, options, { outputs, errors, warnings });
  if (options.out !== undefined) {
    const seen = new Map<string, string>();
    for (const o of outputs) {
      const other = seen.get(o.fileName);
      if (other !== undefined) errors.push(`${o.origin}: writes ${o.fileName}, which ${other} writes too; give the objects distinct namespaces or names`);
      else seen.set(o.fileName, o.origin);
    }
  }
  for (const w of warnings) io.stderr(`cdk8s-kubevirt convert: warning: ${w}\n`);
  if (errors.length > 0) {
    for (const e of errors) io.stderr(`${e}\n`);
    io.stderr(`cdk8s-kubevirt convert: ${errors.length} error(s); nothing was written\n`);
    return CONVERSION_FAILED;
  }

  // 3. Write.
  if (options.out === undefined) {
    io.stdout(outputs.map(o => o.yaml).join('---\n'));
    return OK;
  }
  try {
    fs.mkdirSync(options.out, { recursive: true });
    for (const o of outputs) fs.writeFileSync(path.join(options.out, o.fileName), o.yaml);
  } catch (e: any) {
    io.stderr(`cdk8s-kubevirt convert: cannot write to '${options.out}': ${e.message}\n`);
    return USAGE_OR_IO;
  }
  io.stderr(`cdk8s-kubevirt convert: wrote ${outputs.length} file(s) to ${options.out}\n`);
  return OK;
}

function parseArgs(args: string[]): Options {
  let out: string | undefined;
  let namespace: string | undefined;
  let strict = false;
  let dataVolumes = false;
  let allowPasswords = false;
  let allowSecrets = false;
  const inputs: string[] = [];
  let onlyPaths = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = (flag: string): string => {
      const v = args[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (onlyPaths || arg === '-' || !arg.startsWith('-')) {
      inputs.push(arg);
    } else if (arg === '--') {
      onlyPaths = true;
    } else if (arg === '-h' || arg === '--help') {
      return { help: true, strict, inputs: [], viti: {} };
    } else if (arg === '-o' || arg === '--out') {
      out = value(arg);
    } else if (arg.startsWith('--out=')) {
      out = arg.slice('--out='.length);
    } else if (arg === '-n' || arg === '--namespace') {
      namespace = value(arg);
    } else if (arg.startsWith('--namespace=')) {
      namespace = arg.slice('--namespace='.length);
    } else if (arg === '--strict') {
      strict = true;
    } else if (arg === '--data-volumes') {
      dataVolumes = true;
    } else if (arg === '--allow-passwords') {
      allowPasswords = true;
    } else if (arg === '--allow-secrets') {
      allowSecrets = true;
    } else {
      throw new UsageError(`unknown option '${arg}'`);
    }
  }
  if (out === '') throw new UsageError('--out needs a value');
  if (namespace !== undefined && !isDns1123Label(namespace)) {
    throw new UsageError(`--namespace must be a namespace name (a DNS-1123 label): got '${namespace}'`);
  }
  if (inputs.filter(x => x === '-').length > 1) throw new UsageError("standard input ('-') can be given only once");
  return {
    help: false,
    out,
    strict,
    inputs: inputs.length === 0 ? ['-'] : inputs,
    viti: {
      namespace,
      diskEmission: dataVolumes ? DiskEmission.DATA_VOLUME_TEMPLATES : DiskEmission.PERSISTENT_VOLUME_CLAIMS,
      allowPasswords,
      allowSecrets,
    },
  };
}

/** Reads a file, the YAML files of a directory, or stdin. Throws with a message on failure. */
function readInput(input: string, io: CliIo): Array<{ name: string; text: string }> {
  if (input === '-') {
    try {
      return [{ name: '<stdin>', text: io.readStdin() }];
    } catch (e: any) {
      throw new Error(`cannot read standard input: ${e.message}`);
    }
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(input);
  } catch (e: any) {
    throw new Error(`cannot read '${input}': ${e.code === 'ENOENT' ? 'no such file or directory' : e.message}`);
  }
  const files = stat.isDirectory()
    ? fs.readdirSync(input).filter(f => /\.ya?ml$/.test(f)).sort().map(f => path.join(input, f))
    : [input];
  if (stat.isDirectory() && files.length === 0) throw new Error(`'${input}' holds no *.yaml or *.yml files`);
  return files.map(f => {
    try {
      return { name: f, text: fs.readFileSync(f, 'utf-8') };
    } catch (e: any) {
      throw new Error(`cannot read '${f}': ${e.message}`);
    }
  });
}

function convertSource(source: { name: string; text: string }, options: Options, sink: Sink): void {
  const docs = YAML.parseAllDocuments(source.text);
  const bad = docs.flatMap(d => d.errors);
  if (bad.length > 0) {
    // A file that is not valid YAML is refused whole.
    for (const e of bad) sink.errors.push(`${source.name}: bad YAML: ${e.message.split('\n')[0].replace(/:$/, '')}`);
    return;
  }
  docs.forEach((doc, index) => {
    const origin = `${source.name}#${index + 1}`;
    const obj = doc.toJS();
    if (obj === null || obj === undefined) return; // an empty document
    if (isObject(obj) && obj.apiVersion === 'v1' && obj.kind === 'List' && Array.isArray(obj.items)) {
      // `kubectl get … -o yaml` output: each item is converted or passed through on its own.
      obj.items.forEach((item: any, i: number) => convertObject(item, undefined, `${origin}.items[${i}]`, options, sink));
      return;
    }
    convertObject(obj, doc, origin, options, sink);
  });
}

function isObject(obj: any): boolean {
  return typeof obj === 'object' && obj !== null && !Array.isArray(obj);
}

function convertObject(obj: any, doc: YAML.Document | undefined, origin: string, options: Options, sink: Sink): void {
  if (!isObject(obj) || typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string') {
    sink.errors.push(`${origin}: not a Kubernetes object: apiVersion and kind must be strings`);
    return;
  }
  if (obj.apiVersion.split('/')[0] === 'vitistack.io') {
    convertMachine(obj, origin, options, sink);
    return;
  }
  if (options.strict) {
    sink.errors.push(`${origin}: ${obj.apiVersion} ${obj.kind} is not a Viti Machine; --strict accepts only ${Viti.API_VERSION} ${Viti.KIND} documents`);
    return;
  }
  // Passed through: same content, comments and key order (yaml may respace flow collections).
  const name = obj.metadata?.name;
  if (options.out !== undefined && typeof name !== 'string') {
    sink.errors.push(`${origin}: ${obj.apiVersion} ${obj.kind} has no metadata.name to name its file under --out`);
    return;
  }
  const text = doc ? doc.toString().replace(/^---[ \t]*\n/, '').replace(/\n\.\.\.\n$/, '\n') : YAML.stringify(obj);
  sink.outputs.push({ fileName: `${prefix(obj.metadata?.namespace, name)}.${obj.kind.toLowerCase()}.yaml`, origin, yaml: text });
}

function convertMachine(obj: any, origin: string, options: Options, sink: Sink): void {
  const name = typeof obj.metadata?.name === 'string' ? obj.metadata.name : 'machine';
  const namespace = options.viti.namespace ?? (typeof obj.metadata?.namespace === 'string' ? obj.metadata.namespace : undefined);
  try {
    const app = new App();
    const chart = new Chart(app, 'viti', { namespace });
    Viti.toMachine(chart, name, obj, options.viti);
    const yaml = app.synthYaml();
    for (const w of Viti.unmappedFields(obj, options.viti)) sink.warnings.push(`${origin}: ${w}`);
    sink.outputs.push({ fileName: `${prefix(namespace, name)}.yaml`, origin, yaml });
  } catch (e: any) {
    if (e instanceof KubevirtError) {
      sink.errors.push(...e.message.split('\n').map((line: string) => `${origin}: ${line}`));
    } else if (typeof e?.message === 'string' && e.message.startsWith('Validation failed with the following errors:')) {
      // KubeVirt's admission rules, run by cdk8s over the synthesized VM.
      sink.errors.push(...e.message.split('\n').slice(1).map((line: string) => `${origin}: ${line.trim()}`));
    } else {
      sink.errors.push(`${origin}: internal error while converting: ${e?.stack ?? e}`);
    }
  }
}

function prefix(namespace: unknown, name: unknown): string {
  return `${typeof namespace === 'string' && namespace !== '' ? `${namespace}-` : ''}${String(name)}`;
}
