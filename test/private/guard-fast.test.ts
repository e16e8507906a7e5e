import * as fs from 'fs';
import * as path from 'path';
import * as cdk8s from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import * as lib from '../../src';
import { bothPasses, compactTypes, FOREIGN_KINDS } from '../../src/private/guard';
import type { JsiiType, TypeRef } from '../../src/private/guard-assembly';

/*
 * The guards check arguments in two passes: a fast one that says only "these pass", and the full one that
 * names the problem. The fast pass must never accept what the full check refuses, and should accept what
 * it passes (else it saves nothing). Both run here on values generated from the types of every guarded
 * signature of the assembly: valid ones, and each with one thing wrong.
 */

const types: Record<string, JsiiType> = compactTypes(JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '.jsii'), 'utf-8')));

/** A deterministic pseudo-random sequence, so that failures reproduce. */
let seed = 42;
function random(): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}

const FOREIGN_CLASSES: Record<string, Function> = {
  'constructs.Construct': Construct,
  'cdk8s.Size': cdk8s.Size,
  'cdk8s.Duration': cdk8s.Duration,
  'cdk8s.Cron': cdk8s.Cron,
  'cdk8s-plus-28.Cpu': kplus.Cpu,
  'cdk8s-plus-28.Topology': kplus.Topology,
};

function classOf(fqn: string): Function | undefined {
  if (FOREIGN_CLASSES[fqn]) return FOREIGN_CLASSES[fqn];
  return fqn.split('.').slice(1).reduce((o: any, n) => o?.[n], lib);
}

/** All struct properties of `fqn`, with those of the structs it extends. */
function fieldsOf(t: JsiiType): Array<{ name: string; type: TypeRef; optional?: boolean }> {
  const parents = (t.interfaces ?? []).flatMap(p => types[p] ? fieldsOf(types[p]) : []);
  return [...parents, ...(t.properties ?? [])];
}

/** A value of type `t` that should pass, built to `depth`. */
function valid(t: TypeRef, depth: number): unknown {
  if (t.primitive === 'string') return random() < 0.5 ? 'x' : '';
  if (t.primitive === 'number') return Math.floor(random() * 100);
  if (t.primitive === 'boolean') return random() < 0.5;
  if (t.primitive === 'date') return new Date(0);
  if (t.primitive) return random() < 0.5 ? { a: [1, 'b', null, { c: true }] } : 'json';
  if (t.collection?.kind === 'array') return depth > 3 ? [] : [valid(t.collection.elementtype, depth + 1), valid(t.collection.elementtype, depth + 1)];
  if (t.collection) return depth > 3 ? {} : { k: valid(t.collection.elementtype, depth + 1) };
  const fqn = t.fqn!;
  const jt = types[fqn];
  const kind = jt ? (jt.kind === 'interface' && jt.datatype ? 'struct' : jt.kind) : FOREIGN_KINDS[fqn] ?? 'interface';
  if (kind === 'struct') {
    const out: Record<string, unknown> = {};
    for (const f of jt ? fieldsOf(jt) : []) {
      if (!f.optional || (depth < 3 && random() < 0.6)) out[f.name] = valid(f.type, depth + 1);
    }
    return out;
  }
  if (kind === 'enum') {
    const cls = classOf(fqn) as any;
    return cls ? cls[jt!.members![0].name] : 'x';
  }
  if (kind === 'class') {
    const cls = classOf(fqn);
    return cls ? Object.create(cls.prototype) : {};
  }
  const members = [...(jt?.properties ?? []), ...(jt?.methods ?? [])].filter(m => !m.optional && !m.static);
  return Object.fromEntries(members.map(m => [m.name, () => undefined]));
}

/** Variants of a valid value with one thing wrong (or, for some, still right). */
function mutants(v: unknown): unknown[] {
  const out: unknown[] = [null, undefined, 'x', 3, NaN, Infinity, true, [], {}, () => 1, Symbol('s'), BigInt(1), new Date(NaN), new Map(), Object.create(null)];
  if (Array.isArray(v) && v.length > 0) {
    for (const m of mutants(v[0]).slice(0, 12)) out.push([v[0], m]);
    const cyclic: unknown[] = [...v];
    cyclic.push(cyclic);
    out.push(cyclic, [...v, undefined], Object.assign([], { 5: v[0] }));
  } else if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const keys = Object.keys(v);
    for (const k of keys) {
      for (const m of mutants((v as any)[k]).slice(0, 12)) out.push({ ...v, [k]: m });
      out.push({ ...v, [k.toUpperCase()]: (v as any)[k] });
    }
    const cyclic: any = { ...v };
    cyclic[keys[0] ?? 'self'] = cyclic;
    out.push(cyclic, { ...v, notAProperty: 1 });
    let deep: any = { ...v };
    for (let i = 0; i < 300; i++) deep = { [keys[0] ?? 'x']: deep };
    out.push(deep);
  }
  return out;
}

interface Signature { fqn: string; method?: string; params: Array<{ type: TypeRef; optional?: boolean; variadic?: boolean }> }

const signatures: Signature[] = Object.values(types).filter(t => t.kind === 'class').flatMap(t => [
  ...(t.initializer ? [{ fqn: t.fqn, params: t.initializer.parameters ?? [] }] : []),
  ...(t.methods ?? []).filter(m => m.parameters?.length).map(m => ({ fqn: t.fqn, method: m.name, params: m.parameters! })),
]);

describe('the fast pass of the guards', () => {
  test('covers the guarded signatures', () => {
    expect(signatures.length).toBeGreaterThan(50);
  });

  test.each(signatures.map(s => [`${s.fqn}${s.method ? `.${s.method}` : ''}`, s]))('%s: never accepts what the full check refuses', (_, s) => {
    const sig = s as Signature;
    let accepted = 0;
    let refused = 0;
    for (let round = 0; round < 4; round++) {
      const base = sig.params.map(p => valid(p.type, 0));
      const cases: unknown[][] = [base];
      sig.params.forEach((p, i) => {
        for (const m of mutants(base[i])) {
          const args = [...base];
          args[i] = m;
          cases.push(p.variadic ? [...base.slice(0, i), base[i], m] : args);
        }
      });
      for (const args of cases) {
        const { fast, error } = bothPasses(sig.fqn, sig.method, args);
        if (fast && error !== undefined) throw new Error(`fast pass accepted what the check refuses: ${error}`);
        if (fast) accepted++;
        if (error !== undefined) refused++;
        // Where they differ, it is a value the fast pass leaves to the full check: null for a JSON value,
        // or nesting deeper than the fast pass looks.
        if (!fast && error === undefined) {
          const fine = args.some(a => a === null || JSON.stringify(a, (_k, x) => typeof x === 'bigint' ? 0 : x)?.length > 1000);
          if (!fine) throw new Error(`fast pass refused what the check passes: ${sig.fqn}.${sig.method} ${String(args)}`);
        }
      }
    }
    expect(accepted).toBeGreaterThan(0);
    expect(refused + accepted).toBeGreaterThan(0);
  });
});
