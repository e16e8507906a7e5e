import * as zlib from 'zlib';
import { ApiObject, JsonPatch } from 'cdk8s';
import { CloudInit, Machine, NetworkData, SecretKind } from '../../src';
import { describeFinding, isBenign, redact, scanManifest, SecretFinding } from '../../src/private/secret-scan';
import { synthValid } from '../support/conformance';
import { newChart } from '../support/synth';

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const gzb64 = (s: string) => zlib.gzipSync(Buffer.from(s)).toString('base64');
const PW = 'Tr0ub4dor&3-not-real';
const KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\nQyNTUxOQAAACDxZXhhbXBsZS1rZXktb25seS1mb3ItdGVzdHMtMDAwMDAwMAAAAJgAAAAA\n-----END OPENSSH PRIVATE KEY-----\n';
const RSA = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAnotarealkeynotarealkeynotarealkeynotarealkeynotareal\n-----END RSA PRIVATE KEY-----\n';
const PUTTY = 'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: ops\nPublic-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAIGV4YW1wbGU\nPrivate-Lines: 1\nAAAAIHNlY3JldC1ub3QtcmVhbA==\nPrivate-MAC: 0123456789abcdef\n';
const AWS_ID = 'AKIAIOSFODNN7EXAMPLE';
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const GITHUB = `ghp_${'a1B2c3D4e5F6'.repeat(3)}`;
const GITLAB = 'glpat-xY9zW8vU7tS6rQ5pO4nM';
const SLACK = 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
const SSH_PUB = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGV4YW1wbGUta2V5LW9ubHktZm9yLWRvY3MtMDAwMDAwMDA ops@example.com';
const SHA512 = `$6$rounds=4096$saltsaltsalt$${'aB3./'.repeat(17)}x`;
const YESCRYPT = `$y$j9T$F5Jx5fExrKuPp53xLKQ..1$${'X'.repeat(43)}`;

/** A VirtualMachine with the given cloudInitNoCloud volume fields. */
function vm(noCloud: Record<string, string>, extra: Record<string, unknown> = {}): any {
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: { name: 'web', namespace: 'vms', ...(extra.metadata as object ?? {}) },
    spec: { template: { spec: { ...(extra.spec as object ?? {}), volumes: [{ name: 'cloudinitdisk', cloudInitNoCloud: noCloud }] } } },
  };
}
const UD = '$.spec.template.spec.volumes[0].cloudInitNoCloud.userData';

/** Scans, and checks that no finding or message holds any of the secret values. */
function scan(manifest: unknown, secrets: string[], allowed: SecretKind[] = []): SecretFinding[] {
  const findings = scanManifest(manifest, new Set(allowed));
  const text = JSON.stringify(findings) + findings.map(describeFinding).join('\n');
  for (const s of secrets) expect(text).not.toContain(s);
  return findings;
}
const netplan = `version: 2\nwifis:\n  wlan0:\n    dhcp4: true\n    access-points:\n      "home-net":\n        password: "${PW}"\n`;
const brief = (fs: SecretFinding[]) => fs.map(f => `${f.kind} ${f.path} | ${f.where} | ${f.what}`);

describe('secret scan (library)', () => {
  describe('user data forms', () => {
    test('chpasswd inside a runcmd command', () => {
      const f = scan(vm({ userData: `#cloud-config\nruncmd:\n  - echo root:${PW} | chpasswd\n  - [sh, -c, "echo 'ops:${PW}' | sudo chpasswd"]\n` }), [PW]);
      expect(brief(f)).toEqual([
        `password ${UD} | cloud-config runcmd[0] | chpasswd entry`,
        `password ${UD} | cloud-config runcmd[1][2] | chpasswd entry`,
      ]);
    });

    test('flow-style plain_text_passwd in raw user data, parsed and unparsable', () => {
      expect(brief(scan(vm({ userData: `#cloud-config\nusers: [{name: a, plain_text_passwd: ${PW}}]\n` }), [PW])))
        .toEqual([`password ${UD} | cloud-config users[0].plain_text_passwd | key 'plain_text_passwd'`]);
      // Not valid YAML: read as text, with the line.
      expect(brief(scan(vm({ userData: `#cloud-config\nusers: [{name: a, plain_text_passwd: ${PW}}]\n  oops: : x\n` }), [PW])))
        .toEqual([`password ${UD} | line 2 | key 'plain_text_passwd'`]);
    });

    test('a chpasswd list, old and new format', () => {
      const f = scan(vm({ userData: `#cloud-config\nchpasswd:\n  expire: false\n  list: |\n    root:${PW}\n    bob:RANDOM\n  users:\n    - {name: ops, password: ${PW}x, type: text}\n    - {name: ci, password: '${SHA512}', type: hash}\n` }), [PW]);
      expect(brief(f)).toEqual([
        `password ${UD} | cloud-config chpasswd.list, entry 1 | chpasswd entry`,
        `password ${UD} | cloud-config chpasswd.users[0].password | key 'password'`,
      ]);
    });

    test('a ## template: jinja header', () => {
      const f = scan(vm({ userData: `## template: jinja\n#cloud-config\nhostname: {{ v1.local_hostname }}\npassword: ${PW}\n` }), [PW]);
      expect(brief(f)).toEqual([`password ${UD} | jinja template, cloud-config password | key 'password'`]);
      const script = scan(vm({ userData: `## template: jinja\n#!/bin/sh\necho {{ v1.instance_id }}\necho ${GITHUB} > /root/.token\n` }), [GITHUB]);
      expect(brief(script)).toEqual([`token ${UD} | jinja template, line 4 | GitHub token`]);
    });

    test('MIME multipart: a cloud-config part, a base64 shell script part and a gzip part', () => {
      const mime = [
        'Content-Type: multipart/mixed; boundary="==BOUNDARY=="',
        'MIME-Version: 1.0',
        '',
        '--==BOUNDARY==',
        'Content-Type: text/cloud-config; charset="us-ascii"',
        '',
        `users: [{name: a, passwd: ${PW}}]`,
        '--==BOUNDARY==',
        'Content-Type: text/x-shellscript',
        'Content-Transfer-Encoding: base64',
        '',
        b64(`#!/bin/sh\ncat > /root/.ssh/id_rsa <<EOF\n${RSA}EOF\n`),
        '--==BOUNDARY==',
        'Content-Type: text/x-shellscript',
        'Content-Transfer-Encoding: base64',
        '',
        gzb64(`#!/bin/sh\nexport AWS_ACCESS_KEY_ID=${AWS_ID}\n`),
        '--==BOUNDARY==--',
        '',
      ].join('\n');
      expect(brief(scan(vm({ userData: mime }), [PW, AWS_ID]))).toEqual([
        `password ${UD} | MIME part 1 (text/cloud-config), cloud-config users[0].passwd | key 'passwd'`,
        `private-key ${UD} | MIME part 2 (text/x-shellscript), base64-decoded, line 3 | PEM private key (RSA)`,
        `token ${UD} | MIME part 3 (text/x-shellscript), base64-decoded, gunzipped, line 2 | AWS access key id`,
      ]);
    });

    test('#include URLs and shell scripts are read as text', () => {
      expect(brief(scan(vm({ userData: '#include\nhttps://ops:' + PW + '@config.example.com/user-data\n' }), [PW])))
        .toEqual([`url-credentials ${UD} | line 2 | URL credentials`]);
      expect(brief(scan(vm({ userData: `#!/bin/bash\necho '${PW}' | passwd --stdin root\nchpasswd <<< 'ops:${PW}'\n` }), [PW])))
        .toEqual([`password ${UD} | line 3 | chpasswd entry`, `password ${UD} | line 2 | passwd --stdin`]);
    });

    test('base64 user data over 2048 bytes, moved by the library into the generated Secret', () => {
      const chart = newChart();
      const userData = `#cloud-config\nusers: [{name: a, plain_text_passwd: ${PW}}]\nwrite_files:\n  - path: /etc/motd\n    content: ${'x'.repeat(2100)}\n`;
      new Machine(chart, 'web', { cloudInit: CloudInit.fromUserData(userData), allowSecrets: [SecretKind.PASSWORD] });
      const objects = synthValid(chart);
      const secret = objects.find(o => o.kind === 'Secret');
      expect(brief(scan(secret, [PW]))).toEqual(['password $.data.userdata | base64-decoded, cloud-config users[0].plain_text_passwd | key \'plain_text_passwd\'']);
      expect(objects.filter(o => o.kind !== 'Secret').flatMap(o => scanManifest(o))).toEqual([]);
    });

    test('a password set through a JSON patch', () => {
      const chart = newChart();
      const m = new Machine(chart, 'web', { cloudInit: CloudInit.fromConfig({ packages: ['nginx'] }), allowSecrets: [SecretKind.PASSWORD] });
      ApiObject.of(m).addJsonPatch(JsonPatch.add('/spec/template/spec/volumes/1/cloudInitNoCloud/userData', `#cloud-config\npassword: ${PW}\n`));
      const findings = synthValid(chart).flatMap(o => scan(o, [PW]));
      expect(brief(findings)).toEqual(["password $.spec.template.spec.volumes[1].cloudInitNoCloud.userData | cloud-config password | key 'password'"]);
    });
  });

  describe('at synthesis: every object a construct emits is scanned after patches', () => {
    function synthError(build: (chart: ReturnType<typeof newChart>) => void): string {
      const chart = newChart();
      build(chart);
      try {
        synthValid(chart);
      } catch (e) {
        return (e as Error).message;
      }
      throw new Error('synthesis did not fail');
    }

    test('fails when user data moved into the generated Secret holds a password, naming where, never the value', () => {
      const userData = `#cloud-config\nusers: [{name: a, plain_text_passwd: ${PW}}]\nwrite_files:\n  - path: /etc/motd\n    content: ${'x'.repeat(2100)}\n`;
      const message = synthError(chart => new Machine(chart, 'web', { cloudInit: CloudInit.fromUserData(userData) }));
      expect(message).toContain("Machine 'test/web': Secret 'web-cloud-init' data.userdata holds a password (key 'plain_text_passwd', base64-decoded, cloud-config users[0].plain_text_passwd): got \"Tr… (20 chars)\"; no secrets in output that goes to Git: reference a Secret managed outside the app, or opt in with allowSecrets: [SecretKind.PASSWORD] (secret-password)");
      expect(message).not.toContain(PW);
    });

    test('fails when a JSON patch writes a password into the VM', () => {
      const message = synthError(chart => {
        const m = new Machine(chart, 'web', { cloudInit: CloudInit.fromConfig({ packages: ['nginx'] }) });
        ApiObject.of(m).addJsonPatch(JsonPatch.add('/spec/template/spec/volumes/1/cloudInitNoCloud/userData', `#cloud-config\npassword: ${PW}\n`));
      });
      expect(message).toContain("Machine 'test/web': spec.template.spec.volumes[1].cloudInitNoCloud.userData holds a password (key 'password', cloud-config password)");
      expect(message).toContain('(secret-password)');
      expect(message).not.toContain(PW);
    });

    test('an opt-in for one kind does not allow another', () => {
      const message = synthError(chart => new Machine(chart, 'web', {
        cloudInit: CloudInit.fromNetworkData(NetworkData.fromText(netplan)),
        allowSecrets: [SecretKind.TOKEN],
      }));
      expect(message).toContain('(secret-password)');
      expect(message).not.toContain(PW);
    });
  });

  describe('network data, URLs, base64 and gzip', () => {

    test('a Wi-Fi password in network data, plain and base64', () => {
      expect(brief(scan(vm({ networkData: netplan }), [PW])))
        .toEqual(['password $.spec.template.spec.volumes[0].cloudInitNoCloud.networkData | network config wifis.wlan0.access-points.home-net.password | key \'password\'']);
      expect(brief(scan(vm({ networkDataBase64: b64(netplan) }), [PW])))
        .toEqual(['password $.spec.template.spec.volumes[0].cloudInitNoCloud.networkDataBase64 | base64-decoded, network config wifis.wlan0.access-points.home-net.password | key \'password\'']);
      // Typed network data text, as the library emits it.
      const chart = newChart();
      new Machine(chart, 'web', { cloudInit: CloudInit.fromNetworkData(NetworkData.fromText(netplan)), allowSecrets: [SecretKind.PASSWORD] });
      expect(synthValid(chart).flatMap(o => scan(o, [PW])).map(f => f.kind)).toEqual([SecretKind.PASSWORD]);
    });

    test('basic-auth credentials in a source URL', () => {
      const dv = { apiVersion: 'cdi.kubevirt.io/v1beta1', kind: 'DataVolume', metadata: { name: 'd' }, spec: { source: { http: { url: `https://admin:${PW}@images.example.com/disk.qcow2` } } } };
      const f = scan(dv, [PW]);
      expect(brief(f)).toEqual(['url-credentials $.spec.source.http.url | value | URL credentials']);
      expect(f[0].redacted).toBe(`Tr… (${PW.length} chars)`);
      // A user without a password, a variable, and an SSH URL are fine.
      expect(scan({ a: ['https://user@example.com/x', 'https://ops:${PASSWORD}@example.com/x', 'ssh://git@github.com/o/r.git'] }, [])).toEqual([]);
    });

    test('base64 private keys in write_files (b64, gz+b64) and in extra keys', () => {
      const ud = `#cloud-config\nwrite_files:\n  - path: /root/.ssh/id_ed25519\n    encoding: b64\n    content: ${b64(KEY)}\n  - path: /root/.ssh/id_rsa\n    encoding: gz+b64\n    content: ${gzb64(RSA)}\nmy_extra:\n  key: ${b64(KEY)}\n`;
      const f = scan(vm({ userData: ud }), [KEY, RSA, b64(KEY)]);
      expect(f.map(x => x.kind)).toEqual([SecretKind.PRIVATE_KEY, SecretKind.PRIVATE_KEY, SecretKind.PRIVATE_KEY]);
      expect(f.map(x => x.where)).toEqual(['line 5, base64-decoded, line 1', 'line 8, base64-decoded, gunzipped, line 1', 'line 10, base64-decoded, line 1']);
      // Secret data and userDataBase64, wrapped at 76 columns.
      const wrapped = b64(`#!/bin/sh\necho '${KEY}'`).replace(/(.{76})/g, '$1\n');
      expect(brief(scan(vm({ userDataBase64: wrapped }), [KEY])))
        .toEqual(['private-key $.spec.template.spec.volumes[0].cloudInitNoCloud.userDataBase64 | base64-decoded, line 2 | PEM private key (OPENSSH)']);
      expect(brief(scan({ kind: 'Secret', metadata: { name: 's' }, data: { id_rsa: b64(RSA), password: b64(PW), ok: b64('hello') } }, [PW, RSA])))
        .toEqual(['private-key $.data.id_rsa | base64-decoded, line 1 | PEM private key (RSA)', "password $.data.password | value | key 'password'"]);
    });

    test('PuTTY keys, and OpenSSH key bodies without their armour', () => {
      expect(brief(scan(vm({ userData: `#cloud-config\nwrite_files:\n  - path: /home/ops/key.ppk\n    content: |\n${PUTTY.replace(/^/gm, '      ')}` }), [])))
        .toEqual([`private-key ${UD} | cloud-config write_files[0].content, line 1 | PuTTY private key`]);
      expect(brief(scan({ data: 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW' }, [])))
        .toEqual(['private-key $.data | value | OpenSSH private key body']);
    });

    test('PEM headers folded by YAML, split over lines, concatenated, or split across list items', () => {
      const folded = '#cloud-config\nwrite_files:\n  - path: /k\n    content: >\n      -----BEGIN OPENSSH PRIV\n      ATE KEY----- b3Bl\n';
      expect(brief(scan(vm({ userData: folded }), []))).toEqual([`private-key ${UD} | cloud-config write_files[0].content | PEM private key (folded or split)`]);
      expect(scan({ s: 'echo "-----BEGIN RSA PRIV""ATE KEY-----" > /k' }, []).map(f => f.what)).toEqual(['PEM private key (folded or split)']);
      expect(scan({ s: '-----BEGIN EC\\nPRIVATE KEY-----' }, []).map(f => f.what)).toEqual(['PEM private key (folded or split)']);
      expect(brief(scan({ runcmd: ['echo -----BEGIN OPENSSH PRIV', 'ATE KEY-----', 'b3Bl'] }, [])))
        .toEqual(['private-key $.runcmd | value | PEM private key split across list items']);
    });
  });

  describe('token shapes in commands, annotations, probes and apt sources', () => {
    test.each([
      ['an AWS key pair in a command', { command: ['sh', '-c', `AWS_ACCESS_KEY_ID=${AWS_ID} aws_secret_access_key=${AWS_SECRET} aws s3 ls`] }, [AWS_ID, AWS_SECRET], ['AWS access key id', 'AWS secret access key']],
      ['a GitHub token in an annotation', { metadata: { annotations: { 'example.com/ci': `token ${GITHUB}` } } }, [GITHUB], ['GitHub token']],
      ['a fine-grained GitHub token in a label-like field', { x: `github_pat_${'A1b2C3d4'.repeat(4)}` }, [], ['GitHub fine-grained token']],
      ['a GitLab token in an env line', { s: `export CI_TOKEN=${GITLAB}` }, [GITLAB], ['GitLab token', 'token field']],
      ['a Slack token', { s: SLACK }, [SLACK], ['Slack token']],
      ['a JWT in an exec probe', { readinessProbe: { exec: { command: ['curl', '-H', `Authorization: Bearer ${JWT}`, 'http://localhost'] } } }, [JWT], ['JWT', 'bearer token']],
      ['a bearer token in probe HTTP headers', { httpGet: { httpHeaders: [{ name: 'Authorization', value: 'Bearer 0123456789abcdefXYZ' }] } }, ['0123456789abcdefXYZ'], ['Authorization header', 'bearer token']],
      ['a Basic header', { httpHeaders: [{ name: 'Authorization', value: `Basic ${b64(`ops:${PW}`)}` }] }, [PW, b64(`ops:${PW}`)], ['Authorization header']],
      ['a token key', { api_token: 'abcdefgh12345678' }, ['abcdefgh12345678'], ["key 'api_token'"]],
    ])('%s', (_what, manifest, secrets, whats) => {
      expect(scan(manifest, secrets as string[]).map(f => f.what)).toEqual(whats);
    });

    test('a JWT in apt sources inside cloud-config', () => {
      const ud = `#cloud-config\napt:\n  sources:\n    internal:\n      source: "deb https://apt.example.com/?token=${JWT} noble main"\n`;
      expect(brief(scan(vm({ userData: ud }), [JWT]))).toEqual([`token ${UD} | cloud-config apt.sources.internal.source | JWT`]);
    });
  });

  describe('not secrets', () => {
    test.each([
      ['SSH public keys', { ssh_authorized_keys: [SSH_PUB], userData: `#cloud-config\nssh_authorized_keys:\n  - ${SSH_PUB}\n` }],
      ['a PUBLIC KEY block and a PGP public key', { a: '-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----', b: '-----BEGIN PGP PUBLIC KEY BLOCK-----\nmQINBF\n-----END PGP PUBLIC KEY BLOCK-----' }],
      ['crypt hashes in passwd, hashed_passwd and chpasswd', { userData: `#cloud-config\nusers:\n  - {name: a, passwd: '${SHA512}', lock_passwd: false}\n  - name: b\n    hashed_passwd: ${YESCRYPT}\nchpasswd:\n  list:\n    - root:${SHA512}\n` }],
      ['lock_passwd, ssh_pwauth, NOPASSWD sudo, RANDOM and flags', { userData: "#cloud-config\nusers:\n  - {name: a, lock_passwd: true, sudo: 'ALL=(ALL) NOPASSWD:ALL'}\nssh_pwauth: false\nchpasswd: {expire: false, list: [root:RANDOM]}\npassword: ''\n" }],
      ['variables and templates', { s: 'echo "root:$ROOT_PW" | chpasswd\npassword: ${PASSWORD}\npassword: {{ ds.meta_data.pw }}\ncurl -H "Authorization: Bearer $TOKEN"' }],
      ['names in token-like keys and Kubernetes references', { api_key: 'my-api-key-secret', secretRef: { name: 'web-cloud-init' }, automountServiceAccountToken: false, userPassword: { source: { secret: { secretName: 'pw' } } } }],
      ['prose', { note: 'a token: see the docs; Bearer authentication; the password is in Vault' }],
      ['digests and long paths', { image: `quay.io/containerdisks/fedora@sha256:${'ab12'.repeat(16)}`, path: '/var/lib/kubelet/pods/containers/volumes/kubernetes.io~csi/pvc' }],
    ])('%s', (_what, manifest) => {
      expect(scanManifest(manifest)).toEqual([]);
    });

    test('isBenign: hashes of every crypt scheme, flags and variables; a short $6$ is not a hash', () => {
      for (const v of [SHA512, YESCRYPT, `$1$saltsalt$${'a'.repeat(22)}`, `$2b$12$${'a'.repeat(53)}`, `$5$salt$${'a'.repeat(43)}`, 'RANDOM', '$PW', '${PW}', '{{ pw }}', '', 'false']) expect(isBenign(v)).toBe(true);
      for (const v of ['$6$x$y', 'hunter2', '$ecret!', PW]) expect(isBenign(v)).toBe(false);
    });
  });

  describe('opt-in and output', () => {
    const manifest = vm({ userData: `#cloud-config\nusers: [{name: a, plain_text_passwd: ${PW}}]\nwrite_files: [{path: /k, content: "${KEY.replace(/\n/g, '\\n')}"}]\n` });

    test('allowed kinds are left out, and only those', () => {
      expect(scan(manifest, [PW, KEY]).map(f => f.kind)).toEqual([SecretKind.PASSWORD, SecretKind.PRIVATE_KEY]);
      expect(scan(manifest, [PW, KEY], [SecretKind.PASSWORD]).map(f => f.kind)).toEqual([SecretKind.PRIVATE_KEY]);
      expect(scan(manifest, [PW, KEY], [SecretKind.PRIVATE_KEY, SecretKind.TOKEN]).map(f => f.kind)).toEqual([SecretKind.PASSWORD]);
      expect(scan(manifest, [], [SecretKind.PASSWORD, SecretKind.PRIVATE_KEY])).toEqual([]);
    });

    test('a finding names path, kind, what, where and a redacted form, never the value', () => {
      const [f] = scan(manifest, [PW]);
      expect(f).toEqual({ path: UD, kind: SecretKind.PASSWORD, what: "key 'plain_text_passwd'", redacted: `Tr… (${PW.length} chars)`, where: 'cloud-config users[0].plain_text_passwd' });
      expect(describeFinding(f)).toBe(`password (key 'plain_text_passwd') at ${UD} (cloud-config users[0].plain_text_passwd): Tr… (20 chars)`);
      // Short values show only their length.
      expect(redact('abc')).toBe('… (3 chars)');
    });

    test('the same user data on many machines gives the same findings (cached by content)', () => {
      const a = scanManifest(manifest);
      const b = scanManifest(JSON.parse(JSON.stringify(manifest)));
      expect(b).toEqual(a);
    });

    test('hostile input: deep nesting of base64, huge gzip, and non-text bytes end quietly', () => {
      let s = `password: ${PW}`;
      for (let i = 0; i < 12; i++) s = b64(s);
      expect(scanManifest({ s })).toEqual([]); // beyond the depth limit
      const bomb = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024)).toString('base64');
      expect(scanManifest({ kind: 'Secret', data: { x: bomb } })).toEqual([]);
      expect(scanManifest({ s: b64(Buffer.from([0, 1, 2, 3, 255, 254, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17])) })).toEqual([]);
    });
  });
});

describe('secret scan: paths and pre-filters (built only for findings)', () => {
  test('paths of quoted keys, nested lists and Secret-like data', () => {
    const m = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x', annotations: { 'a b': `https://u:${PW}@h/x`, "it's": [['x', `password: ${PW}`]] } },
      data: { k: b64(`password: ${PW}`) },
    };
    expect(brief(scan(m, [PW]))).toEqual([
      "url-credentials $.metadata.annotations['a b'] | value | URL credentials",
      "password $.metadata.annotations['it\\'s'][0][1] | value | key 'password'",
      "password $.data.k | base64-decoded | key 'password'",
    ]);
    expect(brief(scan({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { pw: b64(PW), text: b64('token: AbCdEf1234567890') } }, [])))
      .toEqual(['token $.data.text | base64-decoded | token field']);
  });

  test('a base64 run right after another run\'s padding is decoded', () => {
    const m = { kind: 'X', spec: { a: `${'A'.repeat(40)}==${b64(`#cloud-config\npassword: ${PW}\n`)}` } };
    expect(brief(scan(m, [PW]))).toEqual(["password $.spec.a | base64-decoded, cloud-config password | key 'password'"]);
  });

  test('token fields and URL credentials behind their gates; an e-mail address is not a URL', () => {
    const m = { kind: 'X', spec: { a: 'api-key: AbCdEf123456789', b: 'ops@example.com mailto:x@y', c: `see https://u:${PW}@example.com/` } };
    expect(brief(scan(m, [PW]))).toEqual([
      'token $.spec.a | value | token field',
      'url-credentials $.spec.c | value | URL credentials',
    ]);
  });
});
