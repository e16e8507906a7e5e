import { ApiObject, ApiObjectMetadataDefinition, App, Chart, JsonPatch, Lazy, Size } from 'cdk8s';
import * as fc from 'fast-check';
import * as YAML from 'yaml';
import { AccessCredential, CloudInit, DataVolume, DiskSet, DiskSource, Machine, Network, SshPropagation } from '../../src';
import { KeptApiObject, plainCopy } from '../../src/private/manifest-cache';

/** Synthesizes the app and returns the VM named `name`, without leaving the current synchronous run. */
function vmOf(app: App, name = 'web'): any {
  return YAML.parseAllDocuments(app.synthYaml()).map(d => d.toJS()).find(o => o.kind === 'VirtualMachine' && o.metadata.name === name);
}

describe('kept manifests (one synthesis)', () => {
  test('every change made between two syntheses in the same tick shows up in the second', () => {
    const app = new App();
    const chart = new Chart(app, 'c', { namespace: 'vms' });
    const disks = new DiskSet();
    const other = new Machine(chart, 'db');
    const m = new Machine(chart, 'web', { disks, cloudInit: CloudInit.fromConfig({ hostname: 'web' }) });
    const before = vmOf(app);
    expect(before.spec.template.spec.networks).toEqual([{ name: 'default', pod: {} }]);

    m.addNetwork(Network.multus('lan'));
    // A DiskSet a machine uses is frozen (issue: what is checked is what is emitted).
    expect(() => disks.addDisk('data', { size: Size.gibibytes(1) })).toThrow(/cannot change a DiskSet that Machine 'c\/web' already uses/);
    m.addAccessCredential(AccessCredential.sshFromSecret('keys', { propagation: SshPropagation.NO_CLOUD }));
    m.scheduling.separate(other);
    m.apiObject.metadata.addLabel('tier', 'web');
    ApiObject.of(m).addJsonPatch(JsonPatch.add('/spec/template/spec/domain/devices/autoattachGraphicsDevice', false));
    const after = vmOf(app);

    expect(after.spec.template.spec.networks.map((n: any) => n.name)).toEqual(['default', 'lan']);
    expect(after.spec.dataVolumeTemplates.map((d: any) => d.metadata.name)).toEqual(['web-root']);
    expect(after.spec.template.spec.accessCredentials).toHaveLength(1);
    expect(after.spec.template.spec.affinity.podAntiAffinity).toBeDefined();
    expect(after.metadata.labels.tier).toBe('web');
    expect(after.spec.template.spec.domain.devices.autoattachGraphicsDevice).toBe(false);
  });

  test('fails when a patch made after a clean synthesis breaks a rule (rules run again)', () => {
    const app = new App();
    const chart = new Chart(app, 'c', { namespace: 'vms' });
    const m = new Machine(chart, 'web');
    expect(vmOf(app).spec.runStrategy).toBe('Always');
    ApiObject.of(m).addJsonPatch(JsonPatch.replace('/spec/runStrategy', 'Sometimes'));
    expect(() => app.synthYaml()).toThrow(/Machine 'c\/web': spec\.runStrategy/);
  });

  test('the same output with many charts as with one (each chart validates the whole app)', () => {
    const many = new App();
    for (let i = 0; i < 20; i++) new Machine(new Chart(many, `c${i}`, { namespace: 'vms' }), `vm-${i}`);
    const one = new App();
    const chart = new Chart(one, 'c', { namespace: 'vms' });
    for (let i = 0; i < 20; i++) new Machine(chart, `vm-${i}`);
    expect(many.synthYaml()).toBe(one.synthYaml());
  });
});

describe('library objects other than machines', () => {
  test('a DataVolume is resolved once per synthesis: the checks and the YAML read the same manifest', () => {
    const app = new App();
    const chart = new Chart(app, 'c', { namespace: 'vms' });
    const dv = new DataVolume(chart, 'data', { source: DiskSource.blank(), size: Size.gibibytes(1) });
    expect(dv.apiObject).toBeInstanceOf(KeptApiObject);
    const first = dv.apiObject.toJson();
    expect(dv.apiObject.toJson()).toBe(first);
    dv.apiObject.metadata.addLabel('tier', 'data');
    const relabelled = dv.apiObject.toJson();
    expect(relabelled).not.toBe(first);
    expect(relabelled.metadata.labels).toEqual({ tier: 'data' });
    expect(YAML.parse(app.synthYaml()).metadata.labels).toEqual({ tier: 'data' });
  });
});

describe('one-pass resolution (KeptApiObject)', () => {
  // A KeptApiObject through its fast path, against cdk8s's own ApiObject.toJson on the same props.
  function both(props: any, setup: (o: ApiObject) => void = () => {}, resolvers?: any[]): { fast: any; cdk8s: any } {
    const app = new App(resolvers ? { resolvers } : {});
    const chart = new Chart(app, 'c', { namespace: 'ns', labels: { team: 'a' } });
    const kept = new KeptApiObject(chart, 'kept', { apiVersion: 'v1', kind: 'ConfigMap', ...props });
    const plain = new ApiObject(chart, 'plain', { apiVersion: 'v1', kind: 'ConfigMap', ...props });
    setup(kept);
    setup(plain);
    let fast: any;
    let cdk8s: any;
    try {
      fast = kept.toJson();
    } catch (e) {
      fast = `error: ${(e as Error).message.replace(/'c\/kept'|'c-kept-[0-9a-f]+'/g, 'X')}`;
    }
    try {
      cdk8s = plain.toJson();
    } catch (e) {
      cdk8s = `error: ${(e as Error).message.replace(/'c\/plain'|'c-plain-[0-9a-f]+'/g, 'X')}`;
    }
    if (typeof fast === 'object') delete fast.metadata.name;
    if (typeof cdk8s === 'object') delete cdk8s.metadata.name;
    return { fast, cdk8s };
  }
  const sameBytes = ({ fast, cdk8s }: { fast: any; cdk8s: any }) => {
    expect(fast).toStrictEqual(cdk8s);
    const yaml = (x: any) => (typeof x === 'string' ? x : YAML.stringify(x, { keepUndefined: true, lineWidth: 0, version: '1.1' }));
    if (typeof fast?.spec?.f !== 'function') expect(yaml(fast)).toBe(yaml(cdk8s));
  };

  test('gives what cdk8s gives for any JSON, with Lazy values, nulls and undefined anywhere (property)', () => {
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined));
    const tree = fc.letrec(tie => ({
      value: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object'), tie('lazy')),
      array: fc.array(tie('value'), { maxLength: 4 }),
      object: fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('a', 'b', 'B', '_', 'value', 'resolve', '__proto__x')), tie('value'), { maxKeys: 5 }),
      lazy: tie('value').map(v => Lazy.any({ produce: () => v })),
    }));
    fc.assert(fc.property(tree.object, tree.value, (extra, spec) => {
      sameBytes(both({ spec, data: extra }));
    }), { numRuns: 300 });
  });

  test('gives what cdk8s gives for any metadata: empty lists and maps dropped at every level (property)', () => {
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined));
    const tree = fc.letrec(tie => ({
      value: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object'), tie('lazy')),
      array: fc.array(tie('value'), { maxLength: 3 }),
      object: fc.dictionary(fc.string(), tie('value'), { maxKeys: 3 }),
      lazy: tie('value').map(v => Lazy.any({ produce: () => v })),
    }));
    const strings = fc.dictionary(fc.string({ minLength: 1 }), fc.string(), { maxKeys: 3 });
    const finalizerLists = fc.array(fc.string(), { maxLength: 2 });
    fc.assert(fc.property(strings, strings, tree.object, finalizerLists, tree.array, (labels, annotations, extra, finalizers, owners) => {
      const metadata = { ...extra, labels, annotations, finalizers, ownerReferences: owners };
      delete (metadata as any).name;
      delete (metadata as any).namespace;
      sameBytes(both({ metadata, spec: { a: 1 } }, o => o.metadata.addLabel('later', 'x')));
      sameBytes(both({ metadata, spec: { a: 1 } }));
    }), { numRuns: 300 });
  });

  test('takes cdk8s\'s path for class instances, union values, resolve methods and custom resolvers', () => {
    class Box { constructor(public readonly value: string) {} }
    sameBytes(both({ spec: { q: new Box('4Gi') } }));
    sameBytes(both({ spec: { t: { resolve: () => 'resolved' } } }));
    sameBytes(both({ spec: { d: new Date(0) } }));
    sameBytes(both({ spec: { constructor: 'x' } }));
    sameBytes(both({ spec: { f: () => 1 } }));
    const upper = { resolve: (ctx: any) => typeof ctx.value === 'string' && ctx.value === 'x' && ctx.replaceValue('Y') };
    const r = both({ spec: { a: 'x', b: ['x'] } }, undefined, [upper]);
    sameBytes(r);
    expect(r.fast.spec).toEqual({ a: 'Y', b: ['Y'] });
  });

  test('applies JSON patches and metadata changes made after a synthesis', () => {
    const r = both({ spec: { a: 1 } }, o => {
      o.toJson();
      o.addJsonPatch(JsonPatch.add('/spec/b', 2));
      o.metadata.addLabel('z', '1');
      o.metadata.addAnnotation('n', 'v');
      o.metadata.addFinalizers('f');
      o.metadata.add('generateName', 'g-');
    });
    sameBytes(r);
    expect(r.fast.spec).toEqual({ a: 1, b: 2 });
    expect(r.fast.metadata).toMatchObject({ labels: { team: 'a', z: '1' }, annotations: { n: 'v' }, finalizers: ['f'], generateName: 'g-' });
  });

  test('a label added after a synthesis in the same tick is in the next one', () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    const o = new KeptApiObject(chart, 'o', { apiVersion: 'v1', kind: 'ConfigMap', data: { a: 'b' } });
    expect(o.toJson().metadata.labels).toBeUndefined();
    o.metadata.addLabel('tier', 'web');
    expect(o.toJson().metadata.labels).toEqual({ tier: 'web' });
    o.metadata.addOwnerReference({ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: 'u' });
    expect(o.toJson().metadata.ownerReferences).toHaveLength(1);
  });

  test('plain values and Lazy take the one pass, not cdk8s\'s resolve', () => {
    const spy = jest.spyOn(ApiObject.prototype, 'toJson');
    try {
      const r = both({ spec: { b: Lazy.any({ produce: () => ({ y: [1, null, 'x'], x: undefined }) }), a: true } });
      sameBytes(r);
      // Once for the plain ApiObject of the comparison, never for the KeptApiObject.
      expect(spy).toHaveBeenCalledTimes(1);
      expect(Object.keys(r.fast)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    } finally {
      spy.mockRestore();
    }
  });

  test('gives what cdk8s gives for any top-level keys, sorted or not: integer-like keys, resolve, constructor (property)', () => {
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined));
    const value = fc.oneof(leaf, fc.dictionary(fc.string(), leaf, { maxKeys: 3 }), fc.array(leaf, { maxLength: 3 }),
      leaf.map(v => Lazy.any({ produce: () => v })));
    const key = fc.oneof(fc.string(), fc.constantFrom('0', '1', '9', '10', '01', 'a', 'B', 'spec', 'status', 'resolve', 'constructor', 'data'))
      .filter(k => !['apiVersion', 'kind', 'metadata', '__proto__'].includes(k));
    fc.assert(fc.property(fc.dictionary(key, value, { maxKeys: 6 }), fc.boolean(), (props, unsorted) => {
      if (unsorted) process.env.CDK8S_DISABLE_SORT = '1';
      try {
        sameBytes(both(props));
      } finally {
        delete process.env.CDK8S_DISABLE_SORT;
      }
    }), { numRuns: 300 });
  });

  test('metadata methods are counted through one shared prototype, on the kept object only', () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    const a = new KeptApiObject(chart, 'a', { apiVersion: 'v1', kind: 'ConfigMap' });
    const b = new KeptApiObject(chart, 'b', { apiVersion: 'v1', kind: 'ConfigMap' });
    const plain = new ApiObject(chart, 'p', { apiVersion: 'v1', kind: 'ConfigMap' });
    expect(Object.getPrototypeOf(a.metadata)).toBe(Object.getPrototypeOf(b.metadata));
    expect(a.metadata).toBeInstanceOf(ApiObjectMetadataDefinition);
    expect(Object.getPrototypeOf(plain.metadata)).toBe(ApiObjectMetadataDefinition.prototype);
    expect(Object.keys(a.metadata)).toEqual(Object.keys(plain.metadata));
    const first = a.toJson();
    const firstB = b.toJson();
    a.metadata.add('generateName', 'g-');
    // Only the object whose metadata changed is made again.
    expect(b.toJson()).toBe(firstB);
    const second = a.toJson();
    expect(second).not.toBe(first);
    expect(second.metadata.generateName).toBe('g-');
    a.metadata.addFinalizers('f1', 'f2');
    expect(a.toJson().metadata.finalizers).toEqual(['f1', 'f2']);
    expect(a.metadata.getLabel('x')).toBeUndefined();
    plain.metadata.addLabel('x', 'y');
    expect(plain.toJson().metadata.labels).toEqual({ x: 'y' });
  });

  test('plainCopy refuses what it does not handle', () => {
    expect(() => plainCopy({ a: 1n }, true)).toThrow();
    expect(() => plainCopy({ a: Symbol('s') }, true)).toThrow();
    expect(() => plainCopy(Object.create(null), true)).toThrow();
    expect(plainCopy({ b: 1, a: [null, { c: undefined }] }, true)).toEqual({ a: [undefined, {}], b: 1 });
    expect(Object.keys(plainCopy({ b: 1, a: 2 }, false) as object)).toEqual(['b', 'a']);
  });
});
