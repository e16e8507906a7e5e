/**
 * The precompiled validators in lib/schemas (imports/compile-schemas.ts: pruned schema constants, `status`
 * split off into `<kind>_<version>.status.js`) give exactly what Ajv compiled in process from the same
 * schema gives: same result, same error objects (instancePath, schemaPath, keyword, params, message), in
 * the same order, on valid objects, the examples' manifests, and many generated objects with errors
 * everywhere, `status` included.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { compileSchema, schemaEntries, SchemaEntry, schemaOf, Validator } from '../../src/private/schema-check';
import { exampleOutputs } from '../support/example-outputs';

const root = path.join(__dirname, '..', '..');
const libSchemas = path.join(root, 'lib', 'schemas');

/** Deterministic pseudo-random numbers (Park-Miller). */
function random(seed: number): () => number {
  let a = (seed % 2147483646) + 1;
  return () => {
    a = (a * 48271) % 2147483647;
    return (a - 1) / 2147483646;
  };
}

const WRONG: unknown[] = ['bad', 7, 1.5, true, null, [], {}, [1], { x: 1 }];

/** An object for `schema`: some of its fields, with wrong types, unknown fields and bad enum values here and there. */
function generate(schema: any, rnd: () => number, depth: number, wrongRate: number): unknown {
  if (rnd() < wrongRate) return WRONG[Math.floor(rnd() * WRONG.length)];
  if (!schema || typeof schema !== 'object') return 'x';
  if (schema.anyOf) return rnd() < 0.5 ? generate(schema.anyOf[Math.floor(rnd() * schema.anyOf.length)], rnd, depth, wrongRate) : 'x';
  if (schema.enum) return rnd() < 0.8 ? schema.enum[Math.floor(rnd() * schema.enum.length)] : 'NotAllowed';
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      if (depth > 9) return out;
      const props = Object.keys(schema.properties ?? {});
      const share = depth < 3 ? 0.9 : 0.35;
      for (const p of props) if (rnd() < share) out[p] = generate(schema.properties[p], rnd, depth + 1, wrongRate);
      if (typeof schema.additionalProperties === 'object') {
        for (let i = Math.floor(rnd() * 3); i > 0; i--) out[`k${i}`] = generate(schema.additionalProperties, rnd, depth + 1, wrongRate);
      }
      if (props.length > 0 && rnd() < 0.08) out[rnd() < 0.5 ? 'unknownField' : `${props[0]}x`] = 1;
      return out;
    }
    case 'array': {
      const n = Math.floor(rnd() * 3);
      return Array.from({ length: n }, () => generate(schema.items, rnd, depth + 1, wrongRate));
    }
    case 'string': return 'text';
    case 'integer': return Math.floor(rnd() * 100);
    case 'number': return rnd() * 10;
    case 'boolean': return rnd() < 0.5;
    default: return rnd() < 0.5 ? 'x' : { any: 1 };
  }
}

function examples(apiVersion: string, kind: string): any[] {
  return exampleOutputs().flatMap(o => o.docs).filter(o => o?.apiVersion === apiVersion && o?.kind === kind);
}

function precompiled(entry: SchemaEntry): Validator {
  const file = path.join(libSchemas, entry.file.replace(/\.json$/, '.js'));
  if (!fs.existsSync(file)) throw new Error('lib/schemas is missing: run `npx projen compile` first');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(file);
}

const distinct = new Map<string, SchemaEntry>();
for (const e of schemaEntries()) {
  const key = JSON.stringify(schemaOf(e).properties);
  if (!distinct.has(key)) distinct.set(key, e);
}

describe.each([...distinct.values()].map(e => [`${e.apiVersion} ${e.kind}`, e] as const))('precompiled %s', (_name, entry) => {
  test('gives the results and errors of Ajv compiled in process', () => {
    const schema = schemaOf(entry);
    const fresh = compileSchema(schema);
    const built = precompiled(entry);
    const rnd = random(entry.file.length * 7919 + entry.kind.length);
    const objects: unknown[] = [...examples(entry.apiVersion, entry.kind), null, 'x', [], {}, { status: null }, { status: 'x' }, { status: {} }, { status: { nope: 1 } }];
    for (let i = 0; i < 150; i++) {
      const o: any = generate(schema, rnd, 0, i % 3 === 0 ? 0 : 0.03);
      if (o && typeof o === 'object' && !Array.isArray(o)) {
        o.apiVersion = entry.apiVersion;
        o.kind = entry.kind;
        if (schema.properties?.status && i % 2 === 0) o.status = generate(schema.properties.status, rnd, 1, 0.05);
      }
      objects.push(o);
    }
    let withErrors = 0;
    for (const o of objects) {
      const ok = built(o);
      expect(ok).toBe(fresh(o));
      expect(built.errors ?? null).toEqual(fresh.errors ?? null);
      // and with the keys in the same order
      expect(JSON.stringify(built.errors ?? null)).toBe(JSON.stringify(fresh.errors ?? null));
      if (!ok) withErrors++;
    }
    expect(withErrors).toBeGreaterThan(20);
  });
});

test('validating what the examples write loads neither split-off part; other fields load .rare.js, a status .status.js', () => {
  const entry = schemaEntries().find(e => e.apiVersion === 'kubevirt.io/v1' && e.kind === 'VirtualMachine')!;
  const main = path.join(libSchemas, entry.file.replace(/\.json$/, '.js'));
  const rare = main.replace(/\.js$/, '.rare.js');
  const status = main.replace(/\.js$/, '.status.js');
  expect(fs.existsSync(rare) && fs.existsSync(status)).toBe(true);
  const vms = examples(entry.apiVersion, entry.kind);
  expect(vms.length).toBeGreaterThan(5);
  // A fresh process: what a synthesis loads.
  const script = `
    const v = require(${JSON.stringify(main)});
    const loaded = () => [require.cache[${JSON.stringify(rare)}] !== undefined, require.cache[${JSON.stringify(status)}] !== undefined];
    const vms = JSON.parse(require('fs').readFileSync(0, 'utf-8'));
    const out = [vms.map(vm => v(vm)).every(ok => ok), loaded()];
    const vm = { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name: 'a' }, spec: { template: { spec: { domain: { devices: {} } } } } };
    out.push(v({ ...vm, spec: { template: { spec: { domain: { devices: {} }, affinity: { podAntiAffinity: {} } } } } }), loaded());
    out.push(v({ ...vm, status: { ready: 'yes' } }), loaded(), v.errors.map(e => [e.instancePath, e.schemaPath]));
    process.stdout.write(JSON.stringify(out));`;
  const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf-8', input: JSON.stringify(vms) }));
  expect(out).toEqual([true, [false, false], true, [true, false], false, [true, true], [['/status/ready', '#/properties/status/properties/ready/type']]]);
});

test('the main modules validate first without error paths, and an invalid object again with them', () => {
  const entry = schemaEntries().find(e => e.apiVersion === 'kubevirt.io/v1' && e.kind === 'VirtualMachine')!;
  const main = path.join(libSchemas, entry.file.replace(/\.json$/, '.js'));
  expect(fs.readFileSync(main, 'utf-8')).toContain('module.exports = __validFirst;');
  const v = precompiled(entry);
  const bad = { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name: 'a' }, spec: { template: { spec: { domain: { devices: { disks: [{ name: 1 }] } } } } } };
  expect(v(bad)).toBe(false);
  const paths = v.errors!.map(e => e.instancePath);
  expect(paths).toContain('/spec/template/spec/domain/devices/disks/0/name');
  // A throw in the first run (a getter here) leaves the next validation with its paths.
  const throwing = { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', get spec(): unknown { throw new Error('getter'); } };
  expect(() => v(throwing)).toThrow('getter');
  expect(v(bad)).toBe(false);
  expect(v.errors!.map(e => e.instancePath)).toEqual(paths);
});
