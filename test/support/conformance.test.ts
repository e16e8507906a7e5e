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
    expect(conformanceErrors([{ apiVersion: 'pool.kubevirt.io/v1alpha1', kind: 'VirtualMachinePool', metadata: { name: 'p' } }])).toEqual([
      `VirtualMachinePool/p: / unknown kind pool.kubevirt.io/v1alpha1 VirtualMachinePool: no schema in ${SCHEMA_DIR}`,
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

  test('fails with instructions when the schema directory is missing', () => {
    const saved = { schemas: process.env.KUBEVIRT_SCHEMAS, ci: process.env.CI };
    try {
      process.env.KUBEVIRT_SCHEMAS = path.join('does', 'not', 'exist');
      for (const ci of ['true', 'false']) {
        process.env.CI = ci;
        jest.isolateModules(() => {
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          const fresh = require('./conformance');
          expect(() => fresh.conformanceErrors([vm({})])).toThrow(ci === 'true'
            ? /^CI=true and the KubeVirt schema directory .*does\/not\/exist does not exist\. Set KUBEVIRT_SCHEMAS to/
            : /^The KubeVirt schema directory .*does\/not\/exist does not exist, so synthesized objects cannot be validated\. Set KUBEVIRT_SCHEMAS to/);
        });
      }
    } finally {
      process.env.KUBEVIRT_SCHEMAS = saved.schemas;
      process.env.CI = saved.ci;
      if (saved.schemas === undefined) delete process.env.KUBEVIRT_SCHEMAS;
      if (saved.ci === undefined) delete process.env.CI;
    }
  });
});
