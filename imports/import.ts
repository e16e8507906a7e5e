/**
 * `npx projen import`: regenerates `src/imports/` from the CRDs named in `imports/manifest.json`.
 *
 * - CRDs are read from `$KUBEVIRT_CRDS` (default `../shared/kubevirt/crds`, relative to the repo root).
 *   They are upstream data and are never copied into this repository.
 * - Every file must exist and match its recorded sha256, or the task fails before generating anything.
 * - Each CRD is reduced to the versions listed in the manifest (its storage version), so that the
 *   unsuffixed class name (`VirtualMachinePool`) is the version we emit, and deprecated versions do not
 *   add megabytes of TypeScript.
 * - `cdk8s import` writes one file per API group and overwrites it on each call, so all CRDs of a group
 *   are imported in one call, from one multi-document file. An entry with `"versions": []` gets no binding
 *   (its schema only).
 * - It also regenerates `src/schemas/` (see schemas.ts): the strict JSON schema of every served version
 *   of every CRD in the manifest. `--schemas-only` regenerates only those, without cdk8s-cli.
 */
import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { writeSchemas } from './schemas';

interface CrdEntry {
  readonly file: string;
  readonly upstream: string;
  readonly version: string;
  readonly sha256: string;
  readonly versions: string[];
}

const root = path.resolve(__dirname, '..');
const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, 'manifest.json'), 'utf-8')) as {
  cdk8sCli: string;
  crds: CrdEntry[];
};
const crdDir = path.resolve(root, process.env.KUBEVIRT_CRDS ?? '../shared/kubevirt/crds');
const outDir = path.join(root, 'src', 'imports');
const schemaDir = path.join(root, 'src', 'schemas');
const schemasOnly = process.argv.includes('--schemas-only');

function fail(lines: string[]): never {
  process.stderr.write(`import: ${lines.length} problem(s) with the CRDs in ${crdDir} (set KUBEVIRT_CRDS to point elsewhere):\n`);
  for (const l of lines) process.stderr.write(`  - ${l}\n`);
  process.exit(1);
}

// 1. Verify every input before touching src/imports.
const problems: string[] = [];
const byGroup = new Map<string, string[]>();
const parsed: Array<{ crd: any; source: string }> = [];
for (const entry of manifest.crds) {
  const file = path.join(crdDir, entry.file);
  if (!fs.existsSync(file)) {
    problems.push(`${entry.file}: missing (expected ${entry.upstream} ${entry.version})`);
    continue;
  }
  const text = fs.readFileSync(file);
  const sha = createHash('sha256').update(text).digest('hex');
  if (sha !== entry.sha256) {
    problems.push(`${entry.file}: sha256 is ${sha}, manifest says ${entry.sha256} (${entry.upstream} ${entry.version}); update imports/manifest.json only if the upstream version changed on purpose`);
    continue;
  }
  const crd = YAML.parse(text.toString('utf-8'));
  parsed.push({ crd: YAML.parse(text.toString('utf-8')), source: `${entry.file} (${entry.upstream} ${entry.version})` });
  const available = (crd.spec.versions as Array<{ name: string }>).map(v => v.name);
  const missing = entry.versions.filter(v => !available.includes(v));
  if (missing.length > 0) {
    problems.push(`${entry.file}: version(s) ${missing.join(', ')} not in the CRD (it has ${available.join(', ')})`);
    continue;
  }
  if (entry.versions.length === 0) continue;
  crd.spec.versions = (crd.spec.versions as Array<{ name: string }>).filter(v => entry.versions.includes(v.name));
  const group: string = crd.spec.group;
  byGroup.set(group, [...(byGroup.get(group) ?? []), YAML.stringify(crd)]);
}
if (problems.length > 0) fail(problems);

// 2. The strict schemas, from every served version.
const written = writeSchemas(parsed, schemaDir);
process.stdout.write(`import: wrote ${written.length} schemas and index.json to src/schemas/\n`);
if (schemasOnly) process.exit(0);

// 3. Generate into a scratch directory, one cdk8s import call per group.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-kubevirt-import-'));
try {
  const groups = [...byGroup.keys()].sort();
  for (const group of groups) {
    const input = path.join(scratch, `${group}.yaml`);
    fs.writeFileSync(input, byGroup.get(group)!.join('---\n'));
    execFileSync('npx', ['--yes', `cdk8s-cli@${manifest.cdk8sCli}`, 'import', '--no-check-upgrade',
      '--language', 'typescript', '--output', path.join(scratch, 'out'), input], {
      cwd: scratch,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' },
    });
  }
  // 4. Replace src/imports wholesale, so that no stale file survives.
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  for (const f of fs.readdirSync(path.join(scratch, 'out')).sort()) {
    fs.copyFileSync(path.join(scratch, 'out', f), path.join(outDir, f));
  }
  process.stdout.write(`import: wrote ${fs.readdirSync(outDir).sort().join(', ')} to src/imports/\n`);
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
