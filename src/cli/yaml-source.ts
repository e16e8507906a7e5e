/**
 * Reading manifests for `lint` and `report`: files, folders (recursively, `*.yaml`/`*.yml`, sorted) and
 * `-` for standard input; multi-document YAML, with the line of every document and of every node.
 *
 * YAML is read as YAML 1.1, like kubectl (`yes`/`on` are booleans, `0755` is octal), except that
 * timestamps and base-60 numbers (`1:30`) stay strings, as they do in the JSON that Kubernetes sees.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Document, LineCounter, Node, isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments } from 'yaml';
import { CliIo } from './io';

/** A problem with the input itself (unreadable file, YAML syntax error): exit code 2. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** A JSON path as segments: keys and indexes. */
export type PathSegments = (string | number)[];

/** One object read from the input, with a way to find the line of any of its nodes. */
export interface SourceObject {
  /** The file as named on the command line (joined with the folder), or `<stdin>`. */
  readonly file: string;
  /** The object as plain JSON. */
  readonly value: any;
  /** The 1-based line where the object starts. */
  readonly line: number;
  /**
   * The 1-based line of the node at `path` (relative to the object): the line of the key for a map
   * entry, of the item for a list entry. When the path does not resolve, the line of its nearest
   * ancestor that does (at worst the object's first line).
   */
  lineOf(path: PathSegments): number;
}

/** A file's contents, or the YAML error in it. */
export interface SourceFile {
  readonly file: string;
  readonly objects: SourceObject[];
  /** YAML syntax errors as `file:line: message` (the documents with errors are left out of `objects`). */
  readonly errors: string[];
}

/** Paths of `lint`/`report` arguments: files as given, folders expanded. Throws InputError when a path does not exist. */
export function expandPaths(args: string[]): string[] {
  const out: string[] = [];
  for (const arg of args) {
    if (arg === '-') {
      out.push('-');
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(arg);
    } catch (e: any) {
      throw new InputError(`${arg}: cannot read: ${e.code === 'ENOENT' ? 'no such file or directory' : e.message}`);
    }
    if (stat.isDirectory()) out.push(...walk(arg));
    else out.push(arg);
  }
  return out;
}

/** `*.yaml` and `*.yml` under a folder, recursively, sorted; folders whose names start with `.` and `node_modules` are left out. */
function walk(dir: string): string[] {
  const found: string[] = [];
  const visit = (d: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch (e: any) {
      throw new InputError(`${d}: cannot read: ${e.message}`);
    }
    for (const entry of entries) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && entry.name !== 'node_modules') visit(full);
      } else if (/\.ya?ml$/.test(entry.name)) {
        found.push(full);
      }
    }
  };
  visit(dir);
  return found.sort();
}

/** Reads one argument (a file or `-`). Throws InputError when it cannot be read. */
export function readSourceFile(file: string, io: CliIo): SourceFile {
  let text: string;
  const name = file === '-' ? '<stdin>' : file;
  try {
    text = file === '-' ? io.readStdin() : fs.readFileSync(file, 'utf-8');
  } catch (e: any) {
    throw new InputError(`${name}: cannot read: ${e.code === 'EISDIR' ? 'is a directory' : e.message}`);
  }
  return parseSource(name, text);
}

/** Parses multi-document YAML; `kind: List` documents give one object per item. */
export function parseSource(file: string, text: string): SourceFile {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, {
    lineCounter,
    version: '1.1',
    // Like Kubernetes' YAML reader (go-yaml v2): no timestamps and no base-60 numbers, so that
    // `02:00:00:00:00:01` and `0000:81:01.0` stay strings.
    customTags: tags => tags.filter(t => typeof t === 'string' || (t.tag !== 'tag:yaml.org,2002:timestamp' && t.format !== 'TIME')),
  });
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line;
  const objects: SourceObject[] = [];
  const errors: string[] = [];
  if (!Array.isArray(docs)) return { file, objects, errors }; // an empty stream
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      for (const e of doc.errors) errors.push(`${file}:${lineAt(e.pos[0])}: YAML syntax error: ${e.message.split('\n')[0]}`);
      continue;
    }
    const root = doc.contents;
    if (!root) continue;
    const value = doc.toJS({ maxAliasCount: -1 });
    if (value === null || value === undefined) continue;
    const list = isMap(root) && typeof value === 'object' && !Array.isArray(value)
      && typeof value.kind === 'string' && /List$/.test(value.kind) && Array.isArray(value.items);
    if (list) {
      value.items.forEach((item: unknown, i: number) => objects.push(sourceObject(file, doc, item, ['items', i], lineAt)));
    } else {
      objects.push(sourceObject(file, doc, value, [], lineAt));
    }
  }
  return { file, objects, errors };
}

function sourceObject(file: string, doc: Document, value: unknown, base: PathSegments, lineAt: (offset: number) => number): SourceObject {
  const start = lineOfPath(doc, base, lineAt, lineAt(doc.contents!.range![0]));
  return {
    file,
    value,
    line: start,
    lineOf: (p: PathSegments) => lineOfPath(doc, [...base, ...p], lineAt, start),
  };
}

/** Walks the YAML nodes along a path; returns the line of the deepest node reached. */
function lineOfPath(doc: Document, p: PathSegments, lineAt: (offset: number) => number, fallback: number): number {
  let node: unknown = doc.contents;
  let line = fallback;
  for (const seg of p) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find(it => isPair(it) && keyOf(it.key) === String(seg));
      if (!pair) break;
      const keyRange = (pair.key as Node | null)?.range;
      if (keyRange) line = lineAt(keyRange[0]);
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as Node | undefined;
      if (!item) break;
      if (item.range) line = lineAt(item.range[0]);
      node = item;
    } else {
      break;
    }
  }
  return line;
}

function keyOf(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

/** Parses a rule path (`spec.template.spec.disks[1].bus`, `labels["kubevirt.io/x"]`) into segments. */
export function parsePath(dotted: string): PathSegments {
  const out: PathSegments = [];
  const re = /\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|([^.[\]]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(dotted)) !== null) {
    if (m[1] !== undefined) out.push(Number(m[1]));
    else if (m[2] !== undefined) out.push(JSON.parse(m[2]) as string);
    else out.push(m[3]);
  }
  return out;
}

/** Segments → the dotted form the rules use. */
export function formatPath(p: PathSegments): string {
  let out = '';
  for (const seg of p) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out || '(root)';
}

/** Reads every argument; collects input errors instead of stopping at the first one. */
export function readAll(args: string[], io: CliIo): { files: SourceFile[]; errors: string[] } {
  const files: SourceFile[] = [];
  const errors: string[] = [];
  for (const arg of args) {
    let expanded: string[];
    try {
      expanded = expandPaths([arg]);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      errors.push(e.message);
      continue;
    }
    for (const file of expanded) {
      try {
        const source = readSourceFile(file, io);
        files.push(source);
        errors.push(...source.errors);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        errors.push(e.message);
      }
    }
  }
  return { files, errors };
}

/** What an option takes: a flag, or a value (`--format json` or `--format=json`). */
export type OptionSpec = Record<string, 'flag' | 'value'>;

/** Parsed command line: options by name (without `--`), and the positional paths. */
export interface ParsedArgs {
  readonly options: Map<string, string | true>;
  readonly paths: string[];
}

/** A command's parsed arguments, with its output format. */
export interface CommandArgs extends ParsedArgs {
  readonly format: string;
}

/**
 * Parses a command's arguments (`--help`, a `--format` among `formats`, at least one PATH). Prints the
 * usage or the problem and returns the exit code when the command should stop there.
 */
export function parseCommand(command: string, args: string[], spec: OptionSpec, formats: string[], usage: string, io: CliIo): CommandArgs | number {
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs(args, { ...spec, format: 'value', help: 'flag' });
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    io.stderr(`cdk8s-kubevirt ${command}: ${e.message}\n${usage}`);
    return 2;
  }
  if (parsed.options.has('help')) {
    io.stdout(usage);
    return 0;
  }
  const format = (parsed.options.get('format') as string | undefined) ?? formats[0];
  if (!formats.includes(format)) {
    const allowed = formats.length === 2 ? formats.join(' or ') : `${formats.slice(0, -1).join(', ')} or ${formats[formats.length - 1]}`;
    io.stderr(`cdk8s-kubevirt ${command}: --format must be ${allowed}, got ${JSON.stringify(format)}\n`);
    return 2;
  }
  if (parsed.paths.length === 0) {
    io.stderr(`cdk8s-kubevirt ${command}: no PATH given\n${usage}`);
    return 2;
  }
  return { ...parsed, format };
}

/** Parses `--name`, `--name value`, `--name=value`, `--` and paths (`-` is a path). Throws InputError on an unknown option. */
export function parseArgs(args: string[], spec: OptionSpec): ParsedArgs {
  const options = new Map<string, string | true>();
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      paths.push(...args.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      options.set('help', true);
      continue;
    }
    if (!arg.startsWith('--')) {
      if (arg.startsWith('-') && arg !== '-') throw new InputError(`unknown option ${arg}`);
      paths.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const kind = spec[name];
    if (kind === undefined) throw new InputError(`unknown option --${name}`);
    if (kind === 'flag') {
      if (eq !== -1) throw new InputError(`--${name} takes no value`);
      options.set(name, true);
    } else {
      const value = eq !== -1 ? arg.slice(eq + 1) : args[++i];
      if (value === undefined || value === '') throw new InputError(`--${name} needs a value`);
      options.set(name, value);
    }
  }
  return { options, paths };
}
