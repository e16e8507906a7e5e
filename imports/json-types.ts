/**
 * `npx projen import` (last step): the JSON-shaped TypeScript types of the objects the library renders,
 * generated from the strict schemas in `src/schemas/` into `src/imports/kubevirt-json.ts` (committed).
 *
 * - Why not the cdk8s L1 interfaces beside it: they rename acronym fields (`dedicatedIOThread` becomes
 *   `dedicatedIoThread`), wrap int-or-string and quantities in classes and serialize through `toJson_*`
 *   functions. The render functions build the JSON itself, so they are typed against the JSON's shape.
 * - Compile-time only: the file holds types and no value, so it costs nothing at run time. It is not
 *   exported from `src/index.ts` (its union types are not jsii's business).
 * - Each kind in `KINDS` is compiled by json-schema-to-typescript (a devDependency) from the schema of the
 *   version the library emits. Nested objects stay inline; `ALIASES` names the parts the render functions
 *   build (`Disk`, `Volume`, `DataVolumeSpec`, ...) as indexed-access types over the kinds.
 * - Deterministic, offline: a pure function of the committed schemas and the pinned generator.
 */
import * as fs from 'fs';
import * as path from 'path';
import { compile } from 'json-schema-to-typescript';

const root = path.resolve(__dirname, '..');
const schemaDir = path.join(root, 'src', 'schemas');
const outFile = path.join(root, 'src', 'imports', 'kubevirt-json.ts');

/** Kind (type name) → schema file, relative to src/schemas/. The version is the one the library emits. */
const KINDS: Array<[string, string]> = [
  ['VirtualMachine', 'kubevirt.io/virtualmachine_v1.json'],
  ['DataVolume', 'cdi.kubevirt.io/datavolume_v1beta1.json'],
  ['DataSource', 'cdi.kubevirt.io/datasource_v1beta1.json'],
  ['DataImportCron', 'cdi.kubevirt.io/dataimportcron_v1beta1.json'],
  ['VirtualMachinePool', 'pool.kubevirt.io/virtualmachinepool_v1beta1.json'],
  ['VirtualMachineInstancetype', 'instancetype.kubevirt.io/virtualmachineinstancetype_v1beta1.json'],
  ['VirtualMachinePreference', 'instancetype.kubevirt.io/virtualmachinepreference_v1beta1.json'],
  ['VirtualMachineSnapshot', 'snapshot.kubevirt.io/virtualmachinesnapshot_v1beta1.json'],
  ['VirtualMachineRestore', 'snapshot.kubevirt.io/virtualmachinerestore_v1beta1.json'],
  ['VirtualMachineClone', 'clone.kubevirt.io/virtualmachineclone_v1beta1.json'],
  ['VirtualMachineExport', 'export.kubevirt.io/virtualmachineexport_v1.json'],
  ['MigrationPolicy', 'migrations.kubevirt.io/migrationpolicy_v1alpha1.json'],
];

/**
 * Named parts: alias → [base type, path]. A path step is a property name, or `[]` for an array's item.
 * Optional steps are unwrapped (`At`), so an alias is the object's own type, never `undefined`.
 */
const ALIASES: Array<[string, string, string[]]> = [
  ['VirtualMachineSpec', 'VirtualMachine', ['spec']],
  ['VirtualMachineInstanceTemplateSpec', 'VirtualMachineSpec', ['template']],
  ['VirtualMachineInstanceSpec', 'VirtualMachineInstanceTemplateSpec', ['spec']],
  ['DomainSpec', 'VirtualMachineInstanceSpec', ['domain']],
  ['Cpu', 'DomainSpec', ['cpu']],
  ['Memory', 'DomainSpec', ['memory']],
  ['Resources', 'DomainSpec', ['resources']],
  ['Clock', 'DomainSpec', ['clock']],
  ['Firmware', 'DomainSpec', ['firmware']],
  ['Features', 'DomainSpec', ['features']],
  ['Devices', 'DomainSpec', ['devices']],
  ['Disk', 'Devices', ['disks', '[]']],
  ['DiskTarget', 'Disk', ['disk']],
  ['Interface', 'Devices', ['interfaces', '[]']],
  ['Port', 'Interface', ['ports', '[]']],
  ['Input', 'Devices', ['inputs', '[]']],
  ['Tpm', 'Devices', ['tpm']],
  ['Volume', 'VirtualMachineInstanceSpec', ['volumes', '[]']],
  ['CloudInitNoCloudSource', 'Volume', ['cloudInitNoCloud']],
  ['CloudInitConfigDriveSource', 'Volume', ['cloudInitConfigDrive']],
  ['Network', 'VirtualMachineInstanceSpec', ['networks', '[]']],
  ['AccessCredential', 'VirtualMachineInstanceSpec', ['accessCredentials', '[]']],
  ['Probe', 'VirtualMachineInstanceSpec', ['readinessProbe']],
  ['Affinity', 'VirtualMachineInstanceSpec', ['affinity']],
  ['TopologySpreadConstraint', 'VirtualMachineInstanceSpec', ['topologySpreadConstraints', '[]']],
  ['Toleration', 'VirtualMachineInstanceSpec', ['tolerations', '[]']],
  ['InstancetypeMatcher', 'VirtualMachineSpec', ['instancetype']],
  ['PreferenceMatcher', 'VirtualMachineSpec', ['preference']],
  ['DataVolumeTemplate', 'VirtualMachineSpec', ['dataVolumeTemplates', '[]']],
  ['DataVolumeSpec', 'DataVolume', ['spec']],
  ['DataVolumeSource', 'DataVolumeSpec', ['source']],
  ['DataVolumeSourceRef', 'DataVolumeSpec', ['sourceRef']],
  ['StorageSpec', 'DataVolumeSpec', ['storage']],
  ['PvcSpec', 'DataVolumeSpec', ['pvc']],
  ['DataSourceSpec', 'DataSource', ['spec']],
  ['DataImportCronSpec', 'DataImportCron', ['spec']],
  ['VirtualMachinePoolSpec', 'VirtualMachinePool', ['spec']],
  ['VirtualMachineInstancetypeSpec', 'VirtualMachineInstancetype', ['spec']],
  ['VirtualMachinePreferenceSpec', 'VirtualMachinePreference', ['spec']],
  ['VirtualMachineSnapshotSpec', 'VirtualMachineSnapshot', ['spec']],
  ['VirtualMachineRestoreSpec', 'VirtualMachineRestore', ['spec']],
  ['VirtualMachineCloneSpec', 'VirtualMachineClone', ['spec']],
  ['VirtualMachineExportSpec', 'VirtualMachineExport', ['spec']],
  ['MigrationPolicySpec', 'MigrationPolicy', ['spec']],
];

/** Objects that keep unknown fields get an index signature (strictify leaves them open too). */
function openPreserved(schema: any): any {
  if (Array.isArray(schema)) return schema.map(openPreserved);
  if (!schema || typeof schema !== 'object') return schema;
  const out: any = {};
  for (const [k, v] of Object.entries(schema)) {
    out[k] = k === 'enum' || k === 'default' || k === 'required' ? v : openPreserved(v);
  }
  if (out['x-kubernetes-preserve-unknown-fields'] === true && out.additionalProperties === undefined) out.additionalProperties = true;
  return out;
}

function aliasType(base: string, steps: string[]): string {
  let t = base;
  for (const s of steps) t = s === '[]' ? `Item<${t}>` : `At<${t}, '${s}'>`;
  return t;
}

async function main(): Promise<void> {
  const parts: string[] = [
    '// Generated by `npx projen import` (imports/json-types.ts) from the strict schemas in src/schemas/. Do not edit.',
    '// JSON-shaped types of the objects the library renders: compile-time only, not exported from the package.',
    '/* eslint-disable */',
    '',
    '/** The (non-optional) type of property K of T. */',
    'export type At<T, K extends keyof NonNullable<T>> = NonNullable<NonNullable<T>[K]>;',
    '/** The item type of an (optional) array type. */',
    'export type Item<T> = NonNullable<T> extends ReadonlyArray<infer U> ? NonNullable<U> : never;',
    '',
  ];
  for (const [name, file] of KINDS) {
    const schema = openPreserved(JSON.parse(fs.readFileSync(path.join(schemaDir, file), 'utf-8')));
    delete schema.$comment;
    const ts = await compile(schema, name, {
      bannerComment: `/** ${name}, from src/schemas/${file}. */`,
      additionalProperties: false,
      declareExternallyReferenced: true,
      enableConstEnums: false,
      format: true,
      strictIndexSignatures: false,
      unknownAny: true,
      unreachableDefinitions: false,
      cwd: schemaDir,
      $refOptions: { resolve: { external: false } } as any,
    });
    parts.push(ts.trimEnd(), '');
  }
  parts.push('// Named parts of the kinds above.');
  for (const [alias, base, steps] of ALIASES) parts.push(`export type ${alias} = ${aliasType(base, steps)};`);
  fs.writeFileSync(outFile, `${parts.join('\n')}\n`);
  process.stdout.write(`import: wrote ${path.relative(root, outFile)} (${KINDS.length} kinds, ${ALIASES.length} named parts)\n`);
}

main().catch(e => {
  process.stderr.write(`import: ${e instanceof Error ? e.stack : e}\n`);
  process.exit(1);
});
