/**
 * No message of the library or the CLI prints a secret: secrets are fed through every error path there
 * is (construct errors, schema errors of a JSON patch, app-wide checks at synth, lint, convert, report)
 * and no message may contain any 6-character piece of one. `formatProblem` redacts a value that is (by
 * its property's name) or holds (by the secret scanner) a secret; the scanner's own findings show a
 * redacted form.
 */
import { ApiObject, App, Chart, JsonPatch, Size } from 'cdk8s';
import { CloudInit, DiskSet, DiskSource, Machine, MachineTemplate } from '../../src';
import { formatProblem, redactSecret } from '../../src/private/errors';
import { runCli, useBuiltSchemas } from '../cli/support';

const PASSWORD = 'Hq7xZp2Lm9Wv';
const TOKEN = 'ghp_Rt5Yu8Io1Pa4Sd7Fg0Hj3Kl6Zx9Cv2Bn5Mq8W';
const AWS = 'AKIAQ7XZP2LM9WVR4TBN';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJxN3haIn0.Qm8wXyZ3bHd4a2VpcXo';
const KEY_BODY = 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW';
const PEM = `-----BEGIN OPENSSH PRIVATE KEY-----\n${KEY_BODY}\n-----END OPENSSH PRIVATE KEY-----\n`;
const SECRETS = [PASSWORD, TOKEN, AWS, JWT, KEY_BODY];

/** Fails when `text` holds any 6-character piece of a secret. */
function expectNoSecret(text: string): void {
  for (const s of SECRETS) {
    for (let i = 0; i + 6 <= s.length; i++) {
      const piece = s.slice(i, i + 6);
      if (text.includes(piece)) throw new Error(`message holds ${JSON.stringify(piece)} of a secret:\n${text}`);
    }
  }
}

/** The message of what `fn` throws (it must throw). */
function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e: any) {
    return String(e?.message ?? e);
  }
  throw new Error('expected an error');
}

function chart(): Chart {
  return new Chart(new App(), 'c', { namespace: 'vms' });
}

/** Builds a machine with `props` and synthesizes it. */
function synthMachine(props: Record<string, unknown>): string {
  const c = chart();
  new Machine(c, 'web', { template: MachineTemplate.custom({ cpu: { cores: 1 }, memory: Size.gibibytes(1) }), disks: new DiskSet(), ...props });
  return JSON.stringify(c.toJson());
}

beforeAll(useBuiltSchemas);

describe('no message prints a secret', () => {
  test('formatProblem redacts a value by its property name, and a value the scanner finds a secret in', () => {
    expect(formatProblem({ property: 'users[0].plainTextPasswd', problem: 'is bad', value: PASSWORD, allowed: 'x' }))
      .toBe('users[0].plainTextPasswd is bad: got <redacted: a plainTextPasswd value, Hq… (12 chars)>; x');
    expect(formatProblem({ property: 'spec.foo', problem: 'is bad', value: { env: `TOKEN=${TOKEN}` }, allowed: 'x', ruleId: 'schema' }))
      .toBe('spec.foo is bad: got <redacted: an object holding a token>; x (schema)');
    expect(formatProblem({ property: 'lockPasswd', problem: 'is bad', value: 'true', allowed: 'x' })).toBe('lockPasswd is bad: got "true"; x');
    expect(formatProblem({ property: 'disks[0].name', problem: 'is bad', value: 'Data', allowed: 'x' })).toBe('disks[0].name is bad: got "Data"; x');
    const circular: any = { a: 1 };
    circular.self = circular;
    expect(String(redactSecret('extra', circular))).toBe('<redacted: a object that cannot be shown>');
  });

  test('construct errors: an invalid URL with credentials, a label value holding a token, a private key as a public key', () => {
    const attempts: Array<() => unknown> = [
      () => synthMachine({ disks: new DiskSet().addDisk('data', { source: DiskSource.http(`http://admin:${PASSWORD}@%%%/disk.img`), size: Size.gibibytes(1) }) }),
      () => synthMachine({ labels: { app: `x ${TOKEN}` } }),
      () => synthMachine({ annotations: { [`a/b/${AWS}`]: 'x' } }),
      () => synthMachine({ nodeSelector: { [`bad key ${TOKEN}`]: JWT } }),
      () => CloudInit.fromUserData(`#cloud-config\npassword: ${PASSWORD}\n`),
      () => CloudInit.fromUserData(`#!/bin/sh\necho '${PEM}' > /root/key\n`),
      () => CloudInit.fromConfig({ sshAuthorizedKeys: [PEM] }),
    ];
    for (const a of attempts) expectNoSecret(messageOf(a));
  });

  test('synth: the secret scan, and schema errors of JSON patches, show secrets redacted', () => {
    const patches = [
      JsonPatch.add('/spec/template/spec/domain/devices/password', PASSWORD),
      JsonPatch.add('/spec/template/spec/domain/cpu', { cores: `two ${TOKEN}` }),
      JsonPatch.add('/spec/template/spec/domain/firmware', { serial: JWT, bootloader: 'x' }),
      JsonPatch.add('/metadata/labels/token', AWS),
      JsonPatch.add('/spec/runStrategy', PEM),
    ];
    for (const patch of patches) {
      const c = chart();
      const m = new Machine(c, 'web', { template: MachineTemplate.custom({ cpu: { cores: 1 }, memory: Size.gibibytes(1) }), disks: new DiskSet() });
      ApiObject.of(m).addJsonPatch(patch);
      const message = messageOf(() => c.toJson());
      expect(message).toMatch(/\((schema|secret-[a-z-]+)\)/);
      expectNoSecret(message);
    }
  });

  test('lint: schema findings, rule findings and scanner findings show no secret', () => {
    const userData = `#cloud-config\npassword: ${PASSWORD}\nruncmd: [echo ${'x'.repeat(2100)}]\n`;
    const input = `apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata: {name: web, namespace: vms, annotations: {token: ${AWS}}}
spec:
  runStrategy: Always
  password: ${PASSWORD}
  apiToken: {value: ${TOKEN}}
  template:
    spec:
      domain:
        devices: {}
        cpu: {cores: ${JSON.stringify(JWT)}}
        memory: {guest: 1Gi}
      volumes:
      - name: ci
        cloudInitNoCloud: {userData: ${JSON.stringify(userData)}}
`;
    for (const format of ['text', 'json']) {
      const r = runCli(['lint', '--format', format, '-'], input);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('schema');
      expect(r.stdout).toContain('secret-password');
      expectNoSecret(r.stdout + r.stderr);
    }
  });

  test('convert: invalid Viti fields holding secrets, and secrets in user data', () => {
    const input = `apiVersion: vitistack.io/v1alpha1
kind: Machine
metadata: {name: vm, labels: {tok: "${TOKEN}"}}
spec:
  template: small
  password: ${PASSWORD}
  disks: [{name: "${AWS}", size: "${JWT}"}]
  cloudInit:
    userData: "#cloud-config\\nchpasswd: {list: ['root:${PASSWORD}']}\\n"
`;
    const r = runCli(['convert', '-'], input);
    expect(r.code).toBe(1);
    expectNoSecret(r.stdout + r.stderr);
    const r2 = runCli(['convert', '-'], input.replace(/  password: .*\n  disks: .*\n/, '').replace('labels: {tok: "', 'annotations: {tok: "'));
    expect(r2.code).toBe(1);
    expectNoSecret(r2.stdout + r2.stderr);
  });

  test('report: quantities and counts that hold secrets', () => {
    const input = `apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata: {name: web, namespace: vms}
spec:
  template:
    spec:
      domain:
        cpu: {cores: "${TOKEN}"}
        memory: {guest: "${AWS}"}
        resources: {requests: {memory: "${JWT}"}}
  dataVolumeTemplates:
  - metadata: {name: d}
    spec: {storage: {resources: {requests: {storage: "${TOKEN}"}}}, source: {blank: {}}}
`;
    for (const format of ['text', 'json', 'markdown']) {
      const r = runCli(['report', '--format', format, '-'], input);
      expectNoSecret(r.stdout + r.stderr);
    }
  });
});
