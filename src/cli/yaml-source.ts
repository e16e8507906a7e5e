/**
 * Reading manifests for every command: files, folders (their `*.yaml`/`*.yml`, sorted; with
 * `--recursive` also their sub-folders) and `-` for standard input; multi-document YAML.
 *
 * The input is streamed: text is read in blocks and split into documents ({@link DocumentSplitter}),
 * and each document is parsed on its own with js-yaml as Kubernetes reads YAML (see k8s-yaml.ts), then
 * dropped. Line numbers cost a second parse with `yaml` (which keeps positions), so they are computed
 * only for the objects that need one (a finding, an error).
 */
import * as fs from 'fs';
import * as path from 'path';
import { StringDecoder } from 'string_decoder';
import type { Document, Node } from 'yaml';
import { CliIo } from './io';
import { DocumentChunk, DocumentSplitter, OVERSIZED, MAX_DOCUMENT_CHARS, YamlLimitError, loadDocument } from './k8s-yaml';
import { yaml } from '../private/lazy';

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
  /** The 1-based index of its document in the file. */
  readonly documentIndex: number;
  /** The `kind: List` item index, when the object is an item of a List. */
  readonly itemIndex?: number;
  /** The document's text (for commands that pass a document through unchanged). */
  readonly documentText: string;
  /**
   * The 1-based line of the node at `path` (relative to the object): the line of the key for a map
   * entry, of the item for a list entry. When the path does not resolve, the line of its nearest
   * ancestor that does (at worst the object's first line). Parses the document again, with positions.
   */
  lineOf(path: PathSegments): number;
}

/** What the reader reports, in input order. */
export interface SourceHandler {
  /** One object (a document, or one item of a `kind: List` document). */
  object(obj: SourceObject): void;
  /** A problem with the input, as `file:line: message` or `file: message`. */
  error(message: string): void;
  /** A document that holds something other than a mapping or a list (a scalar, a list), `file#n`. */
  other?(file: string, documentIndex: number, value: unknown): void;
}

/** How to read the paths. */
export interface ReadOptions {
  /** Descend into sub-folders. */
  readonly recursive: boolean;
}

/** Paths of the arguments: files as given, folders expanded. Throws InputError when a path cannot be read. */
export function expandPath(arg: string, options: ReadOptions): string[] {
  if (arg === '-') return ['-'];
  let stat: fs.Stats;
  try {
    stat = fs.statSync(arg);
  } catch (e: any) {
    throw new InputError(`${arg}: cannot read: ${e.code === 'ENOENT' ? 'no such file or directory' : e.message}`);
  }
  if (!stat.isDirectory()) return [arg];
  const files = walk(arg, options.recursive);
  if (files.length === 0) throw new InputError(`${arg}: holds no *.yaml or *.yml files${options.recursive ? '' : ' (pass --recursive to read its sub-folders)'}`);
  return files;
}

/** `*.yaml` and `*.yml` in a folder (recursively: folders whose names start with `.` and `node_modules` are left out), sorted. */
function walk(dir: string, recursive: boolean): string[] {
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
        if (recursive && !entry.name.startsWith('.') && entry.name !== 'node_modules') visit(full);
      } else if (/\.ya?ml$/.test(entry.name)) {
        found.push(full);
      }
    }
  };
  visit(dir);
  return found.sort();
}

const BLOCK = 1024 * 1024;

/** Feeds a file (or stdin) to `push` in blocks. Throws InputError when it cannot be read. */
function readInBlocks(file: string, io: CliIo, push: (text: string) => void): void {
  const name = file === '-' ? '<stdin>' : file;
  if (file === '-' && io.stdinFd === undefined) {
    let text: string;
    try {
      text = io.readStdin();
    } catch (e: any) {
      throw new InputError(`${name}: cannot read: ${e.message}`);
    }
    push(text);
    return;
  }
  let fd: number;
  try {
    fd = file === '-' ? io.stdinFd! : fs.openSync(file, 'r');
  } catch (e: any) {
    throw new InputError(`${name}: cannot read: ${e.code === 'EISDIR' ? 'is a directory' : e.message}`);
  }
  const decoder = new StringDecoder('utf8');
  const buf = Buffer.allocUnsafe(BLOCK);
  try {
    for (;;) {
      let n: number;
      try {
        n = fs.readSync(fd, buf, 0, BLOCK, null);
      } catch (e: any) {
        if (e.code === 'EAGAIN') continue; // a non-blocking stdin pipe with no data yet
        if (e.code === 'EOF') break;
        throw new InputError(`${name}: cannot read: ${e.code === 'EISDIR' ? 'is a directory' : e.message}`);
      }
      if (n === 0) break;
      push(decoder.write(buf.subarray(0, n)));
    }
    push(decoder.end());
  } finally {
    if (file !== '-') fs.closeSync(fd);
  }
}

/**
 * Reads every path in order and reports each object and each input error to `handler`. Folders and
 * files that cannot be read are errors; reading goes on with the next path.
 */
export function readSources(paths: string[], options: ReadOptions, io: CliIo, handler: SourceHandler): void {
  for (const arg of paths) {
    let files: string[];
    try {
      files = expandPath(arg, options);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      handler.error(e.message);
      continue;
    }
    for (const file of files) {
      const name = file === '-' ? '<stdin>' : file;
      const splitter = new DocumentSplitter(chunk => handleChunk(name, chunk, handler));
      try {
        readInBlocks(file, io, text => splitter.push(text));
        splitter.end();
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        handler.error(e.message);
      }
    }
  }
}

function handleChunk(file: string, chunk: DocumentChunk, handler: SourceHandler): void {
  if (chunk.text === OVERSIZED) {
    handler.error(`${file}:${chunk.startLine}: document larger than ${MAX_DOCUMENT_CHARS} characters; split it`);
    return;
  }
  let value: unknown;
  try {
    value = loadDocument(chunk.text);
  } catch (e: any) {
    handler.error(yamlErrorMessage(file, chunk, e));
    return;
  }
  if (value === null || value === undefined) return;
  const positions = lazyPositions(chunk);
  const isObj = typeof value === 'object' && !Array.isArray(value);
  const v = value as any;
  if (isObj && typeof v.kind === 'string' && /List$/.test(v.kind) && Array.isArray(v.items)) {
    v.items.forEach((item: unknown, i: number) => handler.object(sourceObject(file, chunk, item, ['items', i], positions, i)));
    return;
  }
  if (!isObj && handler.other) {
    handler.other(file, chunk.index, value);
    return;
  }
  handler.object(sourceObject(file, chunk, value, [], positions));
}

/** A YAML error as `file:line: YAML syntax error: …`, with `yaml`'s message when it finds the same error. */
function yamlErrorMessage(file: string, chunk: DocumentChunk, e: any): string {
  if (e instanceof YamlLimitError) return `${file}:${chunk.startLine}: YAML refused: ${e.message}`;
  // js-yaml found a syntax error: `yaml` gives the messages users know, with a line.
  try {
    const lineCounter = new (yaml().LineCounter)();
    const docs = yaml().parseAllDocuments(chunk.text, { lineCounter, version: '1.1' });
    for (const doc of Array.isArray(docs) ? docs : []) {
      if (doc.errors.length > 0) {
        const err = doc.errors[0];
        return `${file}:${chunk.startLine - 1 + lineCounter.linePos(err.pos[0]).line}: YAML syntax error: ${err.message.split('\n')[0].replace(/:$/, '')}`;
      }
    }
  } catch {
    // fall through to js-yaml's message
  }
  const line = typeof e?.mark?.line === 'number' ? chunk.startLine + e.mark.line : chunk.startLine;
  const reason = typeof e?.reason === 'string' ? e.reason : String(e?.message ?? e).split('\n')[0];
  return `${file}:${line}: YAML syntax error: ${reason}`;
}

/** `yaml`'s view of one chunk, built on first use: the document and its line counter. */
function lazyPositions(chunk: DocumentChunk): () => { doc: Document | undefined; lineAt: (offset: number) => number } {
  let cached: { doc: Document | undefined; lineAt: (offset: number) => number } | undefined;
  return () => {
    if (!cached) {
      const lineCounter = new (yaml().LineCounter)();
      const docs = yaml().parseAllDocuments(chunk.text, { lineCounter, version: '1.1' });
      const doc = Array.isArray(docs) ? docs.find(d => d.contents !== null) : undefined;
      cached = { doc, lineAt: (offset: number) => chunk.startLine - 1 + lineCounter.linePos(offset).line };
    }
    return cached;
  };
}

function sourceObject(file: string, chunk: DocumentChunk, value: unknown, base: PathSegments,
  positions: ReturnType<typeof lazyPositions>, itemIndex?: number): SourceObject {
  let start: number | undefined;
  const objectLine = (): number => {
    if (start === undefined) {
      const { doc, lineAt } = positions();
      start = doc?.contents?.range ? lineOfPath(doc, base, lineAt, lineAt(doc.contents.range[0])) : chunk.startLine;
    }
    return start;
  };
  return {
    file,
    value,
    documentIndex: chunk.index,
    itemIndex,
    documentText: chunk.text,
    lineOf: (p: PathSegments) => {
      const { doc, lineAt } = positions();
      return doc ? lineOfPath(doc, [...base, ...p], lineAt, objectLine()) : chunk.startLine;
    },
  };
}

/** Walks the YAML nodes along a path; returns the line of the deepest node reached. */
function lineOfPath(doc: Document, p: PathSegments, lineAt: (offset: number) => number, fallback: number): number {
  const { isAlias, isMap, isPair, isSeq } = yaml();
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
  if (yaml().isScalar(key)) return String(key.value);
  return undefined;
}

/** Reads one text whole (tests and fixture generation): its objects and YAML errors. */
export function parseSource(file: string, text: string): { objects: SourceObject[]; errors: string[] } {
  const objects: SourceObject[] = [];
  const errors: string[] = [];
  const handler: SourceHandler = { object: o => objects.push(o), error: e => errors.push(e) };
  const splitter = new DocumentSplitter(chunk => handleChunk(file, chunk, handler));
  splitter.push(text);
  splitter.end();
  return { objects, errors };
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
