import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { AccessCredential, CloudInit, Machine, SecretKind, SshPropagation, WriteFileEncoding } from '../src';
import { synthValid } from './support/conformance';
import { PRIVATE_KEY_SAMPLE } from './support/generators';
import { scanObjects, scanYaml } from './support/secret-scan';
import { newChart } from './support/synth';

const b64 = (s: string) => Buffer.from(s, 'utf-8').toString('base64');
const kinds = (text: string) => scanYaml(text).map(f => f.kind).sort();

describe('secret scan', () => {
  describe('finds each kind of secret', () => {
    test('a private-key block in plain text, in any key type', () => {
      for (const type of ['OPENSSH ', 'RSA ', 'EC ', 'ENCRYPTED ', '']) {
        expect(kinds(`a: |\n  -----BEGIN ${type}PRIVATE KEY-----\n  MIIE\n  -----END ${type}PRIVATE KEY-----\n`)).toEqual(['private-key']);
      }
    });

    test('a private key inside base64: Secret data, userDataBase64, write_files b64 and gz+b64', () => {
      expect(kinds(`kind: Secret\nmetadata: { name: s }\ndata:\n  key: ${b64(PRIVATE_KEY_SAMPLE)}\n`)).toEqual(['private-key']);
      expect(kinds(`spec:\n  cloudInitNoCloud:\n    userDataBase64: ${b64(`#!/bin/sh\necho '${PRIVATE_KEY_SAMPLE}'`)}\n`)).toEqual(['private-key']);
      const cc = (content: string, encoding: string) => `#cloud-config\nwrite_files:\n- path: /k\n  encoding: ${encoding}\n  content: ${content}\n`;
      expect(scanObjects([{ kind: 'VirtualMachine', metadata: { name: 'v' }, spec: { userData: cc(b64(PRIVATE_KEY_SAMPLE), 'b64') } }]).map(f => f.kind)).toContain('private-key');
      const gz = zlib.gzipSync(Buffer.from(PRIVATE_KEY_SAMPLE)).toString('base64');
      expect(scanObjects([{ kind: 'VirtualMachine', metadata: { name: 'v' }, spec: { userData: cc(gz, 'gz+b64') } }]).map(f => f.kind)).toContain('private-key');
      // And the cloud-config itself in a Secret, base64 once more.
      expect(kinds(`kind: Secret\nmetadata: { name: s }\ndata:\n  userdata: ${b64(cc(gz, 'gz+b64'))}\n`)).toContain('private-key');
    });

    test.each(['password', 'passwd', 'chpasswd', 'plain_text_passwd', 'hashed_passwd'])('a %s key with a value, as YAML and inside cloud-config text', (key) => {
      expect(kinds(`users:\n- name: a\n  ${key}: hunter2\n`)).toEqual(['password']);
      const userData = `#cloud-config\nusers:\n  - name: a\n    ${key}: hunter2\n`;
      expect(scanObjects([{ kind: 'VirtualMachine', metadata: { name: 'v' }, spec: { userData } }]).map(f => f.kind)).toContain('password');
      expect(kinds(`kind: Secret\nmetadata: { name: s }\ndata:\n  userdata: ${b64(userData)}\n`)).toContain('password');
      expect(kinds(`x: "#!/bin/sh\\n${key}: hunter2\\n"\n`)).toEqual(['password']);
    });

    test.each([
      ['a token key', 'token: abcdefgh12345678'],
      ['an api_token key', 'api_token: abcdefgh12345678'],
      ['a GitHub token', `x: ghp_${'a1B2'.repeat(9)}`],
      ['a fine-grained GitHub token', `x: github_pat_${'A1b2c3'.repeat(5)}`],
      ['an AWS access key id', 'x: AKIAIOSFODNN7EXAMPLE'],
      ['a Slack bot token', 'x: xoxb-123456789012-abcdefghij'],
      ['a Slack user token', 'x: xoxp-123456789012-abcdefghij'],
      ['a JWT', 'x: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'],
      ['a token in cloud-config text', 'userData: "#cloud-config\\nwrite_files:\\n- content: \\"token: abcdefgh12345678\\"\\n"'],
    ])('%s', (_what, yaml) => {
      expect(kinds(yaml)).toContain('token');
      expect(kinds(yaml).every(k => k === 'token')).toBe(true);
    });
  });

  describe('finds nothing where there is no secret', () => {
    test.each([
      ['lock_passwd and ssh_pwauth', 'users:\n- name: a\n  lock_passwd: true\nssh_pwauth: false\n'],
      ['an empty password', 'password: ""\n'],
      ['a false password flag', 'chpasswd: false\n'],
      ['an SSH public key', 'ssh_authorized_keys:\n- ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGV4YW1wbGUta2V5LW9ubHktZm9yLWRvY3MtMDAwMDAwMDA admin@example.com\n'],
      ['a PUBLIC KEY block', 'a: "-----BEGIN PUBLIC KEY-----\\nMIIB\\n-----END PUBLIC KEY-----"\n'],
      ['a token word in prose', 'note: "a token: see the docs"\n'],
      ['a secretRef and a userPassword access credential', 'secretRef: { name: web-cloud-init }\naccessCredentials:\n- userPassword: { source: { secret: { secretName: pw } } }\n'],
    ])('%s', (_what, yaml) => {
      expect(scanYaml(yaml)).toEqual([]);
    });

    test('a machine with a password access credential and an SSH key from a Secret', () => {
      const chart = newChart();
      new Machine(chart, 'web', {
        cloudInit: CloudInit.fromConfig({ packages: ['nginx'] }),
        accessCredentials: [AccessCredential.userPasswordFromSecret('web-passwords'), AccessCredential.sshFromSecret('web-keys', { propagation: SshPropagation.NO_CLOUD })],
      });
      expect(scanObjects(synthValid(chart))).toEqual([]);
    });
  });

  describe('finds what an opted-in program put in its YAML', () => {
    test('allowPasswords: a plain-text and a hashed password, inline', () => {
      const chart = newChart();
      new Machine(chart, 'web', { cloudInit: CloudInit.fromConfig({ users: [{ name: 'a', plainTextPassword: 'hunter2', hashedPassword: '$6$x$y' }] }, { allowPasswords: true }) });
      const findings = scanObjects(synthValid(chart));
      // '$6$x$y' is not a well-formed crypt hash, so it counts as plain text (a real hash would not be reported).
      expect(findings.map(f => f.what).sort()).toEqual(["key 'hashed_passwd'", "key 'plain_text_passwd'"]);
      expect(findings.map(f => f.where).sort()).toEqual(['cloud-config users[0].hashed_passwd', 'cloud-config users[0].plain_text_passwd']);
      expect(findings.every(f => f.kind === SecretKind.PASSWORD && f.object === 'VirtualMachine/web' && f.path === '$.spec.template.spec.volumes[1].cloudInitNoCloud.userData')).toBe(true);
      expect(JSON.stringify(findings)).not.toContain('hunter2');
    });

    test('allowSecrets: a private key in a written file, inline and (when large) in the generated Secret', () => {
      const small = newChart();
      new Machine(small, 'web', { cloudInit: CloudInit.fromConfig({ writeFiles: [{ path: '/k', content: PRIVATE_KEY_SAMPLE }] }, { allowSecrets: true }) });
      expect([...new Set(scanObjects(synthValid(small)).map(f => f.kind))]).toEqual(['private-key']);

      const large = newChart();
      new Machine(large, 'web', {
        cloudInit: CloudInit.fromConfig({ writeFiles: [{ path: '/k', content: b64(PRIVATE_KEY_SAMPLE), encoding: WriteFileEncoding.BASE64 }, { path: '/big', content: 'x'.repeat(3000) }] }, { allowSecrets: true }),
      });
      const objects = synthValid(large);
      expect(objects.map(o => o.kind).sort()).toEqual(['Secret', 'VirtualMachine']);
      const findings = scanObjects(objects);
      expect([...new Set(findings.map(f => f.kind))]).toEqual(['private-key']);
      // Only decoding the b64 file inside the base64 Secret finds it (line 3 of the user data is the file's base64 content).
      expect(findings.map(f => `${f.object} ${f.path} ${f.where}`)).toEqual(['Secret/web-cloud-init $.data.userdata base64-decoded, line 3, base64-decoded, line 1']);
    });
  });

  describe('examples', () => {
    const examplesDir = path.join(__dirname, '..', 'examples');
    const examples = fs.readdirSync(examplesDir).filter(d => fs.existsSync(path.join(examplesDir, d, 'dist'))).sort();

    test.each(examples)('examples/%s/dist holds no secret it did not opt in to by name', (name) => {
      const main = fs.readFileSync(path.join(examplesDir, name, 'main.ts'), 'utf-8');
      const allowed = new Set<string>([
        ...(/allowPasswords:\s*true/.test(main) ? ['password'] : []),
        ...(/allowSecrets:\s*true/.test(main) ? ['private-key'] : []),
      ]);
      const dist = path.join(examplesDir, name, 'dist');
      const files = fs.readdirSync(dist).filter(f => f.endsWith('.yaml'));
      expect(files.length).toBeGreaterThan(0);
      for (const f of files) {
        const findings = scanYaml(fs.readFileSync(path.join(dist, f), 'utf-8'));
        expect(findings.filter(x => !allowed.has(x.kind))).toEqual([]);
      }
    });
  });
});
