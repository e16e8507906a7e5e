import { join as joinPath } from 'path';
import { IConstruct } from 'constructs';
import { describeConstruct, fail } from './errors';
import { assembly, FOREIGN_KINDS, fromSources, JsiiType, Param, stale, TypeRef } from './guard-assembly';
import { article, isInstance, isPlainObject, shortName, show, suggest } from './guard-values';

export { compactTypes, FOREIGN_KINDS, writeTypeTable } from './guard-assembly';

/*
 * Runtime type guards at the jsii boundary. A JavaScript caller (or a Python/Go/Java/.NET one through jsii)
 * can hand any value to a public constructor, factory or method; the guard checks it against the types the
 * jsii assembly (`.jsii`, next to package.json in the package and at the repo root) declares, and throws the
 * library's error instead of a raw TypeError deep inside.
 *
 * The type information is read from `.jsii` on the first guarded call, never at require time, and every
 * type is compiled to a checker once and cached by fqn, so a check costs O(size of the value). Types of
 * other assemblies (cdk8s, cdk8s-plus-28, constructs) are checked by their jsii runtime type marker.
 *
 * Each checker has two passes: `ok`, which only answers "passes" (no paths, contexts or closures: the
 * arguments of a fleet's thousands of calls take this one alone), and `check`, which runs when `ok` does
 * not say yes and names the problem. `ok` never says yes to what `check` refuses
 * (test/private/guard-fast.test.ts compares them on generated arguments of every guarded signature).
 */

const RULE = 'property-type';
/** Names of properties that may hold a secret: their values never appear in a message. */
const SECRET = /pass|secret|key|token|credential|user_?data|cert|auth|private|extra|content/i;
/** Deeper free-form values are refused: they would overflow the stack of whatever renders them. */
const MAX_DEPTH = 200;

/** Where a check is: who to blame, and whether values there may be secret. */
interface At { readonly who: string | (() => string); readonly prefix: string; readonly secret: boolean; readonly stack: Set<object> }
type Check = (value: unknown, path: string, at: At) => void;
/**
 * The fast pass: true only when `check` would pass the value (it builds no paths, contexts or messages).
 * False is not a verdict: `check` then runs and finds the problem, or passes the value after all.
 * `depth` counts the levels above the value; a deeper value or a larger one than FAST_BUDGET values
 * (a cycle, say) gets false, so the pass always ends.
 */
type Ok = (value: unknown, depth: number) => boolean;
interface Compiled { readonly check: Check; readonly ok: Ok; readonly expected: string }

/** How deep and how many values the fast pass looks at before leaving a value to `check`. */
const FAST_DEPTH = 64;
const FAST_BUDGET = 10_000;
let budget = FAST_BUDGET;

const compiled = new Map<string, Compiled>();
/** Signatures by fqn, then by method ('' for the constructor). */
const signatures = new Map<string, Map<string, CompiledParam[] | null>>();

function reject(value: unknown, path: string, at: At, problem: string, allowed: string): never {
  const p = path.length > 120 ? `${path.slice(0, 50)}…${path.slice(-50)}` : path;
  return fail(typeof at.who === 'string' ? at.who : at.who(), { property: `${at.prefix}${p}`, problem, value: show(value, at.secret), allowed, ruleId: RULE });
}

function wrongType(expected: string): Check {
  return (v, p, at) => reject(v, p, at, 'has the wrong type', `expected ${expected}`);
}

const isString: Ok = v => typeof v === 'string';
const isNumber: Ok = v => typeof v === 'number' && Number.isFinite(v);
const isBoolean: Ok = v => typeof v === 'boolean';
const isDate: Ok = v => v instanceof Date && !isNaN(v.getTime());

/** A type whose one test decides: `ok` both as the fast pass and in the full check, which names `shown` (default `expected`). */
function leaf(expected: string, ok: Ok, shown = expected): Compiled {
  return { expected, ok, check: (v, p, at) => { if (!ok(v, 0)) wrongType(shown)(v, p, at); } };
}

const PRIMITIVES: Record<string, Compiled> = {
  string: leaf('a string', isString),
  number: leaf('a finite number', isNumber),
  boolean: leaf('true or false', isBoolean),
  date: leaf('a Date', isDate, 'a valid Date'),
  json: { expected: 'a JSON value', ok: okJson, check: (v, p, at) => checkJson(v, p, at, 0) },
  any: { expected: 'a JSON value', ok: okJson, check: (v, p, at) => checkJson(v, p, at, 0) },
};

/** The fast pass of checkJson. */
function okJson(v: unknown, depth: number): boolean {
  if (v === null || v === undefined || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v !== 'object' || v instanceof Date) return typeof v === 'object';
  if (depth >= FAST_DEPTH || --budget < 0) return false;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (!okJson(v[i], depth + 1)) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== null && proto !== Object.prototype) return false;
  for (const k of Object.keys(v)) if (!okJson((v as any)[k], depth + 1)) return false;
  return true;
}

/** Plain data only: no cycles, functions, symbols, bigints, NaN/Infinity or class instances (Dates pass). */
function checkJson(v: unknown, path: string, at: At, depth: number): void {
  if (v === null || v === undefined || typeof v === 'string' || typeof v === 'boolean' || v instanceof Date) return;
  const plain = 'a JSON value (strings, finite numbers, booleans, null, arrays and plain objects)';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) reject(v, path, at, 'is not a JSON number', plain);
    return;
  }
  if (typeof v !== 'object') reject(v, path, at, 'is not a JSON value', plain);
  const o = v as object;
  if (at.stack.has(o)) reject(v, path, at, 'refers back to itself', 'a JSON value without cycles');
  if (depth >= MAX_DEPTH) reject(v, path, at, `nests deeper than ${MAX_DEPTH} levels`, 'a shallower JSON value');
  const proto = Object.getPrototypeOf(o);
  if (!Array.isArray(o) && proto !== null && proto !== Object.prototype) reject(v, path, at, 'is not plain data', plain);
  at.stack.add(o);
  try {
    if (Array.isArray(o)) o.forEach((e, i) => checkJson(e, `${path}[${i}]`, at, depth + 1));
    else for (const k of Object.keys(o)) checkJson((o as any)[k], `${path}.${k}`, at, depth + 1);
  } finally {
    at.stack.delete(o);
  }
}

/** Runs `f` with `v` on the stack of enclosing values, so that a value inside it that is `v` is a cycle. */
function within(v: object, p: string, at: At, f: () => void): void {
  if (at.stack.has(v)) reject(v, p, at, 'refers back to itself', 'a value without cycles');
  at.stack.add(v);
  try {
    f();
  } finally {
    at.stack.delete(v);
  }
}

function compileRef(t: TypeRef): Compiled {
  if (t.primitive) return PRIMITIVES[t.primitive] ?? PRIMITIVES.any;
  if (t.collection) {
    const el = compileRef(t.collection.elementtype);
    if (t.collection.kind === 'array') {
      const expected = `an array (each item ${el.expected})`;
      return {
        expected,
        ok: (v, d) => {
          if (!Array.isArray(v) || d >= FAST_DEPTH || --budget < 0) return false;
          for (let i = 0; i < v.length; i++) if (!el.ok(v[i], d + 1)) return false;
          return true;
        },
        check: (v, p, at) => {
          if (!Array.isArray(v)) return wrongType(expected)(v, p, at);
          within(v, p, at, () => { for (let i = 0; i < v.length; i++) el.check(v[i], `${p}[${i}]`, at); });
        },
      };
    }
    const expected = `a map of strings (each value ${el.expected})`;
    return {
      expected,
      ok: (v, d) => {
        if (!isPlainObject(v) || d >= FAST_DEPTH || --budget < 0) return false;
        const proto = Object.getPrototypeOf(v);
        if (proto !== Object.prototype && proto !== null) return false;
        for (const k of Object.keys(v)) if (!el.ok(v[k], d + 1)) return false;
        return true;
      },
      check: (v, p, at) => {
        const proto = isPlainObject(v) ? Object.getPrototypeOf(v) : undefined;
        if (!isPlainObject(v) || (proto !== Object.prototype && proto !== null)) return wrongType(expected)(v, p, at);
        within(v, p, at, () => { for (const k of Object.keys(v)) el.check(v[k], `${p}.${k}`, at); });
      },
    };
  }
  if (t.fqn) {
    const fqn = t.fqn;
    // Resolved on first use, so that a struct may refer to itself.
    const t2 = assembly()?.[fqn];
    const struct = t2 ? t2.kind === 'interface' && t2.datatype : FOREIGN_KINDS[fqn] === 'struct';
    let target: Compiled | undefined;
    return {
      expected: article(`${shortName(fqn)}${struct ? ' object' : ''}`),
      ok: (v, d) => (target ?? (target = compileFqn(fqn))).ok(v, d),
      check: (v, p, at) => compileFqn(fqn).check(v, p, at),
    };
  }
  return PRIMITIVES.any; // unions do not appear in a jsii API; accept what cannot be described
}

function compileFqn(fqn: string): Compiled {
  let c = compiled.get(fqn);
  if (c) return c;
  const t = assembly()?.[fqn];
  const kind = t ? (t.kind === 'interface' && t.datatype ? 'struct' : t.kind) : FOREIGN_KINDS[fqn] ?? 'interface';
  const name = shortName(fqn);
  if (kind === 'struct' && t) c = compileStruct(t);
  else if (kind === 'struct') c = leaf(article(`${name} object`), isPlainObject);
  else if (kind === 'enum') c = compileEnum(fqn, t);
  else if (kind === 'class') c = compileClass(fqn, name);
  else c = compileInterface(fqn, t);
  compiled.set(fqn, c);
  return c;
}

/** A class: an instance of it or of a subclass. The fast pass remembers the last prototype it saw. */
function compileClass(fqn: string, name: string): Compiled {
  let lastProto: unknown = undefined;
  let lastAnswer = false;
  return {
    expected: article(name),
    ok: v => {
      if ((typeof v !== 'object' && typeof v !== 'function') || v === null) return false;
      const proto = Object.getPrototypeOf(v);
      if (proto !== lastProto) {
        lastAnswer = isInstance(v, fqn);
        lastProto = proto;
      }
      return lastAnswer;
    },
    check: (v, p, at) => { if (!isInstance(v, fqn)) wrongType(article(name))(v, p, at); },
  };
}

/** The properties of a struct and of the structs it extends; `open` when a parent is another assembly's. */
function structFields(t: JsiiType, into: Map<string, { c: Compiled; optional: boolean; secret: boolean }>): boolean {
  let open = stale(t.locationInModule?.filename);
  for (const parent of t.interfaces ?? []) {
    const pt = assembly()?.[parent];
    open = pt ? structFields(pt, into) || open : true;
  }
  for (const p of t.properties ?? []) into.set(p.name, { c: compileRef(p.type), optional: !!p.optional, secret: SECRET.test(p.name) });
  return open;
}

function compileStruct(t: JsiiType): Compiled {
  const fields = new Map<string, { c: Compiled; optional: boolean; secret: boolean }>();
  const open = structFields(t, fields);
  const required = [...fields].filter(([, f]) => !f.optional).map(([k]) => k);
  const expected = article(`${t.name} object`);
  const ok: Ok = (v, d) => {
    if (!isPlainObject(v) || d >= FAST_DEPTH || --budget < 0) return false;
    for (let i = 0; i < required.length; i++) if (v[required[i]] === undefined) return false;
    for (const k of Object.keys(v)) {
      const f = fields.get(k);
      if (!f) {
        if (!open) return false;
        continue;
      }
      const value = v[k];
      if (value !== undefined && (value === null || !f.c.ok(value, d + 1))) return false;
    }
    return true;
  };
  const check: Check = (v, p, at) => {
    if (!isPlainObject(v)) return wrongType(expected)(v, p, at);
    if (at.stack.has(v)) return reject(v, p, at, 'refers back to itself', 'an object without cycles');
    for (const k of required) {
      if (v[k] === undefined) reject(undefined, `${p}.${k}`, at, 'is required', `expected ${fields.get(k)!.c.expected}`);
    }
    at.stack.add(v);
    try {
      for (const k of Object.keys(v)) {
        const f = fields.get(k);
        const value = v[k];
        if (!f) {
          if (!open) reject(value, `${p}.${k}`, at, `is not a property of ${t.name}`, suggest(k, [...fields.keys()]));
          continue;
        }
        if (value === undefined) continue;
        const inner = f.secret && !at.secret ? { ...at, secret: true } : at;
        if (value === null) reject(null, `${p}.${k}`, at, 'has the wrong type', `expected ${f.c.expected}, or no value`);
        f.c.check(value, `${p}.${k}`, inner);
      }
    } finally {
      at.stack.delete(v);
    }
  };
  return { expected, ok, check };
}

/** An enum of this assembly: its runtime values come from the module that declares it. */
function compileEnum(fqn: string, t: JsiiType | undefined): Compiled {
  let values: unknown[] | undefined;
  if (t?.symbolId) {
    try {
      const [file, sym] = t.symbolId.split(':');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(joinPath(__dirname, '..', file.replace(/^src\//, '')));
      const obj = sym.split('.').reduce((o: any, n) => o?.[n], mod);
      if (obj) values = (t.members ?? []).map(m => obj[m.name]);
    } catch { values = undefined; }
  }
  const name = shortName(fqn);
  if (!values) {
    const expected = article(`${name} value`);
    return leaf(expected, v => typeof v === 'string' || typeof v === 'number');
  }
  const set = new Set(values);
  const expected = `${article(name)}: ${(t!.members ?? []).map(m => `${name}.${m.name}`).join(', ')}`;
  return leaf(expected, v => set.has(v));
}

/** A behavioural interface: an object with its required members (own interfaces), or any object. */
function compileInterface(fqn: string, t: JsiiType | undefined): Compiled {
  const members = [...(t?.properties ?? []), ...(t?.methods ?? [])].filter(m => !m.optional && !m.static).map(m => m.name);
  const expected = article(shortName(fqn));
  const ok: Ok = v => {
    if ((typeof v !== 'object' && typeof v !== 'function') || v === null) return false;
    for (let i = 0; i < members.length; i++) if (!(members[i] in v)) return false;
    return true;
  };
  return leaf(expected, ok);
}

/** A parameter with its checker, compiled once per signature. */
interface CompiledParam { readonly param: Param; readonly c: Compiled; readonly secret: boolean }

function signature(fqn: string, method: string | undefined): CompiledParam[] | null {
  let byMethod = signatures.get(fqn);
  if (byMethod === undefined) signatures.set(fqn, byMethod = new Map());
  const key = method ?? '';
  let s = byMethod.get(key);
  if (s !== undefined) return s;
  const t = assembly()?.[fqn];
  const params = !t ? null : method === undefined ? t.initializer?.parameters ?? [] : t.methods?.find(m => m.name === method)?.parameters ?? null;
  if (params === null && t && fromSources() && !stale(t.locationInModule?.filename)) throw new Error(`guard: ${fqn}${method ? `.${method}` : ''} is not in .jsii (run npx projen compile)`);
  s = params?.map(param => ({ param, c: compileRef(param.type), secret: SECRET.test(param.name) })) ?? null;
  byMethod.set(key, s);
  return s;
}

/** The fast pass over the arguments: true only when checkArgs would pass them (then it need not run). */
function argsOk(params: CompiledParam[], args: unknown[]): boolean {
  budget = FAST_BUDGET;
  for (let i = 0; i < params.length; i++) {
    const { param, c } = params[i];
    if (param.variadic) {
      for (let j = i; j < args.length; j++) if (!c.ok(args[j], 0)) return false;
      return true;
    }
    const v = args[i];
    if (v === undefined) {
      if (!param.optional && param.type.primitive !== 'any') return false;
    } else if (v === null || !c.ok(v, 0)) {
      return false;
    }
  }
  return true;
}

/** `who` is computed only when a check fails: naming a construct walks its path. */
function checkArgs(who: () => string, prefix: string, params: CompiledParam[], args: unknown[]): void {
  let stack: Set<object> | undefined;
  for (let i = 0; i < params.length; i++) {
    const { param, c, secret } = params[i];
    const v = args[i];
    if (v === undefined && !param.variadic) {
      if (!param.optional && param.type.primitive !== 'any') reject(v, param.name, { who: who(), prefix, secret, stack: new Set() }, 'is required', `expected ${c.expected}`);
      continue;
    }
    // Primitives need no context unless they fail.
    if (typeof v === 'string' && param.type.primitive === 'string') continue;
    const at: At = { who, prefix, secret, stack: stack ?? (stack = new Set()) };
    if (param.variadic) {
      for (let j = i; j < args.length; j++) c.check(args[j], `${param.name}[${j - i}]`, at);
      return;
    }
    if (v === null && param.type.primitive !== 'any') reject(v, param.name, at, 'has the wrong type', `expected ${c.expected}${param.optional ? ', or no value' : ''}`);
    c.check(v, param.name, at);
  }
}

/**
 * Checks the arguments of a constructor: `guardNew('cdk8s-kubevirt.Machine', [scope, id, props])`.
 * A construct is named by the path it would get.
 */
export function guardNew(fqn: string, args: unknown[]): void {
  const params = signature(fqn, undefined);
  if (params && !argsOk(params, args)) checkNew(fqn, params, args);
}

function checkNew(fqn: string, params: CompiledParam[], args: unknown[]): void {
  checkArgs(() => {
    const kind = fqn.slice(fqn.lastIndexOf('.') + 1);
    if (params[0]?.param.type.fqn !== 'constructs.Construct' || typeof args[1] !== 'string') return kind;
    const scope = args[0] as IConstruct | undefined;
    const parent = isInstance(scope, 'constructs.Construct') ? scope!.node.path : '';
    return `${kind} '${parent ? `${parent}/` : ''}${args[1]}'`;
  }, '', params, args);
}

/**
 * Checks the arguments of a method: `guardCall(this, 'cdk8s-kubevirt.DiskSet', 'addDisk', [name, options])`,
 * or of a static factory with `self` undefined.
 */
export function guardCall(self: object | undefined, fqn: string, method: string, args: unknown[]): void {
  const params = signature(fqn, method);
  if (params && !argsOk(params, args)) checkCall(self, fqn, method, params, args);
}

function checkCall(self: object | undefined, fqn: string, method: string, params: CompiledParam[], args: unknown[]): void {
  const construct = self !== undefined && isInstance(self, 'constructs.Construct');
  const who = (): string => construct ? describeConstruct(self as IConstruct) : `${fqn.slice(fqn.lastIndexOf('.') + 1)}.${method}`;
  checkArgs(who, construct ? `${method} ` : '', params, args);
}

/** Checks one struct value, e.g. `guardProps(this, 'cdk8s-kubevirt.DiskOptions', options, 'options')`. */
export function guardProps(who: IConstruct | string, structFqn: string, value: unknown, property: string): void {
  if (!assembly()) return;
  budget = FAST_BUDGET;
  if (value !== null && value !== undefined && compileFqn(structFqn).ok(value, 0)) return;
  const at: At = { who: () => typeof who === 'string' ? who : describeConstruct(who), prefix: '', secret: SECRET.test(property), stack: new Set() };
  compileFqn(structFqn).check(value, property, at);
}

/**
 * For tests: what the fast pass says of the arguments of a constructor (`method` undefined) or method, and
 * what the full check throws of them (undefined when it passes them).
 */
export function bothPasses(fqn: string, method: string | undefined, args: unknown[]): { readonly fast: boolean; readonly error?: string } {
  const params = signature(fqn, method);
  if (!params) return { fast: true };
  const fast = argsOk(params, args);
  try {
    if (method === undefined) checkNew(fqn, params, args);
    else checkCall(undefined, fqn, method, params, args);
  } catch (e) {
    return { fast, error: (e as Error).message };
  }
  return { fast };
}
