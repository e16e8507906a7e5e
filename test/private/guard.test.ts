import * as fs from 'fs';
import * as path from 'path';
import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as lib from '../../src';
import { CloudInit, DiskSet, DiskSource, Machine, MachinePool, MigrationPolicy, NetworkAttachment, NetworkAttachmentConfig } from '../../src';
import { compactTypes, FOREIGN_KINDS, guardProps } from '../../src/private/guard';
import { newChart } from '../support/synth';

/** The message of what `f` throws; fails the test when it throws something other than a KubevirtError. */
function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect({ kubevirtError: lib.KubevirtError.isKubevirtError(e), error: String(e) }).toEqual({ kubevirtError: true, error: String(e) });
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

const assembly = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '.jsii'), 'utf-8'));

describe('guards at the jsii boundary', () => {
  describe('the crashes of issue 14', () => {
    test('fails when addDisk gets null options', () => {
      expect(errorOf(() => new DiskSet().addDisk('data', null as any))).toBe(
        'DiskSet.addDisk: options has the wrong type: got null; expected a DiskOptions object, or no value (property-type)');
    });

    test('fails when users is a string', () => {
      expect(errorOf(() => CloudInit.fromConfig({ users: 'admin' as any }))).toBe(
        'CloudInit.fromConfig: config.users has the wrong type: got "admin"; expected an array (each item a CloudInitUser object) (property-type)');
    });

    test('fails when memory is a number, not a Size', () => {
      expect(errorOf(() => new Machine(newChart(), 'web', { memory: 4 as any }))).toBe(
        "Machine 'test/web': props.memory has the wrong type: got 4; expected a cdk8s.Size (property-type)");
    });

    test('fails when runcmd is a string', () => {
      expect(errorOf(() => CloudInit.fromConfig({ runcmd: 'echo hi' as any }))).toBe(
        'CloudInit.fromConfig: config.runcmd has the wrong type: got "echo hi"; expected an array (each item a string) (property-type)');
    });

    test('fails when extra holds a cycle (and does not show it)', () => {
      const loop: any = { packages: ['vim'] };
      loop.again = loop;
      expect(errorOf(() => CloudInit.fromConfig({ extra: { loop } }))).toBe(
        'CloudInit.fromConfig: config.extra.loop.again refers back to itself: got an object (redacted); a JSON value without cycles (property-type)');
    });

    test.each([[NaN, 'NaN'], [Infinity, 'Infinity'], [-Infinity, '-Infinity']])('fails when a CPU count is %p', (cores, shown) => {
      expect(errorOf(() => new Machine(newChart(), 'web', { cpu: { cores } }))).toBe(
        `Machine 'test/web': props.cpu.cores has the wrong type: got ${shown}; expected a finite number (property-type)`);
    });
  });

  describe('each kind of type', () => {
    test('fails when a string is a number', () => {
      expect(errorOf(() => DiskSource.http(42 as any))).toBe(
        'DiskSource.http: url has the wrong type: got 42; expected a string (property-type)');
    });

    test('fails when a required argument is missing', () => {
      expect(errorOf(() => (DiskSource.http as any)())).toBe(
        'DiskSource.http: url is required: got undefined; expected a string (property-type)');
    });

    test('fails when a boolean is a string', () => {
      expect(errorOf(() => new Machine(newChart(), 'web', { stableFirmwareUuid: 'no' as any }))).toBe(
        "Machine 'test/web': props.stableFirmwareUuid has the wrong type: got \"no\"; expected true or false (property-type)");
    });

    test('fails when an enum value is not one of its members', () => {
      expect(errorOf(() => new DiskSet({ emit: 'pvc' as any }))).toMatch(
        /^DiskSet: props\.emit has the wrong type: got "pvc"; expected a DiskEmission: DiskEmission\.[A-Z_]+(, DiskEmission\.[A-Z_]+)+ \(property-type\)$/);
    });

    test('an enum passes as its value, as jsii languages pass it', () => {
      expect(() => new DiskSet({ emit: lib.DiskEmission.PERSISTENT_VOLUME_CLAIMS })).not.toThrow();
    });

    test('fails when a class instance is a plain object', () => {
      expect(errorOf(() => new DiskSet({ root: { source: { url: 'https://example.com/x.img' } as any } }))).toBe(
        'DiskSet: props.root.source has the wrong type: got {"url":"https://example.com/x.img"}; expected a DiskSource (property-type)');
    });

    test('fails when a struct is missing a required property', () => {
      expect(errorOf(() => new NetworkAttachment(newChart(), 'lan', {} as any))).toBe(
        "NetworkAttachment 'test/lan': props.config is required: got undefined; expected a NetworkAttachmentConfig (property-type)");
    });

    test('fails when a prop key is misspelt, and suggests the right one', () => {
      expect(errorOf(() => new Machine(newChart(), 'web', { memmory: Size.gibibytes(2) } as any))).toBe(
        "Machine 'test/web': props.memmory is not a property of MachineProps: got a Size; did you mean memory? (property-type)");
    });

    test('fails when a prop key is unknown, and names the allowed keys of a small struct', () => {
      expect(errorOf(() => new MachinePool(newChart(), 'web', { replica: 2, color: 'red' } as any))).toMatch(
        /^MachinePool 'test\/web': props\.replica is not a property of MachinePoolProps: got 2; did you mean replicas\? \(property-type\)$/);
      expect(errorOf(() => new DiskSet({ colour: 'red' } as any))).toBe(
        'DiskSet: props.colour is not a property of DiskSetProps: got "red"; one of emit, root, rootName (property-type)');
    });

    test('fails when an array item has the wrong type', () => {
      expect(errorOf(() => CloudInit.fromConfig({ runcmd: ['ok', 7 as any] }))).toBe(
        'CloudInit.fromConfig: config.runcmd[1] has the wrong type: got 7; expected a string (property-type)');
    });

    test('fails when a map value has the wrong type', () => {
      expect(errorOf(() => new Machine(newChart(), 'web', { labels: { tier: 1 as any } }))).toBe(
        "Machine 'test/web': props.labels.tier has the wrong type: got 1; expected a string (property-type)");
    });

    test('fails when a map is an array', () => {
      expect(errorOf(() => new Machine(newChart(), 'web', { labels: ['a'] as any }))).toBe(
        "Machine 'test/web': props.labels has the wrong type: got an array of 1; expected a map of strings (each value a string) (property-type)");
    });

    test.each([
      ['a function', () => 1, 'is not a JSON value', 'a function'],
      ['a symbol', Symbol('s'), 'is not a JSON value', 'a symbol'],
      ['a bigint', BigInt(1), 'is not a JSON value', 'a bigint (redacted)'],
      ['NaN', NaN, 'is not a JSON number', 'a number (redacted)'],
      ['a class instance', Size.gibibytes(1), 'is not plain data', 'a Size'],
    ])('fails when free-form data holds %s', (_what, value, problem, shown) => {
      expect(errorOf(() => CloudInit.fromConfig({ extra: { bootcmd: [value] } }))).toBe(
        `CloudInit.fromConfig: config.extra.bootcmd[0] ${problem}: got ${shown}; a JSON value (strings, finite numbers, booleans, null, arrays and plain objects) (property-type)`);
    });

    test('fails when free-form data nests too deeply', () => {
      let deep: any = {};
      for (let i = 0; i < 5000; i++) deep = { d: deep };
      expect(errorOf(() => NetworkAttachmentConfig.custom(deep))).toBe(
        `NetworkAttachmentConfig.custom: config${'.d'.repeat(22)}…${'.d'.repeat(25)} nests deeper than 200 levels: got an object; a shallower JSON value (property-type)`);
    });

    test('free-form data may share (not loop) objects, and holds Dates', () => {
      const shared = { a: 1 };
      expect(() => CloudInit.fromConfig({ extra: { x: [shared, shared], when: new Date(0) } })).not.toThrow();
    });

    test('fails when a behavioural interface is a plain value', () => {
      const chart = newChart();
      const m = new Machine(chart, 'web');
      expect(errorOf(() => m.scheduling.colocate({} as any))).toBe(
        'MachineScheduling.colocate: target has the wrong type: got {}; expected an ISchedulable (property-type)');
    });

    test('fails when scope is not a construct', () => {
      expect(errorOf(() => new Machine('app' as any, 'web'))).toBe(
        "Machine 'web': scope has the wrong type: got \"app\"; expected a constructs.Construct (property-type)");
    });

    test('fails when a struct of another library has the wrong shape', () => {
      expect(errorOf(() => new Machine(newChart(), 'web', { tolerations: ['NoSchedule' as any] }))).toBe(
        "Machine 'test/web': props.tolerations[0] has the wrong type: got \"NoSchedule\"; expected a cdk8s-plus-28.k8s.Toleration object (property-type)");
    });

    test('a method of a construct names the construct and the method', () => {
      const m = new Machine(newChart(), 'web');
      expect(errorOf(() => m.expose('ssh', { ports: 22 as any }))).toBe(
        "Machine 'test/web': expose options.ports has the wrong type: got 22; expected an array (each item a cdk8s-plus-28.ServicePort object) (property-type)");
    });

    test('values of secret-like properties are redacted', () => {
      const message = errorOf(() => CloudInit.fromConfig({ users: [{ name: 'ops', plainTextPassword: 12345678 as any }] }));
      expect(message).toBe(
        'CloudInit.fromConfig: config.users[0].plainTextPassword has the wrong type: got a number (redacted); expected a string (property-type)');
      expect(errorOf(() => CloudInit.fromUserData(['#cloud-config', 'password: hunter2'] as any))).toBe(
        'CloudInit.fromUserData: userData has the wrong type: got an array of 2; expected a string (property-type)');
    });

    test('guardProps checks one struct value', () => {
      expect(errorOf(() => guardProps('DiskSet', 'cdk8s-kubevirt.DiskOptions', { size: '10Gi' }, 'options'))).toBe(
        'DiskSet: options.size has the wrong type: got "10Gi"; expected a cdk8s.Size (property-type)');
    });

    test('the right types pass, jsii subclasses and all', () => {
      const chart = newChart();
      class MyMachine extends Machine {}
      const m = new MyMachine(chart, 'web', { memory: Size.gibibytes(2), cpu: { cores: 2 }, labels: { tier: 'db' } });
      expect(() => m.scheduling.colocate(new Machine(chart, 'other'))).not.toThrow();
      expect(() => m.expose('ssh', { ports: [{ port: 22, name: 'ssh' }], type: kplus.ServiceType.NODE_PORT })).not.toThrow();
    });
  });

  describe('coverage: every public constructor and method of the assembly is guarded', () => {
    const classes: any[] = Object.values(assembly.types).filter((t: any) => t.kind === 'class');

    /** A wrong value for a parameter type: what a JS caller might pass by mistake. */
    function wrong(type: any): unknown {
      if (type.primitive === 'string') return 42;
      if (type.primitive === 'any' || type.primitive === 'json') { const o: any = {}; o.o = o; return o; }
      return 'wrong';
    }

    /** Instances for the instance methods, built the way a user builds them. */
    const instances: Record<string, () => any> = {
      'cdk8s-kubevirt.DiskSet': () => new DiskSet(),
      'cdk8s-kubevirt.Machine': () => new Machine(newChart(), 'web'),
      'cdk8s-kubevirt.MachinePool': () => new MachinePool(newChart(), 'web'),
      'cdk8s-kubevirt.MachineScheduling': () => new Machine(newChart(), 'web').scheduling,
      'cdk8s-kubevirt.MigrationPolicy': () => new MigrationPolicy(newChart(), 'mp'),
      'cdk8s-kubevirt.NetworkAttachment': () => new NetworkAttachment(newChart(), 'lan', { config: NetworkAttachmentConfig.bridge({ bridge: 'br0' }) }),
    };
    /** A type test: it takes anything by design. */
    const unguarded = new Set(['cdk8s-kubevirt.KubevirtError.isKubevirtError']);

    function classOf(fqn: string): any {
      const rest = fqn.slice('cdk8s-kubevirt.'.length).split('.');
      return rest.reduce((o: any, n) => o[n], lib);
    }

    const callables: Array<[string, any, any]> = [];
    for (const c of classes) {
      if (c.initializer?.parameters?.length) callables.push([`${c.fqn}.<init>`, c, c.initializer]);
      for (const m of c.methods ?? []) if (m.parameters?.length) callables.push([`${c.fqn}.${m.name}`, c, m]);
    }

    test('the classes with guarded instance methods are the ones this test can build', () => {
      const needed = classes.filter(c => (c.methods ?? []).some((m: any) => !m.static && m.parameters?.length)).map(c => c.fqn).sort();
      expect(needed).toEqual(Object.keys(instances).sort());
      expect(callables.length).toBeGreaterThan(90);
    });

    test.each(callables.filter(([id]) => !unguarded.has(id)))('%s rejects a wrong first argument with a KubevirtError', (_id, c, m) => {
      const params = m.parameters;
      const args = [wrong(params[0].type)];
      const Cls = classOf(c.fqn);
      const call = m === c.initializer ? () => new Cls(...args)
        : m.static ? () => Cls[m.name](...args)
          : () => { const self = instances[c.fqn](); return self[m.name](...args); };
      expect(errorOf(call)).toMatch(new RegExp(`(^|: |[ .])${params[0].name}(\\.\\w+)* (has the wrong type|refers back to itself).*\\(property-type\\)$`));
    });
  });

  test('FOREIGN_KINDS lists every type of another assembly that the API uses, with its kind', () => {
    const used = new Set<string>();
    const visit = (t: any): void => {
      if (t?.collection) visit(t.collection.elementtype);
      else if (t?.fqn && !assembly.types[t.fqn]) used.add(t.fqn);
    };
    for (const t of Object.values(assembly.types) as any[]) {
      if (t.datatype) for (const p of t.properties ?? []) visit(p.type);
      for (const m of [t.initializer, ...(t.methods ?? [])]) for (const p of m?.parameters ?? []) visit(p.type);
    }
    expect([...used].sort()).toEqual(Object.keys(FOREIGN_KINDS).sort());
    const kinds: Record<string, string> = {};
    for (const fqn of used) {
      const pkg = fqn.split('.')[0];
      const dep = JSON.parse(fs.readFileSync(require.resolve(`${pkg}/.jsii`), 'utf-8'));
      const t = dep.types[fqn];
      kinds[fqn] = t.kind === 'interface' && t.datatype ? 'struct' : t.kind;
    }
    expect(kinds).toEqual(FOREIGN_KINDS);
  });
});

describe('the compact type table', () => {
  test('keeps every type of the assembly and is a small part of it', () => {
    const table = compactTypes(assembly);
    expect(Object.keys(table).sort()).toEqual(Object.keys(assembly.types).sort());
    expect(table['cdk8s-kubevirt.DiskSet'].methods!.find(m => m.name === 'addDisk')!.parameters!.map(p => p.name)).toEqual(['name', 'options']);
    expect(JSON.stringify(table).length).toBeLessThan(JSON.stringify(assembly).length / 3);
  });
});
