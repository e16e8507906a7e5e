/**
 * Rewrites of the standalone validation code Ajv generates (imports/compile-schemas.ts), so that a process
 * loads and compiles less of it. The validating functions themselves are kept byte for byte: results and
 * error objects do not change (test/private/schema-code.test.ts compares them with Ajv compiled in process).
 *
 * - `pruneSchemaConstants`: Ajv's standalone code declares one constant per schema object it compiled a
 *   function for (`const schema11 = {…}`, the whole lifted schema of that function), although the code reads
 *   few of them, and of those only a part: the field names of an object with more than eight properties
 *   (`func2.call(schema11.properties.status.properties, key)`, the `additionalProperties` test) and enum
 *   lists (`params: {allowedValues: schema57.properties.rebootPolicy.enum}`). Unread constants are
 *   dropped; read ones keep only what is read (field names map to `true` when only their presence is
 *   tested). For the VirtualMachine validator that is about 75 of its 490 KB.
 * - `splitOff`: moves a function, and the functions only it reaches, into a module of their own, loaded on
 *   its first call; in its place a stub that loads it, calls it and hands on its `errors`. The VirtualMachine
 *   validator's `status` (which the library never writes) is split off so.
 */
import * as ts from 'typescript';

/** One top-level statement of the generated module. */
interface Statement {
  readonly text: string;
  /** The function's or constant's name, for `function validateN` and `const schemaN`/`funcN`/`patternN`. */
  readonly name?: string;
  readonly isFunction: boolean;
}

const NAME = /\b(?:validate|schema|func|pattern|formats|wrapper)\d+\b/g;

/** The top-level statements of `code` (Ajv standalone output), in order. */
function statements(code: string): Statement[] {
  const sf = ts.createSourceFile('validator.js', code, ts.ScriptTarget.ES2020, false, ts.ScriptKind.JS);
  return sf.statements.map(st => {
    const text = code.slice(st.getStart(sf), st.end);
    if (ts.isFunctionDeclaration(st) && st.name) return { text, name: st.name.text, isFunction: true };
    if (ts.isVariableStatement(st) && st.declarationList.declarations.length === 1) {
      const d = st.declarationList.declarations[0];
      if (ts.isIdentifier(d.name) && /^(?:schema|func|pattern|formats|wrapper)\d+$/.test(d.name.text)) return { text, name: d.name.text, isFunction: false };
    }
    return { text, isFunction: false };
  });
}

/** The generated names (validateN, schemaN, funcN …) a piece of code mentions. */
function namesIn(text: string): Set<string> {
  return new Set(text.match(NAME) ?? []);
}

/** A property access chain after a name: `.properties.status.properties`, `["a-b"]`, `[0]`. */
const CHAIN = /^((?:\.[A-Za-z_$][\w$]*|\["(?:[^"\\]|\\.)*"\]|\[\d+\])*)/;

function chainSegments(chain: string): Array<string | number> {
  const out: Array<string | number> = [];
  const re = /\.([A-Za-z_$][\w$]*)|\[("(?:[^"\\]|\\.)*")\]|\[(\d+)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(chain))) out.push(m[1] ?? (m[2] !== undefined ? JSON.parse(m[2]) : Number(m[3])));
  return out;
}

/** Every read of `name` in `texts`: its path, and whether only the keys of the object there are used. */
function readsOf(name: string, texts: string[]): Array<{ path: Array<string | number>; keysOnly: boolean }> | undefined {
  const reads: Array<{ path: Array<string | number>; keysOnly: boolean }> = [];
  const re = new RegExp(`\\b${name}\\b`, 'g');
  for (const text of texts) {
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const chain = CHAIN.exec(text.slice(m.index + name.length))![1];
      const after = text[m.index + name.length + chain.length];
      const path = chainSegments(chain);
      // `func2.call(schemaN.….properties, key)`: Object.prototype.hasOwnProperty on the object.
      const keysOnly = text.slice(Math.max(0, m.index - 6), m.index) === '.call(' && after === ',' && path[path.length - 1] === 'properties';
      // Anything else than a plain read of a chain (an assignment, a call on it): keep the whole value.
      if (after === '=' && text[m.index + name.length + chain.length + 1] !== '=') return undefined;
      if (after === '(') return undefined;
      reads.push({ path, keysOnly });
    }
  }
  return reads;
}

function at(value: any, path: Array<string | number>): any {
  let v = value;
  for (const seg of path) v = v?.[seg];
  return v;
}

/** `value` cut down to the parts `reads` reach; undefined when it cannot be cut safely. */
function pruned(value: any, reads: Array<{ path: Array<string | number>; keysOnly: boolean }>): any {
  const root: any = Array.isArray(value) ? [] : {};
  const place = (path: Array<string | number>, v: any): void => {
    if (path.length === 0) throw new Error('whole value');
    let node = root;
    let orig = value;
    for (let i = 0; i < path.length - 1; i++) {
      orig = orig[path[i]];
      if (node[path[i]] === undefined || node[path[i]] === true) node[path[i]] = Array.isArray(orig) ? [] : {};
      node = node[path[i]];
    }
    node[path[path.length - 1]] = v;
  };
  try {
    for (const r of reads.filter(x => x.keysOnly)) {
      const obj = at(value, r.path);
      if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return undefined;
      place(r.path, Object.fromEntries(Object.keys(obj).map(k => [k, true])));
    }
    for (const r of reads.filter(x => !x.keysOnly).sort((a, b) => a.path.length - b.path.length)) {
      const v = at(value, r.path);
      if (v === undefined) return undefined;
      if (r.path.length === 0) return value;
      // Merge with key-only objects placed before: a full value replaces them.
      place(r.path, JSON.parse(JSON.stringify(v)));
    }
  } catch {
    return undefined;
  }
  return root;
}

/** Drops the schema constants no code reads and cuts the others down to what is read. */
export function pruneSchemaConstants(code: string): string {
  const sts = statements(code);
  const out: string[] = [];
  for (let i = 0; i < sts.length; i++) {
    const st = sts[i];
    if (!st.name?.startsWith('schema') || st.isFunction) {
      out.push(st.text);
      continue;
    }
    const others = sts.filter((_, j) => j !== i).map(s => s.text);
    const reads = readsOf(st.name, others);
    if (reads === undefined) {
      out.push(st.text);
      continue;
    }
    if (reads.length === 0) continue;
    const m = /^const (schema\d+) = ([\s\S]*);$/.exec(st.text);
    let value: any;
    try {
      value = m ? JSON.parse(m[2]) : undefined;
    } catch {
      value = undefined;
    }
    const cut = value === undefined ? undefined : pruned(value, reads);
    out.push(cut === undefined ? st.text : `const ${st.name} = ${JSON.stringify(cut)};`);
  }
  return out.join('');
}

/** The function names reachable from `from` through calls, not entering those in `stop`. */
function reachable(byName: Map<string, Statement>, from: string[], stop?: Set<string>): Set<string> {
  const seen = new Set<string>();
  const todo = [...from];
  while (todo.length > 0) {
    const n = todo.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    if (stop?.has(n)) continue;
    const st = byName.get(n);
    if (!st) continue;
    for (const d of namesIn(st.text)) if (!seen.has(d) && byName.has(d)) todo.push(d);
  }
  return seen;
}

/** The generated function that validates `data.<field>` in the root function, e.g. `validate131`. */
export function fieldFunction(code: string, field: string): string | undefined {
  const root = /module\.exports = (validate\d+);/.exec(code)?.[1];
  const rootSt = statements(code).find(s => s.isFunction && s.name === root);
  const m = rootSt && new RegExp(`if\\(data\\.${field} !== undefined\\)\\{if\\(!\\((validate\\d+)\\(data\\.${field}, \\{instancePath:instancePath\\+"/${field}"`).exec(rootSt.text);
  return m?.[1];
}

/**
 * Moves the functions `entries` and every function only they reach into a module of their own
 * (`require(requirePath)` from the main module, which exports them by name), with the constants they read.
 * In the main module each entry becomes a stub that loads that module on its first call, calls the moved
 * function and hands on its `errors`. `rewrite` is applied to each entry's own text (used to give the
 * errors of `status` the schema paths they have when its schema is compiled in place). Returns both
 * modules' code.
 */
export function splitOff(code: string, entries: string[], requirePath: string, rewrite: (fn: string, text: string) => string = (_, t) => t): { main: string; part: string } {
  const sts = statements(code);
  const byName = new Map(sts.filter(s => s.name).map(s => [s.name!, s]));
  const root = /module\.exports = (validate\d+);/.exec(code)?.[1];
  for (const fn of entries) if (!root || fn === root || !byName.get(fn)?.isFunction) throw new Error(`splitOff: no function ${fn} to split off`);
  const keep = reachable(byName, [root!], new Set(entries));
  const part = reachable(byName, entries);
  const entrySet = new Set(entries);
  const loader = `loaded_${entries[0]}`;
  const stub = (fn: string): string => `function ${fn}(data, options){if(${loader} === undefined){${loader} = require(${JSON.stringify(requirePath)});}`
    + `const f = ${loader}.${fn};const valid = f(data, options);${fn}.errors = f.errors;return valid;}`;
  // Main: every statement except the functions only the entries reach; each entry becomes a stub.
  const main: string[] = [];
  for (const st of sts) {
    if (st.name !== undefined && entrySet.has(st.name)) main.push(stub(st.name));
    else if (st.isFunction && st.name && !keep.has(st.name)) continue;
    else main.push(st.text);
  }
  main.push(`let ${loader};`);
  // Part: the constants and functions it reaches, in their original order.
  const names = new Set<string>(part);
  for (const n of part) for (const d of namesIn(byName.get(n)!.text)) names.add(d);
  const out = ['"use strict";', `module.exports = {${entries.join(', ')}};`];
  for (const st of sts) {
    if (!st.name || !names.has(st.name)) continue;
    if (st.isFunction && !part.has(st.name)) continue;
    out.push(entrySet.has(st.name) ? rewrite(st.name, st.text) : st.text);
  }
  return { main: main.join(''), part: out.join('') };
}

/**
 * The generated functions that run when `samples` are validated: the code is run with a counter at the
 * start of each function (`require` resolves from this file: Ajv's runtime helpers).
 */
export function functionsRun(code: string, samples: unknown[]): Set<string> {
  const hits = new Set<string>();
  const counted = code.replace(/function (validate\d+)\(([^)]*)\)\{/g, (m, fn) => `${m}__hits.add(${JSON.stringify(fn)});`);
  const mod: { exports: any } = { exports: {} };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  new Function('require', 'module', 'exports', '__hits', counted)(require, mod, mod.exports, hits);
  for (const s of samples) mod.exports(s);
  return hits;
}

/** The functions the root function reaches (not entering `stop`) that `hot` does not hold, and the ones of them hot code calls. */
export function coldFunctions(code: string, hot: Set<string>, stop: Set<string>): { cold: Set<string>; entries: string[] } {
  const sts = statements(code);
  const byName = new Map(sts.filter(s => s.name).map(s => [s.name!, s]));
  const root = /module\.exports = (validate\d+);/.exec(code)![1];
  const all = reachable(byName, [root], stop);
  const cold = new Set([...all].filter(n => byName.get(n)?.isFunction && !hot.has(n) && !stop.has(n) && n !== root));
  const entries = new Set<string>();
  for (const n of all) {
    if (cold.has(n) || stop.has(n) || !byName.get(n)?.isFunction) continue;
    for (const d of namesIn(byName.get(n)!.text)) if (cold.has(d)) entries.add(d);
  }
  return { cold, entries: [...entries].sort() };
}

/** Helpers of `compactErrors`, defined once per module. */
const ERROR_HELPERS = 'function __e(v, e){if(v === null){return [e];}v.push(e);return v;}'
  + 'function __t(v, i, s, t){return __e(v, {instancePath:i,schemaPath:s,keyword:"type",params:{type: t},message:"must be "+t});}'
  + 'function __a(v, i, s, k){return __e(v, {instancePath:i,schemaPath:s,keyword:"additionalProperties",params:{additionalProperty: k},message:"must NOT have additional properties"});}';

const ERROR_SITE = /const (err\d+) = \{instancePath(?::([^;]*?))?,schemaPath:("(?:[^"\\]|\\.)*"),keyword:("\w+"),params:([^;]*?),message:([^;]*?)\};if\(vErrors === null\)\{vErrors = \[\1\];\}else \{vErrors\.push\(\1\);\}/g;

/**
 * Ajv writes every error it may report as `const errN = {instancePath:…,schemaPath:…,keyword:…,params:…,
 * message:…};if(vErrors === null){vErrors = [errN];}else {vErrors.push(errN);}`: about two thirds of the
 * VirtualMachine validator. Each becomes one call of a helper that builds the same object (same keys in
 * the same order, same values) and appends it the same way: `vErrors = __e(vErrors, {…})`, and for the two
 * commonest kinds `__t(vErrors, path, schemaPath, "string")` (a type error) and `__a(…, key)` (an unknown
 * field). A site whose `errN` is read anywhere else is left as it is.
 */
export function compactErrors(code: string): string {
  const count = new Map<string, number>();
  for (const m of code.matchAll(/\berr\d+\b/g)) count.set(m[0], (count.get(m[0]) ?? 0) + 1);
  const decls = new Map<string, number>();
  for (const m of code.matchAll(/const (err\d+) = /g)) decls.set(m[1], (decls.get(m[1]) ?? 0) + 1);
  let changed = false;
  const out = code.replace(ERROR_SITE, (site: string, err: string, at: string | undefined, schemaPath: string, keyword: string, params: string, message: string) => {
    // Only where errN is the declaration and the two reads of this very pattern, every time it is declared.
    if (count.get(err) !== 3 * decls.get(err)!) return site;
    const ip = at ?? 'instancePath';
    changed = true;
    const type = /^\{type: ("\w+")\}$/.exec(params);
    if (keyword === '"type"' && type && message === `"must be ${JSON.parse(type[1])}"`) return `vErrors = __t(vErrors, ${ip}, ${schemaPath}, ${type[1]});`;
    const extra = /^\{additionalProperty: (key\d+)\}$/.exec(params);
    if (keyword === '"additionalProperties"' && extra && message === '"must NOT have additional properties"') return `vErrors = __a(vErrors, ${ip}, ${schemaPath}, ${extra[1]});`;
    return `vErrors = __e(vErrors, {instancePath${at === undefined ? '' : `:${at}`},schemaPath:${schemaPath},keyword:${keyword},params:${params},message:${message}});`;
  });
  if (!changed) return code;
  if (!out.startsWith('"use strict";')) return code;
  return `"use strict";${ERROR_HELPERS}${out.slice('"use strict";'.length)}`;
}

/** The options object Ajv's code passes to the function that validates a property or an item. */
const CALL_OPTIONS = /\{instancePath:instancePath\+"(?:[^"\\]|\\.)*"(?: \+ i\d+)?,parentData:[A-Za-z0-9_$]+,parentDataProperty:(?:"(?:[^"\\]|\\.)*"|i\d+),rootData\}/g;

/**
 * A valid object allocates no error paths: Ajv's code builds, for each property or item it hands to another
 * function, an options object and the property's path (`{instancePath:instancePath+"/spec",parentData:data,…}`),
 * about 3 KB per VirtualMachine, although only errors read them. The rewritten main module first validates
 * with one shared options object at every such call (`__fast ? __O : {…}`); only when that finds the object
 * invalid does it validate again as Ajv wrote it, and that run's result and errors are returned. Paths and
 * the other options are read by nothing but error objects and further calls (checked here: the rewrite is
 * refused otherwise), so both runs give the same result. Part modules are left as they are.
 */
export function validFirst(code: string): string {
  const root = /module\.exports = (validate\d+);module\.exports\.default = \1;/.exec(code);
  if (!root || !code.startsWith('"use strict";')) return code;
  const calls = code.match(CALL_OPTIONS)?.length ?? 0;
  // Outside those calls and the parameter lists, parentData and rootData are not read at all, and the path only
  // goes into error objects: never compared, indexed or tested.
  const rest = code.replace(CALL_OPTIONS, '').split('{instancePath="", parentData, parentDataProperty, rootData=data}={}').join('');
  if (calls === 0 || /\b(?:parentData|parentDataProperty|rootData)\b/.test(rest) || /\binstancePath\s*(?:[=!<>]=|[.[?&|])/.test(rest)) return code;
  const fn = root[1];
  const wrapper = `function __validFirst(data, options){__fast = true;let valid;try{valid = ${fn}(data, options);}finally{__fast = false;}`
    + `if(!valid){valid = ${fn}(data, options);}__validFirst.errors = ${fn}.errors;return valid;}`;
  return '"use strict";let __fast = false;const __O = {instancePath:""};'
    + code.slice('"use strict";'.length)
      .replace(CALL_OPTIONS, options => `__fast ? __O : ${options}`)
      .replace(root[0], `${wrapper}module.exports = __validFirst;module.exports.default = __validFirst;`);
}
