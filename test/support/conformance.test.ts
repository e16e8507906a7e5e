import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { conformanceErrors, expectConformant, SCHEMA_DIR, strictify, synthValid } from './conformance';

const vm = (spec: any) => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: { name: 'web' },
  spec: {
    runStrategy: 'Always',
    template: { spec: { domain: { devices: {}, ...spec } } },
  },
});

describe('conformance harness', () => {
  test('accepts a minimal valid VirtualMachine', () => {
    expect(conformanceErrors([vm({ cpu: { cores: 2 } })])).toEqual([]);
  });

  test('rejects a misspelled field in a KubeVirt object, with kind, name and JSON path', () => {
    expect(conformanceErrors([vm({ cpu: { corez: 2 } })])).toEqual([
      'VirtualMachine/web: /spec/template/spec/domain/cpu must NOT have additional properties (corez)',
    ]);
  });

  test('rejects a wrong type in a KubeVirt object', () => {
    expect(conformanceErrors([vm({ cpu: { cores: 'two' } })])).toEqual([
      'VirtualMachine/web: /spec/template/spec/domain/cpu/cores must be integer',
    ]);
  });

  test('rejects a misspelled metadata field on a KubeVirt object', () => {
    const obj: any = vm({});
    obj.metadata.lables = { a: 'b' };
    expect(conformanceErrors([obj])).toEqual([
      'VirtualMachine/web: /metadata must NOT have additional properties (lables)',
    ]);
  });

  test('accepts unknown fields only where the schema preserves them (template metadata)', () => {
    const obj: any = vm({});
    obj.spec.template.metadata = { labels: { app: 'web' } };
    expect(conformanceErrors([obj])).toEqual([]);
  });

  test('rejects an unknown kind', () => {
    expect(conformanceErrors([{ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }])).toEqual([
      'Widget/w: / unknown kind example.com/v1 Widget: no schema for it, so it cannot be validated',
    ]);
    expect(conformanceErrors([{ apiVersion: 'pool.kubevirt.io/v1alpha9', kind: 'VirtualMachinePool', metadata: { name: 'p' } }])).toEqual([
      'VirtualMachinePool/p: / unknown kind pool.kubevirt.io/v1alpha9 VirtualMachinePool: no schema in src/schemas',
    ]);
  });

  test('rejects an object without apiVersion or kind', () => {
    expect(conformanceErrors([{ metadata: { name: 'x' } }])).toEqual([
      '<no kind>/x: / has no apiVersion or kind; it cannot be validated',
    ]);
  });

  test('accepts a valid core PersistentVolumeClaim and Secret', () => {
    expect(conformanceErrors([
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'd' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Block' },
      },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { userdata: '#cloud-config' } },
    ])).toEqual([]);
  });

  test('rejects a misspelled field in a core object', () => {
    expect(conformanceErrors([{
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'd' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClass: 'fast' },
    }])).toEqual(['PersistentVolumeClaim/d: /spec must NOT have additional properties (storageClass)']);
  });

  test('rejects a wrong type in a core object', () => {
    const errors = conformanceErrors([{
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'd' },
      spec: { accessModes: 'ReadWriteOnce' },
    }]);
    expect(errors).toContain('PersistentVolumeClaim/d: /spec/accessModes must be array');
    expect(errors).toContain('PersistentVolumeClaim/d: /spec/accessModes must be an array');
  });

  test('expectConformant throws with every error listed', () => {
    expect(() => expectConformant([vm({ cpu: { corez: 1 } }), { apiVersion: 'x/v1', kind: 'Y', metadata: { name: 'y' } }]))
      .toThrow(/2 schema error\(s\):\n {2}VirtualMachine\/web: .*corez.*\n {2}Y\/y: \/ unknown kind/);
  });

  test('synthValid validates what a chart synthesizes', () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    new ApiObject(chart, 'bad', vm({ cpu: { sockts: 1 } }));
    expect(() => synthValid(chart)).toThrow('/spec/template/spec/domain/cpu must NOT have additional properties (sockts)');
  });

  test('strictify leaves preserve-unknown-fields objects open and closes the rest', () => {
    const s = strictify({
      type: 'object',
      properties: {
        open: { 'type': 'object', 'x-kubernetes-preserve-unknown-fields': true, 'properties': { a: { type: 'string' } } },
        closed: { type: 'object', properties: { b: { type: 'string' } } },
        list: { type: 'array', items: { type: 'object', properties: { c: { type: 'string' } } } },
      },
    });
    expect(s.additionalProperties).toBe(false);
    expect(s.properties.open.additionalProperties).toBeUndefined();
    expect(s.properties.closed.additionalProperties).toBe(false);
    expect(s.properties.list.items.additionalProperties).toBe(false);
  });

  test('reads the schemas committed in the repository, whatever KUBEVIRT_SCHEMAS says', () => {
    const saved = process.env.KUBEVIRT_SCHEMAS;
    try {
      process.env.KUBEVIRT_SCHEMAS = path.join('does', 'not', 'exist');
      expect(SCHEMA_DIR).toBe(path.resolve(__dirname, '..', '..', 'src', 'schemas'));
      expect(conformanceErrors([{ ...vm({ cpu: { cores: 2 } }), kind: 'VirtualMachineInstance', spec: { domain: { devices: {} } } }])).toEqual([]);
      expect(conformanceErrors([{ ...vm({}), kind: 'VirtualMachineInstance', spec: { domain: { cpu: { cores: 'two' }, devices: {} } } }])).toEqual([
        'VirtualMachineInstance/web: /spec/domain/cpu/cores must be integer',
      ]);
    } finally {
      if (saved === undefined) delete process.env.KUBEVIRT_SCHEMAS;
      else process.env.KUBEVIRT_SCHEMAS = saved;
    }
  });

  test('validates every served version, deprecated ones included', () => {
    const old: any = vm({ cpu: { cores: 2 } });
    old.apiVersion = 'kubevirt.io/v1alpha3';
    expect(conformanceErrors([old])).toEqual([]);
    old.spec.template.spec.domain.cpu.corez = 1;
    expect(conformanceErrors([old])).toEqual([
      'VirtualMachine/web: /spec/template/spec/domain/cpu must NOT have additional properties (corez)',
    ]);
  });
});
