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
 * - Ajv options match the run-time fallback: `strict: false` (the `x-kubernetes-*` keywords),
 *   `allErrors: true`, `validateFormats: false` (Kubernetes formats such as int32 are not Ajv formats).
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { AJV_OPTIONS, liftObjectSchemas } from '../src/private/schema-check';

const root = path.resolve(__dirname, '..');
const srcDir = path.join(root, 'src', 'schemas');
const outDir = path.join(root, 'lib', 'schemas');

const started = Date.now();
const index = JSON.parse(fs.readFileSync(path.join(srcDir, 'index.json'), 'utf-8')) as { schemas: Array<{ file: string }> };
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });
fs.copyFileSync(path.join(srcDir, 'index.json'), path.join(outDir, 'index.json'));

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
    const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true, lines: false } });
    const validate = ajv.compile(liftObjectSchemas(schema));
    code = `// Generated from ${file} by imports/compile-schemas.ts (Ajv standalone). Do not edit.\n${standaloneCode(ajv, validate)}\n`
      + `module.exports.schemaSha256 = ${JSON.stringify(sha)};\n`;
    compiled.set(content, jsFile);
  }
  bytes += code.length;
  fs.writeFileSync(path.join(outDir, jsFile), code);
}
process.stdout.write(`compile-schemas: ${index.schemas.length} validators (${compiled.size} distinct, ${Math.round(bytes / 1024)} KiB) in lib/schemas/ in ${Date.now() - started} ms\n`);
