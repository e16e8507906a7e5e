import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { stripDescriptions } from '../../imports/schemas';
import { strictify } from '../../src/private/schema';
import { compileSchema, liftObjectSchemas, schemaEntries, schemaEntry, schemaOf, schemaViolations, validatorFor } from '../../src/private/schema-check';

const root = path.join(__dirname, '..', '..');

const vm = (domain: any, extra: any = {}) => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: { name: 'web' },
  spec: { runStrategy: 'Always', template: { spec: { domain: { devices: {}, ...domain } } }, ...extra },
});

describe('schemaViolations', () => {
  test('is empty for a valid VirtualMachine', () => {
    expect(schemaViolations(vm({ cpu: { cores: 2 } }))).toEqual([]);
  });

  test('fails when a field has the wrong type, with the JSON path and the library format', () => {
    expect(schemaViolations(vm({ cpu: { cores: 'two' }, devices: { disks: 'oops' } })).map(v => [v.path, v.message])).toEqual([
      ['spec.template.spec.domain.cpu.cores', 'spec.template.spec.domain.cpu.cores must be an integer: got "two"; a value of type integer (schema)'],
      ['spec.template.spec.domain.devices.disks', 'spec.template.spec.domain.devices.disks must be an array: got "oops"; a value of type array (schema)'],
    ]);
  });

  test('fails when a field is unknown, suggesting the nearest one', () => {
    expect(schemaViolations(vm({ cpu: { corez: 2 } })).map(v => v.message)).toEqual([
      'spec.template.spec.domain.cpu.corez is not a field of this object: got 2; did you mean "cores"? (schema)',
    ]);
  });

  test('fails when a list item has an unknown field, naming its index', () => {
    const v = schemaViolations(vm({ devices: { disks: [{ name: 'root', disk: { buss: 'virtio' } }] } }));
    expect(v.map(x => x.message)).toEqual([
      'spec.template.spec.domain.devices.disks[0].disk.buss is not a field of this object: got "virtio"; did you mean "bus"? (schema)',
    ]);
    expect(v[0].segments).toEqual(['spec', 'template', 'spec', 'domain', 'devices', 'disks', 0, 'disk', 'buss']);
  });

  test('fails when a value is outside an enum', () => {
    expect(schemaViolations(vm({ rebootPolicy: 'Sometimes' })).map(v => v.message)).toEqual([
      'spec.template.spec.domain.rebootPolicy must be one of the allowed values: got "Sometimes"; one of Reboot, Terminate (schema)',
    ]);
  });

  test('fails when metadata has an unknown field or a label that is not a string', () => {
    expect(schemaViolations({ ...vm({}), metadata: { name: 'web', lables: {}, annotations: { n: 1 } } }).map(v => v.message)).toEqual([
      'metadata.lables is not a field of ObjectMeta: got {}; did you mean "labels"? (schema)',
      'metadata.annotations.n must be a string: got 1; a string (quote numbers and booleans) (schema)',
    ]);
  });

  test('checks CDI kinds and deprecated served versions', () => {
    expect(schemaViolations({ apiVersion: 'cdi.kubevirt.io/v1beta1', kind: 'DataVolume', metadata: { name: 'd' }, spec: { storage: { storageClas: 'x' } } })
      .map(v => v.path)).toEqual(['spec.storage.storageClas']);
    expect(schemaViolations({ ...vm({ cpu: { cores: 'two' } }), apiVersion: 'kubevirt.io/v1alpha3' }).map(v => v.path))
      .toEqual(['spec.template.spec.domain.cpu.cores']);
  });

  test('is empty for kinds without a shipped schema', () => {
    expect(schemaEntry('v1', 'Secret')).toBeUndefined();
    expect(schemaViolations({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, bogus: 1 })).toEqual([]);
    expect(schemaViolations({ apiVersion: 'kubevirt.io/v9', kind: 'VirtualMachine', spec: 'x' })).toEqual([]);
    expect(schemaViolations(null)).toEqual([]);
  });
});

describe('shipped schemas', () => {
  test('every served version of every CRD in the import manifest has one, storage version marked', () => {
    const entries = schemaEntries();
    expect(entries.map(e => `${e.apiVersion} ${e.kind}${e.storage ? ' (storage)' : ''}${e.deprecated ? ' (deprecated)' : ''}`)).toContain('kubevirt.io/v1alpha3 VirtualMachine (deprecated)');
    expect(entries.filter(e => e.storage).map(e => e.kind).sort()).toEqual([
      'DataImportCron', 'DataSource', 'DataVolume', 'MigrationPolicy', 'VirtualMachine', 'VirtualMachineClone',
      'VirtualMachineClusterInstancetype', 'VirtualMachineClusterPreference', 'VirtualMachineExport', 'VirtualMachineInstance',
      'VirtualMachineInstancetype', 'VirtualMachinePool', 'VirtualMachinePreference', 'VirtualMachineRestore', 'VirtualMachineSnapshot',
      'VolumeImportSource',
    ]);
    for (const e of entries) expect(fs.existsSync(path.join(root, 'src', 'schemas', e.file))).toBe(true);
  });

  test('are strict and carry no descriptions', () => {
    const s = schemaOf(schemaEntry('kubevirt.io/v1', 'VirtualMachine')!);
    expect(JSON.stringify(s)).not.toContain('"description":');
    expect(s.additionalProperties).toBe(false);
    expect(strictify(s)).toEqual(s);
    // a field named "description" is kept; only the keyword goes
    expect(stripDescriptions({ description: 'x', properties: { description: { type: 'string', description: 'y' } } }))
      .toEqual({ properties: { description: { type: 'string' } } });
  });

  test('the precompiled validators are those of the committed schemas and agree with Ajv compiled in process', () => {
    const built = path.join(root, 'lib', 'schemas', 'kubevirt.io', 'virtualmachine_v1.js');
    if (!fs.existsSync(built)) throw new Error('lib/schemas is missing: run `npx projen compile` first');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(built);
    const text = fs.readFileSync(path.join(root, 'src', 'schemas', 'kubevirt.io', 'virtualmachine_v1.json'), 'utf-8');
    expect(mod.schemaSha256).toBe(createHash('sha256').update(text).digest('hex'));
    expect(validatorFor('kubevirt.io/v1', 'VirtualMachine')).toBe(mod);
    const inProcess = compileSchema(JSON.parse(text));
    for (const obj of [vm({ cpu: { cores: 2 } }), vm({ cpu: { cores: 'two' } }), vm({ devices: { disks: [{ name: 'a', disk: { buss: 1 } }] } })]) {
      const ok = mod(obj);
      expect(inProcess(obj)).toBe(ok);
      const where = (errors: any[] | null | undefined) => (errors ?? []).map(e => [e.instancePath, e.keyword]);
      expect(where(inProcess.errors)).toEqual(where(mod.errors));
    }
  });

  test('lifting object schemas into $defs shares identical ones and keeps results', () => {
    const leaf = { type: 'object', properties: { a: { type: 'integer' } }, additionalProperties: false };
    const s = { type: 'object', properties: { x: { type: 'object', properties: { y: { type: 'object', properties: { p: leaf, q: leaf } } } } } };
    const lifted = liftObjectSchemas(s, 3);
    expect(lifted.$defs).toEqual({ o0: leaf });
    expect(lifted.properties.x.properties.y.properties).toEqual({ p: { $ref: '#/$defs/o0' }, q: { $ref: '#/$defs/o0' } });
    const v = compileSchema(s);
    expect(v({ x: { y: { p: { a: 1 }, q: { a: 'no' } } } })).toBe(false);
    expect(v.errors!.map(e => e.instancePath)).toEqual(['/x/y/q/a']);
  });
});
