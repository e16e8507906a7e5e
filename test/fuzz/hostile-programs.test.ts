/**
 * Property: an invalid program drawn from what Kubernetes itself validates (metadata, URLs, crons and
 * time zones, Service ports, int32 ranges), from wrong JavaScript types, and from secrets is rejected
 * by the library's own error, never by a crash, and emits nothing; a secret is refused unless its kind
 * is opted in, and no message ever prints it.
 *
 * Outcomes: a KubevirtError from a constructor or factory, or cdk8s's "Validation failed" at synth whose
 * every line is in the library's format with a rule id. Wrong types may also give valid output (a value
 * the library coerces). Until the runtime type guards land (src/private/guard.ts), a wrong type may still
 * end in a TypeError (or a RangeError: a cycle overflows the stack); once guard.ts exists the property is strict: nothing but a KubevirtError.
 *
 * Secret forms: chpasswd, flow-style plain_text_passwd, jinja, MIME multipart, URL credentials, PEM (plain,
 * base64, folded), PuTTY, AWS, GitHub, JWT; in annotations, runcmd, raw user data, write_files, extra and a
 * JSON patch; optionally behind 2 KiB of padding (user data over 2048 bytes moves into a Secret, base64).
 *
 * Default test: a few hundred cases (FUZZ_SCALE); `npx projen test:fuzz` runs 10,000+.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart, Cron, JsonPatch, Size } from 'cdk8s';
import fc from 'fast-check';
import { CloudInit, DiskSet, DiskSource, KubevirtError, Machine, MachineTemplate, SecretKind, SnapshotSchedule } from '../../src';
import { fuzzParams, FUZZ_SEED } from '../support/generators';

jest.setTimeout(600_000);

const GUARDS = fs.existsSync(path.join(__dirname, '..', '..', 'src', 'private', 'guard.ts'));
const SYNTH_LINE = /^ {2}\[[^\]]+\] [A-Z][A-Za-z]* '[^']+': \S+(?: [^\n]*)?: got [^\n]*; [^\n]+ \([a-z0-9]+(?:-[a-z0-9]+)*\)$/;
const IMAGE = 'docker.io/bitnami/kubectl:1.31.4@sha256:0a3a2bb1ce7c1a6a1b1bd9e2ea2ae3dcdb4b7d0d6f0e4f1b0c0a1d2e3f4a5b6c';

/** What a case builds on a fresh chart. */
type Build = (chart: Chart) => void;
interface Case {
  readonly what: string;
  readonly build: Build;
  /** A wrong JavaScript type: valid output is allowed too. */
  readonly wrongType?: boolean;
  /** Secret values that must never appear in a message. */
  readonly secrets?: string[];
  /** The rule id that must be among the synth errors, when the case is rejected at synth. */
  readonly ruleId?: RegExp;
}

function base(props: Record<string, unknown> = {}): Record<string, unknown> {
  return { template: MachineTemplate.custom({ cpu: { cores: 1 }, memory: Size.gibibytes(1) }), disks: new DiskSet(), ...props };
}
function machine(chart: Chart, props: Record<string, unknown> = {}): Machine {
  return new Machine(chart, 'web', base(props) as any);
}

// ---- what Kubernetes validates ------------------------------------------------------------------

const badLabelKey = fc.constantFrom('bad key!', '/x', 'a/b/c', '-a', 'a'.repeat(64), 'Ex.Com/x', '', 'é');
const badLabelValue = fc.constantFrom('has space', 'x'.repeat(64), '-a', 'a-', 'é', 'a/b');
const badName = fc.constantFrom('Bad_NS!', 'UPPER', '-a', 'a-', 'a.b', 'x'.repeat(64), 'é', 'a b');
const badUrl = fc.constantFrom('http://%%%/disk.img', 'http://', 'http:// a/b', 'ftp://host/x', 'not a url', 'http://host/a b', 'http://[::1/x');
const badImage = fc.constantFrom('Quay.IO/Fedora/UPPER:41:42', 'a b', 'x:', '@sha256:abc', 'UPPER', 'a//b');
const badPort = fc.oneof(fc.integer({ min: 65_536, max: 2 ** 40 }), fc.integer({ min: -1_000, max: 0 }), fc.constantFrom(1.5, Number.NaN, Infinity));
/** `cpu.cores` is a uint32 in KubeVirt's Go types (../shared/kubevirt/gotypes/virtualmachine.json). */
const badUint32 = fc.oneof(fc.integer({ min: 2 ** 32, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom(1e12, 2 ** 32, 1e300));
const badCron = fc.constantFrom<Record<string, string>>({ minute: '61' }, { hour: '25' }, { minute: 'every', hour: 'now' }, { day: '32' }, { month: '13' }, { weekDay: '8' }, { minute: '*/0' });
const badTimeZone = fc.constantFrom('Mars/Olympus_Mons', 'UTC+25', 'Europe/Nowhere', ' ', 'utc/x', '../etc/passwd');

const kubernetesCases: fc.Arbitrary<Case> = fc.oneof(
  badName.map(n => ({ what: `machine name ${n}`, build: (c: Chart) => { machine(c, { name: n }); } })),
  badName.map(n => ({ what: `namespace ${n}`, build: (c: Chart) => { machine(c, { namespace: n }); } })),
  badLabelKey.map(k => ({ what: `label key ${k}`, build: (c: Chart) => { machine(c, { labels: { [k]: 'x' } }); } })),
  badLabelValue.map(v => ({ what: `label value ${v}`, build: (c: Chart) => { machine(c, { labels: { app: v } }); } })),
  // Annotation keys are checked lower-cased (apimachinery ValidateAnnotations), so `Ex.Com/x` is one.
  badLabelKey.filter(k => k !== 'Ex.Com/x').map(k => ({ what: `annotation key ${k}`, build: (c: Chart) => { machine(c, { annotations: { [k]: 'x' } }); } })),
  fc.tuple(badLabelKey, badLabelValue).map(([k, v]) => ({ what: `nodeSelector ${k}=${v}`, build: (c: Chart) => { machine(c, { nodeSelector: { [k]: v } }); } })),
  badUrl.map(u => ({ what: `http source ${u}`, build: (c: Chart) => { machine(c, { disks: new DiskSet().addDisk('data', { source: DiskSource.http(u), size: Size.gibibytes(1) }) }); } })),
  badImage.map(i => ({ what: `registry source ${i}`, build: (c: Chart) => { machine(c, { disks: new DiskSet().addDisk('data', { source: DiskSource.registry(i), size: Size.gibibytes(1) }) }); } })),
  badPort.map(p => ({ what: `service port ${p}`, build: (c: Chart) => { machine(c).expose('svc', { ports: [{ port: p }] }); } })),
  fc.constant({ what: 'two unnamed service ports', build: (c: Chart) => { machine(c).expose('svc', { ports: [{ port: 80 }, { port: 443 }] }); } }),
  badUint32.map(n => ({ what: `cores ${n}`, build: (c: Chart) => { machine(c, { template: MachineTemplate.custom({ cpu: { cores: n }, memory: Size.gibibytes(1) }) }); } })),
  badCron.map(o => ({ what: `cron ${JSON.stringify(o)}`, build: (c: Chart) => { new SnapshotSchedule(c, 's', { machine: machine(c), schedule: Cron.schedule(o), retention: 3, image: IMAGE }); } })),
  badTimeZone.map(tz => ({ what: `time zone ${tz}`, build: (c: Chart) => { new SnapshotSchedule(c, 's', { machine: machine(c), schedule: Cron.daily(), retention: 3, image: IMAGE, timeZone: tz }); } })),
);

// ---- wrong JavaScript types -----------------------------------------------------------------------

const circular = (): any => {
  const o: any = { a: 1 };
  o.self = o;
  return o;
};
const wrongValue = fc.constantFrom<() => unknown>(() => null, () => 4, () => 'admin', () => ({}), () => [], () => Number.NaN, () => Infinity, () => true, () => circular());
const wrongTypeCases: fc.Arbitrary<Case> = wrongValue.chain(v => fc.constantFrom<Case>(
  { what: 'addDisk options', wrongType: true, build: c => { machine(c, { disks: new DiskSet().addDisk('data', v() as any) }); } },
  { what: 'users', wrongType: true, build: c => { machine(c, { cloudInit: CloudInit.fromConfig({ users: v() as any }) }); } },
  { what: 'runcmd', wrongType: true, build: c => { machine(c, { cloudInit: CloudInit.fromConfig({ runcmd: v() as any }) }); } },
  { what: 'extra', wrongType: true, build: c => { machine(c, { cloudInit: CloudInit.fromConfig({ extra: { x: v() } }) }); } },
  { what: 'memory', wrongType: true, build: c => { machine(c, { template: MachineTemplate.custom({ cpu: { cores: 1 }, memory: v() as any }) }); } },
  { what: 'cores', wrongType: true, build: c => { machine(c, { template: MachineTemplate.custom({ cpu: { cores: v() as any }, memory: Size.gibibytes(1) }) }); } },
  { what: 'labels', wrongType: true, build: c => { machine(c, { labels: v() }); } },
  { what: 'label value', wrongType: true, build: c => { machine(c, { labels: { app: v() } }); } },
  { what: 'machine props', wrongType: true, build: c => { new Machine(c, 'web', v() as any); } },
));

// ---- secrets ----------------------------------------------------------------------------------------

interface SecretForm { readonly kind: SecretKind; readonly text: (s: string) => string; readonly secret: string }
const PW = 'Vq8Lr3Tz6Kw1';
const KEY_BODY = 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW';
const FORMS: SecretForm[] = [
  { kind: SecretKind.PASSWORD, secret: PW, text: s => `echo 'root:${s}' | chpasswd` },
  { kind: SecretKind.PASSWORD, secret: PW, text: s => `#cloud-config\nusers: [{name: a, plain_text_passwd: ${s}}]\n` },
  { kind: SecretKind.PASSWORD, secret: PW, text: s => `## template: jinja\n#cloud-config\npassword: ${s}\n` },
  { kind: SecretKind.PASSWORD, secret: PW, text: s => `Content-Type: multipart/mixed; boundary="B"\nMIME-Version: 1.0\n\n--B\nContent-Type: text/cloud-config\n\npassword: ${s}\n--B--\n` },
  { kind: SecretKind.URL_CREDENTIALS, secret: PW, text: s => `curl -o /x https://admin:${s}@example.com/disk.img` },
  { kind: SecretKind.PRIVATE_KEY, secret: KEY_BODY, text: s => `-----BEGIN OPENSSH PRIVATE KEY-----\n${s}\n-----END OPENSSH PRIVATE KEY-----\n` },
  { kind: SecretKind.PRIVATE_KEY, secret: KEY_BODY, text: s => Buffer.from(`-----BEGIN RSA PRIVATE KEY-----\n${s}\n-----END RSA PRIVATE KEY-----\n`).toString('base64') },
  { kind: SecretKind.PRIVATE_KEY, secret: 'AAAAB3NzaC1yc2EAAAADAQABAAABAQCq7', text: s => `PuTTY-User-Key-File-3: ssh-rsa\nEncryption: none\nPublic-Lines: 1\n${s}\n` },
  { kind: SecretKind.PRIVATE_KEY, secret: KEY_BODY, text: s => `-----BEGIN OPENSSH\n PRIVATE KEY-----\n${s}` },
  { kind: SecretKind.TOKEN, secret: 'AKIAQ7XZP2LM9WVR4TBN', text: s => `aws configure set aws_access_key_id ${s}` },
  { kind: SecretKind.TOKEN, secret: 'ghp_Rt5Yu8Io1Pa4Sd7Fg0Hj3Kl6Zx9Cv2Bn5Mq8W', text: s => `git clone https://x-access:${s}@github.com/o/r || echo ${s}` },
  { kind: SecretKind.TOKEN, secret: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJxN3haIn0.Qm8wXyZ3bHd4a2VpcXo', text: s => `curl -H 'Authorization: Bearer ${s}' https://api` },
];
type Field = 'annotation' | 'runcmd' | 'userData' | 'writeFile' | 'extra' | 'patch';
const FIELDS: Field[] = ['annotation', 'runcmd', 'userData', 'writeFile', 'extra', 'patch'];

function secretCase(form: SecretForm, field: Field, pad: string, optIn: boolean): Case {
  const text = `${pad}${form.text(form.secret)}`;
  const ciOptions = optIn ? { allowPasswords: form.kind === SecretKind.PASSWORD, allowSecrets: form.kind === SecretKind.PRIVATE_KEY } : {};
  const allowSecrets = optIn ? [form.kind, ...(form.kind === SecretKind.TOKEN ? [SecretKind.URL_CREDENTIALS] : [])] : undefined;
  const build: Build = c => {
    const props: Record<string, unknown> = { allowSecrets };
    if (field === 'annotation') props.annotations = { note: text };
    if (field === 'runcmd') props.cloudInit = CloudInit.fromConfig({ runcmd: [text] }, ciOptions);
    if (field === 'userData') props.cloudInit = CloudInit.fromUserData(text.startsWith('#') || text.startsWith('Content-Type') ? text : `#!/bin/sh\n${text}\n`, ciOptions);
    if (field === 'writeFile') props.cloudInit = CloudInit.fromConfig({ writeFiles: [{ path: '/etc/x', content: text }] }, ciOptions);
    if (field === 'extra') props.cloudInit = CloudInit.fromConfig({ extra: { note: text } }, ciOptions);
    const m = machine(c, props);
    // A JSON patch, the escape hatch: the scan runs after every patch.
    if (field === 'patch') ApiObject.of(m).addJsonPatch(JsonPatch.add('/metadata/annotations', { note: text }));
  };
  return { what: `${form.kind} form in ${field}${optIn ? ' (opted in)' : ''}`, build, secrets: [form.secret], ruleId: /^secret-/ };
}

const secretCases = fc.tuple(fc.constantFrom(...FORMS), fc.constantFrom(...FIELDS), fc.constantFrom('', 'x ', 'note: ', `# ${'x'.repeat(2_100)}\n`), fc.boolean())
  .map(([form, field, pad, optIn]) => ({ optIn, c: secretCase(form, field, pad, optIn) }));

// ---- the property -----------------------------------------------------------------------------------

type Outcome = { error?: any; yaml?: string; stage: 'construct' | 'synth' | 'none' };
function attempt(build: Build): Outcome {
  const app = new App();
  const chart = new Chart(app, 'c', { namespace: 'vms' });
  try {
    build(chart);
  } catch (error) {
    return { error, stage: 'construct' };
  }
  try {
    return { yaml: app.synthYaml(), stage: 'none' };
  } catch (error) {
    return { error, stage: 'synth' };
  }
}

function expectNoSecret(message: string, secrets: string[] = []): void {
  for (const s of secrets) {
    for (let i = 0; i + 6 <= s.length; i++) {
      if (message.includes(s.slice(i, i + 6))) throw new Error(`message holds a piece of a secret:\n${message}`);
    }
  }
}

/** Rejected by the library's own error, in its format. */
function expectRejected(c: Case, o: Outcome): void {
  if (o.stage === 'none') throw new Error(`${c.what}: emitted instead of rejected`);
  const e = o.error;
  const message = String(e?.message ?? e);
  expectNoSecret(message, c.secrets);
  if (o.stage === 'construct') {
    if (!(e instanceof KubevirtError)) throw new Error(`${c.what}: a ${e?.constructor?.name} at construct, not a KubevirtError: ${message}`);
    return;
  }
  const [head, ...lines] = message.split('\n');
  if (head !== 'Validation failed with the following errors:') throw new Error(`${c.what}: synth failed outside validation: ${message}`);
  const bad = lines.filter(l => !SYNTH_LINE.test(l));
  if (bad.length > 0) throw new Error(`${c.what}: lines not in the library's format:\n${bad.join('\n')}`);
  if (c.ruleId && !lines.some(l => c.ruleId!.test(/\(([a-z0-9-]+)\)$/.exec(l)![1]))) throw new Error(`${c.what}: no ${c.ruleId} rule among:\n${message}`);
}

describe('fuzz: hostile programs', () => {
  test("what Kubernetes validates (metadata, URLs, images, ports, int32, crons, time zones) is rejected with the library's message", () => {
    fc.assert(fc.property(kubernetesCases, c => expectRejected(c, attempt(c.build))), { ...fuzzParams(4_000), seed: FUZZ_SEED + 21 });
  });

  test('wrong JavaScript types give a KubevirtError or valid output, never a crash', () => {
    fc.assert(fc.property(wrongTypeCases, c => {
      const o = attempt(c.build);
      if (o.stage === 'none') return;
      const e = o.error;
      if (e instanceof KubevirtError || (o.stage === 'synth' && String(e?.message).startsWith('Validation failed'))) return;
      // Before the runtime guards land, a TypeError on a wrong type, or a stack overflow on a cycle, is a
      // known gap (issue 14, part 4).
      if (!GUARDS && (e instanceof TypeError || e instanceof RangeError)) return;
      throw new Error(`${c.what}: ${e?.constructor?.name}: ${e?.message}`);
    }), { ...fuzzParams(3_000), seed: FUZZ_SEED + 22 });
  });

  // Found by this suite (a Symbol in extra ended in the yaml package's plain Error); the type guard now refuses it.
  test('a Symbol in CloudInit extra is refused with a KubevirtError', () => {
    const o = attempt(c => { machine(c, { cloudInit: CloudInit.fromConfig({ extra: { x: Symbol('x') } }) }); });
    expect(o.error).toBeInstanceOf(KubevirtError);
    expect(String(o.error?.message)).toMatch(/extra.*\(property-type\)$/);
  });

  test('each secret form in each string field is refused unless its kind is opted in, and never printed', () => {
    fc.assert(fc.property(secretCases, ({ optIn, c }) => {
      const o = attempt(c.build);
      if (!optIn) {
        expectRejected(c, o);
        return;
      }
      // Opted in: the secret may be emitted; nothing may refuse it as a secret.
      if (o.stage !== 'none') {
        const message = String(o.error?.message ?? o.error);
        expectNoSecret(message, c.secrets);
        if (/\(secret-[a-z-]+\)/.test(message)) throw new Error(`${c.what}: refused although opted in:\n${message}`);
      }
    }), { ...fuzzParams(4_000), seed: FUZZ_SEED + 23 });
  });
});
