/**
 * The app index walks each manifest once: the secret scan takes the Kubernetes checks' walk along
 * (secret-text.ts `Companion`, k8s-validation.ts `ManifestWalk`). Both must find exactly what they
 * find on their own walks: the same findings and violations, in the same order.
 */
import * as zlib from 'zlib';
import { ApiObject } from 'cdk8s';
import fc from 'fast-check';
import { KubernetesChecks, kubernetesViolations } from '../../src/private/k8s-validation';
import { scanManifest, takesAlong } from '../../src/private/secret-scan';
import { SecretKind } from '../../src/secret-kind';
import { exampleOutputs } from '../support/example-outputs';
import { buildProgram, fuzzParams, invalidProgram, PRIVATE_KEY_SAMPLE, validProgram } from '../support/generators';

/** What the app index does: one walk per manifest, the Kubernetes checks along the scan's. */
function fused(manifests: unknown[], allowed: ReadonlySet<SecretKind>) {
  const checks = new KubernetesChecks();
  const findings = manifests.map((m, i) => {
    const walk = checks.begin(m, i);
    const along = walk !== undefined && takesAlong(m) ? walk : undefined;
    const found = scanManifest(m, allowed, along);
    if (walk !== undefined) {
      if (along === undefined) checks.walk(walk);
      checks.end(walk);
    }
    return found;
  });
  return { findings, violations: checks.finish() };
}

/** The two checks, each on its own walk. */
function separate(manifests: unknown[], allowed: ReadonlySet<SecretKind>) {
  return { findings: manifests.map(m => scanManifest(m, allowed)), violations: kubernetesViolations(manifests) };
}

function expectSame(manifests: unknown[], allowed: ReadonlySet<SecretKind> = new Set()): void {
  expect(fused(manifests, allowed)).toEqual(separate(manifests, allowed));
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

/** Keys the checks and the scan read specially, and some they do not. */
const KEYS = [
  'metadata', 'labels', 'annotations', 'name', 'namespace', 'spec', 'template', 'status', 'interfaces', 'macAddress', 'containers',
  'initContainers', 'image', 'source', 'http', 'url', 'registry', 'selector', 'matchLabels', 'matchExpressions', 'nodeSelector', 'affinity',
  'storageClassName', 'cloudInitNoCloud', 'cloudInitConfigDrive', 'userData', 'userDataBase64', 'networkData', 'data', 'binaryData',
  'encoding', 'content', 'value', 'password', 'passwd', 'livenessProbe', 'readinessProbe', 'exec', 'command', 'gpus', 'hostDevices',
  'deviceName', 'containerDisk', 'volumes', 'domain', 'devices', 'httpHeaders', 'schedule', 'ports', 'replicas', 'newMacAddresses', 'eth0',
];
const STRINGS = [
  'web', 'a', 'Not_A_Name!', '02:00:00:00:00:01', '03:00:00:00:00:01', '02-00-00-00-00-01', 'not-a-mac', 'quay.io/containerdisks/fedora:40',
  'UPPER/Case:image', 'https://user:pa55word-not-real@example.com/disk.img', '#cloud-config\npassword: Tr0ub4dor&3-not-real\n',
  '#cloud-config\n: : bad', PRIVATE_KEY_SAMPLE, `ghp_${'a1B2c3D4e5F6'.repeat(3)}`, b64('password: Tr0ub4dor&3-not-real'),
  zlib.gzipSync(Buffer.from('token: ghp_a1B2c3D4e5F6a1B2c3D4e5F6a1B2c3D4e5F6')).toString('base64'), 'b64', 'gz+b64', 'Authorization',
  'Bearer abcdefghijklmnopqrstuvwxyz012345', '*/5 * * * *', 'not a cron', 'nvidia.com/GA102GL_A10', 'bad device', 'example.com/key',
];
const leaf = fc.oneof(
  fc.constantFrom(...STRINGS), fc.string({ maxLength: 12 }), fc.integer({ min: -2, max: 70000 }), fc.boolean(), fc.constant(null),
  fc.constant(undefined), fc.constant(new Uint8Array(Buffer.from('password: Tr0ub4dor&3-not-real'))),
);
const tree = fc.letrec(tie => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 3 }),
  object: fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 6 })), tie('value'), { maxKeys: 5 }),
}));
const KINDS = ['VirtualMachine', 'VirtualMachinePool', 'VirtualMachineClone', 'Secret', 'ConfigMap', 'Service', 'CronJob', 'DataImportCron', 'DataVolume', 'Pod'];
const manifest = fc.record({
  apiVersion: fc.constantFrom('kubevirt.io/v1', 'v1', 'cdi.kubevirt.io/v1beta1'),
  kind: fc.constantFrom(...KINDS),
  metadata: tree.object,
  spec: tree.value,
  data: tree.value,
  status: tree.value,
}, { requiredKeys: ['kind'] });

/** The final manifests of every ApiObject of a program (without validating it); none when it cannot be built. */
function programManifests(spec: Parameters<typeof buildProgram>[0]): unknown[] {
  try {
    const { app } = buildProgram(spec);
    return app.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject).map(o => o.toJson());
  } catch {
    return [];
  }
}

describe('the Kubernetes checks along the secret scan', () => {
  test('find what each finds alone in the committed example outputs', () => {
    let count = 0;
    for (const { docs } of exampleOutputs()) {
      count += docs.length;
      expectSame(docs);
    }
    expect(count).toBeGreaterThan(20);
  });

  test('find what each finds alone in any manifests, with secrets, bad values, bytes and status anywhere (property)', () => {
    fc.assert(fc.property(fc.array(manifest, { maxLength: 4 }), fc.subarray(Object.values(SecretKind)), (manifests, allowed) => {
      expectSame(manifests, new Set(allowed));
    }), fuzzParams(400));
  });

  test('find what each finds alone in the manifests of valid and invalid programs (property)', () => {
    fc.assert(fc.property(validProgram, spec => expectSame(programManifests(spec))), fuzzParams(15));
    fc.assert(fc.property(invalidProgram, c => expectSame(programManifests(c.program))), fuzzParams(15));
  });

  test('find what each finds alone in odd manifests: not objects, bytes, deep, shared MACs, a pool, a clone', () => {
    const mac = { interfaces: [{ name: 'a', macAddress: '02:00:00:00:00:01' }] };
    let deep: any = { storageClassName: 'Bad_Class' };
    for (let i = 0; i < 120; i++) deep = { spec: deep };
    const odd = [
      null, 'text', [mac], new Uint8Array([1, 2]), Object.create(null),
      { kind: 'VirtualMachine', metadata: { name: 'a' }, spec: { template: { spec: { domain: { devices: mac } } } } },
      { kind: 'VirtualMachinePool', metadata: { name: 'p' }, spec: { replicas: 3, x: mac } },
      { kind: 'VirtualMachineClone', metadata: { name: 'c' }, spec: { newMacAddresses: { eth0: '02:00:00:00:00:01', eth1: 'bad' } } },
      { kind: 'Pod', metadata: { name: 'deep' }, spec: deep, status: mac },
      { kind: 'DataVolume', metadata: { name: 'dv' }, spec: { storage: { storageClassName: 'Bad_Class' } } },
      { kind: 'Secret', metadata: { name: 's', labels: { 'bad key!': 'x' } }, data: { token: Buffer.from('password: Tr0ub4dor&3-not-real').toString('base64') } },
    ];
    expectSame(odd);
    // Not vacuous: the one walk finds violations (in the walked objects) and secrets.
    const { findings, violations } = fused(odd, new Set());
    expect(violations.map(v => v.ruleId)).toEqual(expect.arrayContaining(['mac-address-unique', 'storage-class-name', 'label-key']));
    expect(findings.flat().length).toBeGreaterThan(0);
  });
});
