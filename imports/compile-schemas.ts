/**
 * Build step (part of `npx projen compile`, after jsii): turns the committed strict schemas in
 * `src/schemas/` into standalone Ajv validation code in `lib/schemas/`, so that no process compiles a
 * schema at run time (src/private/schema-check.ts loads one module per apiVersion/kind, on first use).
 *
 * - Input: `src/schemas/index.json` and the schema files it lists (written by `npx projen import`).
 * - Output: `lib/schemas/index.json`, each schema file, and beside it `<kind>_<version>.js`, a CommonJS
 *   module exporting the validate function and `schemaSha256`, the sha256 of the JSON file it was
 *   compiled from (the loader in src/ uses it to skip stale code).
 * - Nested object schemas are lifted into `$defs` (identical ones shared) and referenced, so Ajv emits one
 *   small function per object type instead of one function of several hundred kilobytes. V8 then
 *   compiles only the functions a manifest reaches, which makes the first validation much cheaper, and
 *   the code is about half the size. Error paths (`instancePath`) are the same as without lifting.
 * - The code is then cut down (imports/validator-code.ts): schema constants the code does not read are
 *   dropped; the validation of a top-level `status` (which the library never writes) goes to a module of
 *   its own, `<kind>_<version>.status.js`, and the functions that validating the examples' manifests
 *   (examples/<name>/dist) of the kind never runs go to `<kind>_<version>.rare.js`; both are loaded on first
 *   call; and each place that records an error calls a small helper that builds the same error object
 *   (compactErrors). Same results and errors; a synthesis loads and compiles much less code.
 * - The main module validates first without building error paths (validFirst), and again as Ajv wrote it
 *   only when the object is invalid: a valid object allocates about 0.4 KB instead of 3 KB (VirtualMachine).
 * - Ajv options match the run-time fallback: `strict: false` (the `x-kubernetes-*` keywords),
 *   `allErrors: true`, `validateFormats: false` (Kubernetes formats such as int32 are not Ajv formats).
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import * as YAML from 'yaml';
import { AJV_OPTIONS, liftObjectSchemas } from '../src/private/schema-check';
import { coldFunctions, compactErrors, fieldFunction, functionsRun, pruneSchemaConstants, splitOff, validFirst } from './validator-code';

const root = path.resolve(__dirname, '..');
const srcDir = path.join(root, 'src', 'schemas');
const outDir = path.join(root, 'lib', 'schemas');

const started = Date.now();
const index = JSON.parse(fs.readFileSync(path.join(srcDir, 'index.json'), 'utf-8')) as { schemas: Array<{ file: string; apiVersion: string; kind: string }> };
const samples = exampleManifests();
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });
fs.copyFileSync(path.join(srcDir, 'index.json'), path.join(outDir, 'index.json'));

/** The manifests the examples synthesize (examples/<name>/dist), by kind (any apiVersion): what the library writes. */
function exampleManifests(): Map<string, any[]> {
  const out = new Map<string, any[]>();
  const dir = path.join(root, 'examples');
  for (const ex of fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []) {
    const dist = path.join(dir, ex, 'dist');
    if (!fs.existsSync(dist)) continue;
    for (const f of fs.readdirSync(dist).sort().filter(n => n.endsWith('.yaml'))) {
      for (const doc of YAML.parseAllDocuments(fs.readFileSync(path.join(dist, f), 'utf-8'))) {
        const o = doc.toJSON();
        if (!o || typeof o !== 'object' || typeof o.kind !== 'string') continue;
        const k = o.kind;
        if (!out.has(k)) out.set(k, []);
        out.get(k)!.push(o);
      }
    }
  }
  return out;
}

/**
 * The standalone code of a schema: the main module, and the modules split off from it (file name suffix →
 * code): `.status.js` validates a top-level `status`, `.rare.js` what the examples' manifests of this kind
 * never reach (other fields, and the checks that run only on invalid input). Which functions go where
 * changes when code loads, never what it returns.
 */
function generate(schema: any, base: string, samples: any[]): { main: string; parts: Record<string, string> } {
  const standalone = (s: any): string => {
    const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true, lines: false } });
    return standaloneCode(ajv, ajv.compile(s));
  };
  const lifted = liftObjectSchemas(schema);
  const parts: Record<string, string> = {};
  let code: string | undefined;
  const stop = new Set<string>();
  const status = lifted.properties?.status;
  if (status && typeof status === 'object' && status.properties && !status.$ref) {
    // status as a definition of its own, so that Ajv gives it a function of its own.
    const withStatus = standalone({ ...lifted, properties: { ...lifted.properties, status: { $ref: '#/$defs/status' } }, $defs: { ...lifted.$defs, status } });
    const fn = fieldFunction(withStatus, 'status');
    if (fn) {
      // Its errors' schema paths are relative to the definition; in place they are under properties/status
      // (paths into other definitions, `#/$defs/…`, are the same either way).
      const rewrite = (_: string, text: string): string => text.replace(/schemaPath:"#\/(?!\$defs\/)/g, 'schemaPath:"#/properties/status/');
      const split = splitOff(withStatus, [fn], `./${base}.status.js`, rewrite);
      code = split.main;
      parts['.status.js'] = split.part;
      stop.add(fn);
    }
  }
  code ??= standalone(lifted);
  if (samples.length > 0) {
    const hot = functionsRun(code, samples.map(({ status: _, ...rest }) => rest));
    const { entries } = coldFunctions(code, hot, stop);
    if (entries.length > 0) {
      const split = splitOff(code, entries, `./${base}.rare.js`);
      code = split.main;
      parts['.rare.js'] = split.part;
    }
  }
  for (const k of Object.keys(parts)) parts[k] = compactErrors(pruneSchemaConstants(parts[k]));
  return { main: validFirst(compactErrors(pruneSchemaConstants(code))), parts };
}

/** sha256 of a schema (without its comment) → the module that holds its code (VirtualMachine v1 and v1alpha3 share one schema). */
const compiled = new Map<string, string>();
let bytes = 0;
for (const { file } of index.schemas) {
  const text = fs.readFileSync(path.join(srcDir, file), 'utf-8');
  const sha = createHash('sha256').update(text).digest('hex');
  const jsFile = file.replace(/\.json$/, '.js');
  fs.mkdirSync(path.dirname(path.join(outDir, file)), { recursive: true });
  fs.writeFileSync(path.join(outDir, file), text);
  const { $comment, ...schema } = JSON.parse(text);
  void $comment;
  const content = createHash('sha256').update(JSON.stringify(schema)).digest('hex');
  const same = compiled.get(content);
  let code: string;
  if (same) {
    code = `"use strict";\n// Same schema as ${same}.\nconst same = require(${JSON.stringify(path.posix.relative(path.posix.dirname(jsFile), same).replace(/^(?!\.)/, './'))});\n`
      + `module.exports = (data) => { const ok = same(data); module.exports.errors = same.errors; return ok; };\n`
      + `module.exports.schemaSha256 = ${JSON.stringify(sha)};\n`;
  } else {
    const entry = index.schemas.find(e => e.file === file)!;
    const { main, parts } = generate(schema, path.posix.basename(jsFile).replace(/\.js$/, ''), samples.get(entry.kind) ?? []);
    code = `// Generated from ${file} by imports/compile-schemas.ts (Ajv standalone). Do not edit.\n${main}\n`
      + `module.exports.schemaSha256 = ${JSON.stringify(sha)};\n`;
    for (const [suffix, part] of Object.entries(parts)) {
      const partCode = `// Generated from ${file} by imports/compile-schemas.ts (Ajv standalone): a part of ${path.posix.basename(jsFile)}. Do not edit.\n${part}\n`;
      fs.writeFileSync(path.join(outDir, jsFile.replace(/\.js$/, suffix)), partCode);
      bytes += partCode.length;
    }
    compiled.set(content, jsFile);
  }
  bytes += code.length;
  fs.writeFileSync(path.join(outDir, jsFile), code);
}
process.stdout.write(`compile-schemas: ${index.schemas.length} validators (${compiled.size} distinct, ${Math.round(bytes / 1024)} KiB) in lib/schemas/ in ${Date.now() - started} ms\n`);
