import * as zlib from 'zlib';
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { CloudConfig, CloudInit, CloudInitDatasource, NetworkData, WriteFileEncoding } from '../../src/cloud-init';
import { synthValid } from '../support/conformance';

/** A well-formed SSH public key of the given type (the blob repeats the type, as real keys do). */
function sshKey(type = 'ssh-ed25519', comment = 'alice@laptop', fill = 7): string {
  const t = Buffer.from(type);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(t.length);
  const keyLen = Buffer.alloc(4);
  keyLen.writeUInt32BE(32);
  return `${type} ${Buffer.concat([len, t, keyLen, Buffer.alloc(32, fill)]).toString('base64')} ${comment}`;
}

const PRIVATE_KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\n';

/**
 * Binds a CloudInit to a throwaway machine scope, embeds the volume in a minimal VirtualMachine, and
 * synthesizes and validates everything. Returns the volume, the manifests and the Secret (if any).
 */
function bind(ci: CloudInit, machineName = 'web', namespace?: string) {
  const chart = new Chart(Testing.app(), 'test', { namespace });
  const scope = new Construct(chart, machineName);
  const binding = ci._bind(scope, machineName);
  new ApiObject(chart, 'vm', {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: { name: machineName },
    spec: {
      runStrategy: 'Always',
      template: {
        spec: {
          domain: { devices: { disks: [{ name: 'cloudinitdisk', disk: { bus: 'virtio' } }] } },
          volumes: [binding.volume],
        },
      },
    },
  });
  const manifests = synthValid(chart);
  const vm = manifests.find(m => m.kind === 'VirtualMachine');
  const secrets = manifests.filter(m => m.kind === 'Secret');
  return { binding, vm, volume: vm.spec.template.spec.volumes[0], secrets };
}

function decode(secret: any, key: string): string {
  return Buffer.from(secret.data[key], 'base64').toString('utf-8');
}

describe('CloudInit', () => {
  describe('fromConfig', () => {
    const fullConfig: CloudConfig = {
      hostname: 'web-1',
      fqdn: 'web-1.example.com',
      users: [
        { name: 'ops', groups: ['wheel', 'adm'], sudo: 'ALL=(ALL) NOPASSWD:ALL', shell: '/bin/bash', sshAuthorizedKeys: [sshKey()], lockPasswd: true },
        { name: 'alice' },
      ],
      sshAuthorizedKeys: [sshKey('ssh-ed25519', 'bob', 9)],
      sshPwauth: false,
      packages: ['nginx', 'qemu-guest-agent'],
      packageUpdate: true,
      packageUpgrade: false,
      runcmd: ['systemctl enable --now nginx', 'echo "a: b" > /tmp/x'],
      bootcmd: ['echo boot'],
      writeFiles: [
        { path: '/etc/motd', content: 'hello\nworld\n', permissions: '0644', owner: 'root:root' },
        { path: '/opt/x.bin', content: Buffer.from('hi').toString('base64'), encoding: WriteFileEncoding.BASE64, appendToExisting: true, deferred: true },
      ],
      timezone: 'Europe/Oslo',
      extra: { ntp: { servers: ['b', 'a'], enabled: true }, final_message: 'done' },
    };

    test('renders #cloud-config with snake_case keys, sorted map keys and list items in declared order', () => {
      expect(CloudInit.fromConfig(fullConfig).renderUserData()).toEqual([
        '#cloud-config',
        'bootcmd:',
        '  - echo boot',
        'final_message: done',
        'fqdn: web-1.example.com',
        'hostname: web-1',
        'ntp:',
        '  enabled: true',
        '  servers:',
        '    - b',
        '    - a',
        'package_update: true',
        'package_upgrade: false',
        'packages:',
        '  - nginx',
        '  - qemu-guest-agent',
        'runcmd:',
        '  - systemctl enable --now nginx',
        '  - \'echo "a: b" > /tmp/x\'',
        'ssh_authorized_keys:',
        `  - ${sshKey('ssh-ed25519', 'bob', 9)}`,
        'ssh_pwauth: false',
        'timezone: Europe/Oslo',
        'users:',
        '  - groups:',
        '      - wheel',
        '      - adm',
        '    lock_passwd: true',
        '    name: ops',
        '    shell: /bin/bash',
        '    ssh_authorized_keys:',
        `      - ${sshKey()}`,
        '    sudo: ALL=(ALL) NOPASSWD:ALL',
        '  - name: alice',
        'write_files:',
        '  - content: |',
        '      hello',
        '      world',
        '    owner: root:root',
        '    path: /etc/motd',
        '    permissions: "0644"',
        '  - append: true',
        '    content: aGk=',
        '    defer: true',
        '    encoding: b64',
        '    path: /opt/x.bin',
        '',
      ].join('\n'));
    });

    test('is inlined in a NoCloud volume when small', () => {
      const ci = CloudInit.fromConfig({ hostname: 'web-1' });
      const { volume, secrets, binding } = bind(ci);
      expect(volume).toEqual({ name: 'cloudinitdisk', cloudInitNoCloud: { userData: '#cloud-config\nhostname: web-1\n' } });
      expect(secrets).toEqual([]);
      expect(binding.secret).toBeUndefined();
      expect(ci.datasource).toEqual(CloudInitDatasource.NO_CLOUD);
    });

    test('renders a ConfigDrive volume when asked', () => {
      const ci = CloudInit.fromConfig({ hostname: 'web-1' }, { datasource: CloudInitDatasource.CONFIG_DRIVE });
      expect(bind(ci).volume).toEqual({ name: 'cloudinitdisk', cloudInitConfigDrive: { userData: '#cloud-config\nhostname: web-1\n' } });
      expect(ci.datasource).toEqual(CloudInitDatasource.CONFIG_DRIVE);
    });

    test('renders an empty config as an empty map', () => {
      expect(CloudInit.fromConfig({}).renderUserData()).toEqual('#cloud-config\n{}\n');
    });

    test('is deterministic: the same config twice gives the same bytes', () => {
      expect(CloudInit.fromConfig(fullConfig).renderUserData()).toEqual(CloudInit.fromConfig({ ...fullConfig }).renderUserData());
    });

    test('the order of map keys in the input does not change the output', () => {
      const a = CloudInit.fromConfig({ timezone: 'UTC', hostname: 'a', extra: { ntp: { servers: ['x'], enabled: true }, apt: { a: 1, b: 2 } } });
      const b = CloudInit.fromConfig({ hostname: 'a', extra: { apt: { b: 2, a: 1 }, ntp: { enabled: true, servers: ['x'] } }, timezone: 'UTC' });
      expect(a.renderUserData()).toEqual(b.renderUserData());
      expect(a.renderUserData()).toEqual('#cloud-config\napt:\n  a: 1\n  b: 2\nhostname: a\nntp:\n  enabled: true\n  servers:\n    - x\ntimezone: UTC\n');
    });

    test('quotes strings that YAML 1.1 (cloud-init\'s PyYAML) would read as other types', () => {
      const text = CloudInit.fromConfig({ packages: ['yes', 'on', '1.0', '12:30'] }).renderUserData();
      expect(text).toEqual('#cloud-config\npackages:\n  - "yes"\n  - "on"\n  - "1.0"\n  - "12:30"\n');
    });

    test('keepDefaultUser renders default first', () => {
      const text = CloudInit.fromConfig({ keepDefaultUser: true, users: [{ name: 'ops' }] }).renderUserData();
      expect(text).toEqual('#cloud-config\nusers:\n  - default\n  - name: ops\n');
    });

    test('extra can give a key whose typed property is unset, in a shape the types do not cover', () => {
      const text = CloudInit.fromConfig({ extra: { runcmd: [['ls', '-l', '/']] } }).renderUserData();
      expect(text).toEqual('#cloud-config\nruncmd:\n  - - ls\n    - -l\n    - /\n');
    });

    test('passwords are written when allowPasswords is set', () => {
      const text = CloudInit.fromConfig({
        users: [{ name: 'ops', plainTextPassword: 'changeme', lockPasswd: false }, { name: 'dev', hashedPassword: '$6$salt$hash' }],
        extra: { chpasswd: { expire: false } },
      }, { allowPasswords: true }).renderUserData();
      expect(text).toEqual('#cloud-config\nchpasswd:\n  expire: false\nusers:\n  - lock_passwd: false\n    name: ops\n    plain_text_passwd: changeme\n  - hashed_passwd: $6$salt$hash\n    name: dev\n');
    });

    test('private keys are written when allowSecrets is set', () => {
      const text = CloudInit.fromConfig({ writeFiles: [{ path: '/root/.ssh/id_ed25519', content: PRIVATE_KEY, permissions: '0600' }] }, { allowSecrets: true }).renderUserData();
      expect(text).toContain('-----BEGIN OPENSSH PRIVATE KEY-----');
    });

    test('accepts every SSH public key type', () => {
      const keys = ['ssh-rsa', 'ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'sk-ssh-ed25519@openssh.com', 'sk-ecdsa-sha2-nistp256@openssh.com']
        .map(t => sshKey(t, 'c'));
      const text = CloudInit.fromConfig({ sshAuthorizedKeys: keys }).renderUserData();
      expect(text).toEqual(`#cloud-config\nssh_authorized_keys:\n${keys.map(k => `  - ${k}\n`).join('')}`);
    });

    test('accepts a key without a comment', () => {
      const key = sshKey().split(' ').slice(0, 2).join(' ');
      expect(CloudInit.fromConfig({ sshAuthorizedKeys: [key] }).renderUserData()).toEqual(`#cloud-config\nssh_authorized_keys:\n  - ${key}\n`);
    });

    // ---- failures ----

    test('fails when a user has a plainTextPassword without allowPasswords', () => {
      expect(() => CloudInit.fromConfig({ users: [{ name: 'ops', plainTextPassword: 'hunter2' }] })).toThrow(
        "CloudInit 'fromConfig': users[0].plainTextPassword is refused: the password would be readable in the synthesized YAML: got <redacted>; no passwords in user data: use AccessCredential.userPasswordFromSecret() or CloudInit.fromSecret(), or set allowPasswords: true");
    });

    test('fails when a user has a hashedPassword without allowPasswords', () => {
      expect(() => CloudInit.fromConfig({ users: [{ name: 'ops' }, { name: 'dev', hashedPassword: '$6$x$y' }] })).toThrow(
        "CloudInit 'fromConfig': users[1].hashedPassword is refused: the password would be readable in the synthesized YAML: got <redacted>; no passwords in user data: use AccessCredential.userPasswordFromSecret() or CloudInit.fromSecret(), or set allowPasswords: true");
    });

    test('fails when extra sets chpasswd without allowPasswords', () => {
      expect(() => CloudInit.fromConfig({ extra: { chpasswd: { users: [{ name: 'ops', password: 'x' }] } } })).toThrow(
        "CloudInit 'fromConfig': extra.chpasswd sets a password: got <redacted>; no passwords in user data: use AccessCredential.userPasswordFromSecret() or CloudInit.fromSecret(), or set allowPasswords: true");
    });

    test('fails when extra sets a password key deep inside, without allowPasswords', () => {
      expect(() => CloudInit.fromConfig({ extra: { users: [{ name: 'ops', passwd: '$6$x' }] } })).toThrow(
        "CloudInit 'fromConfig': extra.users[0].passwd sets a password: got <redacted>; no passwords in user data: use AccessCredential.userPasswordFromSecret() or CloudInit.fromSecret(), or set allowPasswords: true");
      expect(() => CloudInit.fromConfig({ extra: { a: { b: [[{ Plain_Text_Passwd: 'x' }]] } } })).toThrow(
        "CloudInit 'fromConfig': extra.a.b[0][0].Plain_Text_Passwd sets a password: got <redacted>");
    });

    test('fails when a written file holds a private key, without allowSecrets', () => {
      expect(() => CloudInit.fromConfig({ writeFiles: [{ path: '/etc/motd', content: 'hi' }, { path: '/root/.ssh/id', content: PRIVATE_KEY }] })).toThrow(
        "CloudInit 'fromConfig': writeFiles[1].content contains a private key: got <redacted>; no private keys in cloud-init data: use CloudInit.fromSecret() with a Secret managed outside Git, or set allowSecrets: true");
    });

    test('fails when a base64 or gzip+base64 file holds a private key, without allowSecrets', () => {
      const b64 = Buffer.from('-----BEGIN RSA PRIVATE KEY-----\nMIIE\n').toString('base64');
      expect(() => CloudInit.fromConfig({ writeFiles: [{ path: '/k', content: b64, encoding: WriteFileEncoding.BASE64 }] })).toThrow(
        "CloudInit 'fromConfig': writeFiles[0].content contains a private key: got <redacted>");
      const gz = zlib.gzipSync(Buffer.from('-----BEGIN EC PRIVATE KEY-----\nMHc\n')).toString('base64');
      expect(() => CloudInit.fromConfig({ writeFiles: [{ path: '/k', content: gz, encoding: WriteFileEncoding.GZIP_BASE64 }] })).toThrow(
        "CloudInit 'fromConfig': writeFiles[0].content contains a private key: got <redacted>");
    });

    test('fails when extra or a command holds a private key, without allowSecrets', () => {
      expect(() => CloudInit.fromConfig({ extra: { ca_certs: { trusted: ['-----BEGIN PRIVATE KEY-----\nMII\n'] } } })).toThrow(
        "CloudInit 'fromConfig': extra.ca_certs.trusted[0] contains a private key: got <redacted>; no private keys in cloud-init data: use CloudInit.fromSecret() with a Secret managed outside Git, or set allowSecrets: true");
      expect(() => CloudInit.fromConfig({ runcmd: [`echo '${PRIVATE_KEY}' > /root/k`] })).toThrow(
        "CloudInit 'fromConfig': runcmd[0] contains a private key: got <redacted>");
    });

    test('fails when an SSH key is not a public key', () => {
      expect(() => CloudInit.fromConfig({ users: [{ name: 'ops', sshAuthorizedKeys: ['ssh-rsa AAAAB3...'] }] })).toThrow(
        "CloudInit 'fromConfig': users[0].sshAuthorizedKeys[0] must be an SSH public key: got \"ssh-rsa AAAAB3...\"; '<type> <base64> [comment]' with type ssh-rsa, ssh-ed25519, ecdsa-sha2-nistp256/384/521 or sk-*, and base64 that encodes a key of that type");
    });

    test('fails when an SSH key\'s type does not match its base64', () => {
      const mismatched = sshKey().replace('ssh-ed25519', 'ssh-rsa');
      expect(() => CloudInit.fromConfig({ sshAuthorizedKeys: [mismatched] })).toThrow(
        "CloudInit 'fromConfig': sshAuthorizedKeys[0] must be an SSH public key: got ");
    });

    test('fails when an SSH key is a private key, without echoing it', () => {
      expect(() => CloudInit.fromConfig({ sshAuthorizedKeys: [PRIVATE_KEY] })).toThrow(
        "CloudInit 'fromConfig': sshAuthorizedKeys[0] is a private key: got <redacted>; an SSH public key (the content of the .pub file)");
    });

    test('fails when extra sets a key that a typed property sets', () => {
      expect(() => CloudInit.fromConfig({ packages: ['nginx'], extra: { packages: ['vim'] } })).toThrow(
        "CloudInit 'fromConfig': extra.packages clashes with the typed property packages: got [\"vim\"]; set packages either through packages or through extra, not both");
      expect(() => CloudInit.fromConfig({ writeFiles: [], extra: { write_files: [] } })).toThrow(
        "CloudInit 'fromConfig': extra.write_files clashes with the typed property writeFiles: got []; set write_files either through writeFiles or through extra, not both");
    });

    test('fails when hostname is not a host name label', () => {
      expect(() => CloudInit.fromConfig({ hostname: 'web_1' })).toThrow(
        "CloudInit 'fromConfig': hostname must be an RFC 1123 host name label: got \"web_1\"; letters, digits and '-', starting and ending with a letter or digit, at most 63 characters");
    });

    test('fails when fqdn is not a domain name', () => {
      expect(() => CloudInit.fromConfig({ fqdn: 'web..example.com' })).toThrow(
        "CloudInit 'fromConfig': fqdn must be a fully qualified domain name: got \"web..example.com\"; RFC 1123 labels joined by '.', at most 253 characters");
    });

    test('fails when a user or group name is not a Linux name', () => {
      expect(() => CloudInit.fromConfig({ users: [{ name: 'Ops' }] })).toThrow(
        "CloudInit 'fromConfig': users[0].name must be a Linux user or group name: got \"Ops\"; lowercase letters, digits, '_', '-' and '.', starting with a letter or '_', at most 32 characters");
      expect(() => CloudInit.fromConfig({ users: [{ name: 'ops', groups: ['wheel', 'my group'] }] })).toThrow(
        "CloudInit 'fromConfig': users[0].groups[1] must be a Linux user or group name: got \"my group\"");
    });

    test('fails when a user is named default', () => {
      expect(() => CloudInit.fromConfig({ users: [{ name: 'default' }] })).toThrow(
        "CloudInit 'fromConfig': users[0].name is the name cloud-init keeps for the image's default user: got \"default\"; set keepDefaultUser: true to keep the default user");
    });

    test('fails when a user is listed twice', () => {
      expect(() => CloudInit.fromConfig({ users: [{ name: 'ops' }, { name: 'ops' }] })).toThrow(
        "CloudInit 'fromConfig': users[1].name is used twice: got \"ops\"; a unique name per user");
    });

    test('fails when a shell is not an absolute path', () => {
      expect(() => CloudInit.fromConfig({ users: [{ name: 'ops', shell: 'bash' }] })).toThrow(
        "CloudInit 'fromConfig': users[0].shell must be an absolute path: got \"bash\"; for example '/bin/bash'");
    });

    test('fails when a sudo rule is empty', () => {
      expect(() => CloudInit.fromConfig({ users: [{ name: 'ops', sudo: ' ' }] })).toThrow(
        "CloudInit 'fromConfig': users[0].sudo must not be empty: got \" \"; a sudoers rule, e.g. 'ALL=(ALL) NOPASSWD:ALL'");
    });

    test('fails when a file path is not absolute', () => {
      expect(() => CloudInit.fromConfig({ writeFiles: [{ path: 'etc/motd', content: 'x' }] })).toThrow(
        "CloudInit 'fromConfig': writeFiles[0].path must be an absolute path: got \"etc/motd\"; for example '/etc/motd'");
    });

    test('fails when file permissions are not an octal mode', () => {
      expect(() => CloudInit.fromConfig({ writeFiles: [{ path: '/x', content: 'x', permissions: '644x' }] })).toThrow(
        "CloudInit 'fromConfig': writeFiles[0].permissions must be an octal file mode: got \"644x\"; three or four octal digits as a string, for example '0644'");
      expect(() => CloudInit.fromConfig({ writeFiles: [{ path: '/x', content: 'x', permissions: '0888' }] })).toThrow(
        "CloudInit 'fromConfig': writeFiles[0].permissions must be an octal file mode: got \"0888\"");
    });

    test('fails when a file owner is malformed', () => {
      expect(() => CloudInit.fromConfig({ writeFiles: [{ path: '/x', content: 'x', owner: 'root:root:root' }] })).toThrow(
        "CloudInit 'fromConfig': writeFiles[0].owner must be 'user' or 'user:group': got \"root:root:root\"; for example 'root:root'");
    });

    test('fails when base64 file content is not base64', () => {
      expect(() => CloudInit.fromConfig({ writeFiles: [{ path: '/x', content: 'not base64!', encoding: WriteFileEncoding.BASE64 }] })).toThrow(
        "CloudInit 'fromConfig': writeFiles[0].content must be base64: got \"not base64!\"; base64 text, because encoding is b64");
    });

    test('fails when the time zone is malformed', () => {
      expect(() => CloudInit.fromConfig({ timezone: 'Europe Oslo' })).toThrow(
        "CloudInit 'fromConfig': timezone must be an IANA time zone name: got \"Europe Oslo\"; for example 'UTC' or 'Europe/Oslo'");
    });

    test('fails when a command or package is empty', () => {
      expect(() => CloudInit.fromConfig({ runcmd: ['ls', ''] })).toThrow(
        "CloudInit 'fromConfig': runcmd[1] must not be empty: got \"\"; a shell command");
      expect(() => CloudInit.fromConfig({ bootcmd: [''] })).toThrow(
        "CloudInit 'fromConfig': bootcmd[0] must not be empty: got \"\"; a shell command");
      expect(() => CloudInit.fromConfig({ packages: [''] })).toThrow(
        "CloudInit 'fromConfig': packages[0] must not be empty: got \"\"; a package name");
    });

    test('fails when netplan network data is given with the ConfigDrive datasource', () => {
      const networkData = NetworkData.fromEthernets([{ name: 'eth0', dhcp4: true }]);
      expect(() => CloudInit.fromConfig({}, { networkData, datasource: CloudInitDatasource.CONFIG_DRIVE })).toThrow(
        "CloudInit 'fromConfig': networkData is netplan, which the ConfigDrive datasource does not read: got \"NetworkData.fromEthernets(...)\"; use CloudInitDatasource.NO_CLOUD, or give OpenStack network_data.json with NetworkData.fromText()");
    });

    test('fails when user data and network data are over the 1 MiB Secret limit', () => {
      expect(() => CloudInit.fromConfig({ runcmd: ['x'.repeat(1024 * 1024)] })).toThrow(
        "CloudInit 'fromConfig': userData and networkData together are too large: got 1048603; at most 1048576 bytes (UTF-8), the limit of a Kubernetes Secret");
    });
  });

  describe('fromUserData', () => {
    test('passes the text through unchanged', () => {
      const script = '#!/bin/sh\necho hello > /tmp/hello\n';
      const ci = CloudInit.fromUserData(script);
      expect(ci.renderUserData()).toEqual(script);
      expect(ci.renderNetworkData()).toBeUndefined();
      expect(bind(ci).volume).toEqual({ name: 'cloudinitdisk', cloudInitNoCloud: { userData: script } });
    });

    test('keeps 2048 bytes inline and moves 2049 bytes to the Secret', () => {
      const head = '#!/bin/sh\n';
      const exact = head + 'x'.repeat(2048 - head.length);
      expect(Buffer.byteLength(exact)).toEqual(2048);
      expect(bind(CloudInit.fromUserData(exact))).toMatchObject({ volume: { cloudInitNoCloud: { userData: exact } }, secrets: [] });

      const over = `${exact}x`;
      const { volume, secrets } = bind(CloudInit.fromUserData(over));
      expect(volume).toEqual({ name: 'cloudinitdisk', cloudInitNoCloud: { secretRef: { name: 'web-cloud-init' } } });
      expect(secrets).toEqual([{
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'web-cloud-init' },
        type: 'Opaque',
        data: { userdata: Buffer.from(over).toString('base64') },
      }]);
      expect(decode(secrets[0], 'userdata')).toEqual(over);
    });

    test('counts UTF-8 bytes, not characters', () => {
      const exact = 'é'.repeat(1024); // 1024 characters, 2048 bytes
      expect(bind(CloudInit.fromUserData(exact)).volume).toEqual({ name: 'cloudinitdisk', cloudInitNoCloud: { userData: exact } });
      const over = `${exact}a`; // 1025 characters, 2049 bytes
      const { volume, secrets } = bind(CloudInit.fromUserData(over));
      expect(volume).toEqual({ name: 'cloudinitdisk', cloudInitNoCloud: { secretRef: { name: 'web-cloud-init' } } });
      expect(decode(secrets[0], 'userdata')).toEqual(over);
    });

    test('the generated Secret is deterministic and lands in the chart namespace', () => {
      const text = `#!/bin/sh\n${'echo ünïcödé\n'.repeat(200)}`;
      const a = bind(CloudInit.fromUserData(text), 'db', 'vms').secrets;
      const b = bind(CloudInit.fromUserData(text), 'db', 'vms').secrets;
      expect(a).toEqual(b);
      expect(a[0].metadata).toEqual({ name: 'db-cloud-init', namespace: 'vms' });
    });

    test('one CloudInit can be bound to many machines, each with its own Secret', () => {
      const ci = CloudInit.fromUserData(`#!/bin/sh\n${'x'.repeat(3000)}`);
      const chart = new Chart(new App(), 'test');
      const a = ci._bind(new Construct(chart, 'a'), 'vm-a');
      const b = ci._bind(new Construct(chart, 'b'), 'vm-b');
      expect(a.volume).toEqual({ name: 'cloudinitdisk', cloudInitNoCloud: { secretRef: { name: 'vm-a-cloud-init' } } });
      expect(b.volume).toEqual({ name: 'cloudinitdisk', cloudInitNoCloud: { secretRef: { name: 'vm-b-cloud-init' } } });
      expect(a.secret!.node.path).toEqual('test/a/CloudInitSecret');
      expect(synthValid(chart).map(m => m.metadata.name)).toEqual(['vm-a-cloud-init', 'vm-b-cloud-init']);
    });

    test('passwords are allowed in a #cloud-config with allowPasswords', () => {
      const text = '#cloud-config\nchpasswd:\n  expire: false\n';
      expect(CloudInit.fromUserData(text, { allowPasswords: true }).renderUserData()).toEqual(text);
    });

    test('a script may mention password words: only #cloud-config is checked for password keys', () => {
      const script = '#!/bin/sh\npasswd: not yaml here\n';
      expect(CloudInit.fromUserData(script).renderUserData()).toEqual(script);
    });

    test('fails when the user data is empty', () => {
      expect(() => CloudInit.fromUserData(' \n')).toThrow(
        "CloudInit 'fromUserData': userData must not be empty: got \" \\n\"; a #cloud-config document, a script or another format cloud-init reads");
    });

    test('fails when the user data holds a private key, without allowSecrets', () => {
      expect(() => CloudInit.fromUserData(`#!/bin/sh\ncat > /root/k <<EOF\n${PRIVATE_KEY}EOF\n`)).toThrow(
        "CloudInit 'fromUserData': userData contains a private key: got <redacted>; no private keys in cloud-init data: use CloudInit.fromSecret() with a Secret managed outside Git, or set allowSecrets: true");
      expect(CloudInit.fromUserData(PRIVATE_KEY, { allowSecrets: true }).renderUserData()).toEqual(PRIVATE_KEY);
    });

    test('fails when a #cloud-config sets a password, without allowPasswords', () => {
      expect(() => CloudInit.fromUserData('#cloud-config\nusers:\n  - name: ops\n    passwd: $6$abc\n')).toThrow(
        "CloudInit 'fromUserData': userData line 4 sets a password (key 'passwd'): got <redacted>; no passwords in user data: use AccessCredential.userPasswordFromSecret() or CloudInit.fromSecret(), or set allowPasswords: true");
      expect(() => CloudInit.fromUserData('#cloud-config\nchpasswd:\n  list: |\n    root:x\n')).toThrow(
        "CloudInit 'fromUserData': userData line 2 sets a password (key 'chpasswd'): got <redacted>");
    });
  });

  describe('fromSecret', () => {
    test('renders secretRef only', () => {
      const ci = CloudInit.fromSecret('web-userdata');
      expect(ci.renderUserData()).toBeUndefined();
      const { volume, secrets } = bind(ci);
      expect(volume).toEqual({ name: 'cloudinitdisk', cloudInitNoCloud: { secretRef: { name: 'web-userdata' } } });
      expect(secrets).toEqual([]);
    });

    test('renders networkDataSecretRef too, with ConfigDrive', () => {
      const ci = CloudInit.fromSecret('web-userdata', { networkDataSecretName: 'web-net', datasource: CloudInitDatasource.CONFIG_DRIVE });
      expect(bind(ci).volume).toEqual({
        name: 'cloudinitdisk',
        cloudInitConfigDrive: { secretRef: { name: 'web-userdata' }, networkDataSecretRef: { name: 'web-net' } },
      });
    });

    test('can take inline network data', () => {
      const ci = CloudInit.fromSecret('web-userdata', { networkData: NetworkData.fromEthernets([{ name: 'eth0', dhcp4: true }]) });
      expect(bind(ci).volume).toEqual({
        name: 'cloudinitdisk',
        cloudInitNoCloud: { secretRef: { name: 'web-userdata' }, networkData: 'version: 2\nethernets:\n  eth0:\n    dhcp4: true\n' },
      });
    });

    test('fails when the secret name is not a DNS-1123 subdomain', () => {
      expect(() => CloudInit.fromSecret('Web_UserData')).toThrow(
        "CloudInit 'fromSecret': secretName must be a Secret name: got \"Web_UserData\"; a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', at most 253 characters");
      expect(() => CloudInit.fromSecret('ok', { networkDataSecretName: '-net' })).toThrow(
        "CloudInit 'fromSecret': networkDataSecretName must be a Secret name: got \"-net\"");
    });

    test('fails when network data is given both ways', () => {
      expect(() => CloudInit.fromSecret('ud', { networkDataSecretName: 'nd', networkData: NetworkData.fromText('version: 2\n') })).toThrow(
        "CloudInit 'fromSecret': networkData cannot be combined with networkDataSecretName: got \"nd\"; give network data either from a Secret or as NetworkData, not both");
    });
  });

  describe('network data binding', () => {
    const small = NetworkData.fromEthernets([{ name: 'eth0', dhcp4: true }]);
    const big = NetworkData.fromEthernets(Array.from({ length: 40 }, (_, i) => ({
      name: `net${i}`, macAddress: `02:00:00:00:00:${i.toString(16).padStart(2, '0')}`, addresses: [`10.0.${i}.10/24`],
    })));

    test('inlines small network data next to small user data', () => {
      const { volume } = bind(CloudInit.fromConfig({ hostname: 'a' }, { networkData: small }));
      expect(volume).toEqual({
        name: 'cloudinitdisk',
        cloudInitNoCloud: { userData: '#cloud-config\nhostname: a\n', networkData: 'version: 2\nethernets:\n  eth0:\n    dhcp4: true\n' },
      });
    });

    test('moves only the large part to the Secret', () => {
      expect(Buffer.byteLength(big.render())).toBeGreaterThan(2048);
      const { volume, secrets } = bind(CloudInit.fromConfig({ hostname: 'a' }, { networkData: big }));
      expect(volume).toEqual({
        name: 'cloudinitdisk',
        cloudInitNoCloud: { userData: '#cloud-config\nhostname: a\n', networkDataSecretRef: { name: 'web-cloud-init' } },
      });
      expect(Object.keys(secrets[0].data)).toEqual(['networkdata']);
      expect(decode(secrets[0], 'networkdata')).toEqual(big.render());
    });

    test('puts both parts in one Secret when both are large', () => {
      const userData = `#!/bin/sh\n${'x'.repeat(2100)}`;
      const { volume, secrets } = bind(CloudInit.fromUserData(userData, { networkData: big }));
      expect(volume).toEqual({
        name: 'cloudinitdisk',
        cloudInitNoCloud: { secretRef: { name: 'web-cloud-init' }, networkDataSecretRef: { name: 'web-cloud-init' } },
      });
      expect(secrets).toHaveLength(1);
      expect(decode(secrets[0], 'userdata')).toEqual(userData);
      expect(decode(secrets[0], 'networkdata')).toEqual(big.render());
    });

    test('fromNetworkData gives network data alone', () => {
      const ci = CloudInit.fromNetworkData(small);
      expect(ci.renderUserData()).toBeUndefined();
      expect(ci.renderNetworkData()).toEqual('version: 2\nethernets:\n  eth0:\n    dhcp4: true\n');
      expect(bind(ci).volume).toEqual({ name: 'cloudinitdisk', cloudInitNoCloud: { networkData: 'version: 2\nethernets:\n  eth0:\n    dhcp4: true\n' } });
    });

    test('ConfigDrive takes network data given as text', () => {
      const json = '{"links":[],"networks":[],"services":[]}';
      const ci = CloudInit.fromNetworkData(NetworkData.fromText(json), { datasource: CloudInitDatasource.CONFIG_DRIVE });
      expect(bind(ci).volume).toEqual({ name: 'cloudinitdisk', cloudInitConfigDrive: { networkData: json } });
    });

    test('fails when netplan is given to fromNetworkData with ConfigDrive', () => {
      expect(() => CloudInit.fromNetworkData(small, { datasource: CloudInitDatasource.CONFIG_DRIVE })).toThrow(
        "CloudInit 'fromNetworkData': networkData is netplan, which the ConfigDrive datasource does not read: got \"NetworkData.fromEthernets(...)\"; use CloudInitDatasource.NO_CLOUD, or give OpenStack network_data.json with NetworkData.fromText()");
    });
  });
});

describe('NetworkData', () => {
  test('renders netplan v2 for a static interface matched by MAC', () => {
    const nd = NetworkData.fromEthernets([{
      name: 'eth1',
      macAddress: '02:00:00:0a:00:01',
      setName: 'data0',
      addresses: ['10.0.1.10/24', '2001:db8::10/64'],
      gateway4: '10.0.1.1',
      gateway6: '2001:db8::1',
      routes: [{ to: '192.168.0.0/16', via: '10.0.1.254', metric: 100 }, { to: 'default', via: '10.0.1.1' }],
      nameservers: { addresses: ['10.0.1.53', '2001:db8::53'], search: ['example.com'] },
    }]);
    expect(nd.render()).toEqual([
      'version: 2',
      'ethernets:',
      '  eth1:',
      '    addresses:',
      '      - 10.0.1.10/24',
      '      - 2001:db8::10/64',
      '    gateway4: 10.0.1.1',
      '    gateway6: 2001:db8::1',
      '    match:',
      '      macaddress: 02:00:00:0a:00:01',
      '    nameservers:',
      '      addresses:',
      '        - 10.0.1.53',
      '        - 2001:db8::53',
      '      search:',
      '        - example.com',
      '    routes:',
      '      - metric: 100',
      '        to: 192.168.0.0/16',
      '        via: 10.0.1.254',
      '      - to: default',
      '        via: 10.0.1.1',
      '    set-name: data0',
      '',
    ].join('\n'));
  });

  test('renders DHCP by interface name, and by name glob', () => {
    expect(NetworkData.fromEthernets([{ name: 'enp1s0', dhcp4: true, dhcp6: true }]).render())
      .toEqual('version: 2\nethernets:\n  enp1s0:\n    dhcp4: true\n    dhcp6: true\n');
    expect(NetworkData.fromEthernets([{ name: 'lan', matchName: 'enp*', setName: 'lan0', dhcp4: true }]).render())
      .toEqual('version: 2\nethernets:\n  lan:\n    dhcp4: true\n    match:\n      name: enp*\n    set-name: lan0\n');
  });

  test('quotes a MAC address or id that YAML 1.1 would read as a number or boolean', () => {
    expect(NetworkData.fromEthernets([{ name: 'lan', macAddress: '12:34:56:00:00:01' }]).render())
      .toEqual('version: 2\nethernets:\n  lan:\n    match:\n      macaddress: "12:34:56:00:00:01"\n');
    // 'n' is a boolean in YAML 1.1: the id is quoted as well.
    expect(NetworkData.fromEthernets([{ name: 'n', dhcp4: true }]).render())
      .toEqual('version: 2\nethernets:\n  "n":\n    dhcp4: true\n');
  });

  test('is deterministic: interfaces sorted by name, whatever the input order', () => {
    const a = NetworkData.fromEthernets([{ name: 'eth1', dhcp4: true }, { name: 'eth0', addresses: ['10.0.0.2/24'] }]);
    const b = NetworkData.fromEthernets([{ addresses: ['10.0.0.2/24'], name: 'eth0' }, { dhcp4: true, name: 'eth1' }]);
    expect(a.render()).toEqual(b.render());
    expect(a.render()).toEqual('version: 2\nethernets:\n  eth0:\n    addresses:\n      - 10.0.0.2/24\n  eth1:\n    dhcp4: true\n');
  });

  test('fromText passes text through', () => {
    expect(NetworkData.fromText('version: 1\nconfig: []\n').render()).toEqual('version: 1\nconfig: []\n');
  });

  test('fails when there are no interfaces', () => {
    expect(() => NetworkData.fromEthernets([])).toThrow(
      "NetworkData 'fromEthernets': ethernets must not be empty: got []; at least one interface");
  });

  test('fails when fromText is empty', () => {
    expect(() => NetworkData.fromText('')).toThrow(
      "NetworkData 'fromText': text must not be empty: got \"\"; netplan YAML or OpenStack network_data.json");
  });

  test('fails when an address is not in CIDR form', () => {
    expect(() => NetworkData.fromEthernets([{ name: 'eth0', addresses: ['10.0.0.5'] }])).toThrow(
      "NetworkData 'fromEthernets': ethernets[0].addresses[0] must be an IP address in CIDR form: got \"10.0.0.5\"; an address with a prefix length, for example 10.0.1.10/24 or 2001:db8::10/64");
    expect(() => NetworkData.fromEthernets([{ name: 'eth0', addresses: ['10.0.0.5/33'] }])).toThrow(
      "NetworkData 'fromEthernets': ethernets[0].addresses[0] must be an IP address in CIDR form: got \"10.0.0.5/33\"");
    expect(() => NetworkData.fromEthernets([{ name: 'eth0', addresses: ['10.0.0.256/24'] }])).toThrow(
      "NetworkData 'fromEthernets': ethernets[0].addresses[0] must be an IP address in CIDR form: got \"10.0.0.256/24\"");
    expect(() => NetworkData.fromEthernets([{ name: 'eth0', addresses: ['2001:db8::1/129'] }])).toThrow(
      "NetworkData 'fromEthernets': ethernets[0].addresses[0] must be an IP address in CIDR form: got \"2001:db8::1/129\"");
  });

  test('fails when a gateway is not of its family', () => {
    expect(() => NetworkData.fromEthernets([{ name: 'eth0', gateway4: '2001:db8::1' }])).toThrow(
      "NetworkData 'fromEthernets': ethernets[0].gateway4 must be an IPv4 address: got \"2001:db8::1\"; for example 10.0.1.1");
    expect(() => NetworkData.fromEthernets([{ name: 'eth0', gateway6: '10.0.0.1' }])).toThrow(
      "NetworkData 'fromEthernets': ethernets[0].gateway6 must be an IPv6 address: got \"10.0.0.1\"; for example 2001:db8::1");
  });

  test('fails when a MAC address is malformed', () => {
    expect(() => NetworkData.fromEthernets([{ name: 'eth0', macAddress: '02-00-00-00-00-01' }])).toThrow(
      "NetworkData 'fromEthernets': ethernets[0].macAddress must be a MAC address: got \"02-00-00-00-00-01\"; six hex pairs separated by colons, for example 02:00:00:0a:00:01");
  });

  test('fails when a name glob is malformed', () => {
    expect(() => NetworkData.fromEthernets([{ name: 'lan', matchName: 'en p*' }])).toThrow(
      "NetworkData 'fromEthernets': ethernets[0].matchName must be an interface name or glob: got \"en p*\"; for example 'enp*'");
  });

  test('fails when setName is given without a match', () => {
    expect(() => NetworkData.fromEthernets([{ name: 'eth0', setName: 'lan0' }])).toThrow(
      "NetworkData 'fromEthernets': ethernets[0].setName needs a match: got \"lan0\"; give macAddress, matchName or machineInterface with setName");
  });

  test('fails when an interface name is too long or malformed', () => {
    expect(() => NetworkData.fromEthernets([{ name: 'averyveryverylongname' }])).toThrow(
      "NetworkData 'fromEthernets': ethernets[0].name must be an interface name: got \"averyveryverylongname\"; letters, digits, '_', '-' and '.', at most 15 characters");
    expect(() => NetworkData.fromEthernets([{ name: 'a b', macAddress: '02:00:00:00:00:01' }])).toThrow(
      "NetworkData 'fromEthernets': ethernets[0].name must be a netplan id: got \"a b\"; letters, digits, '_', '-' and '.'");
    expect(NetworkData.fromEthernets([{ name: 'averyveryverylongname', macAddress: '02:00:00:00:00:01' }]).render()).toContain('averyveryverylongname:');
  });

  test('fails when an interface is listed twice', () => {
    expect(() => NetworkData.fromEthernets([{ name: 'eth0' }, { name: 'eth0' }])).toThrow(
      "NetworkData 'fromEthernets': ethernets[1].name is used twice: got \"eth0\"; a unique netplan id per interface");
  });

  test('fails when a route is malformed', () => {
    expect(() => NetworkData.fromEthernets([{ name: 'eth0', routes: [{ to: '10.0.0.0', via: '10.0.0.1' }] }])).toThrow(
      "NetworkData 'fromEthernets': ethernets[0].routes[0].to must be 'default' or a network in CIDR form: got \"10.0.0.0\"; for example 10.0.0.0/8");
    expect(() => NetworkData.fromEthernets([{ name: 'eth0', routes: [{ to: 'default', via: 'gw' }] }])).toThrow(
      "NetworkData 'fromEthernets': ethernets[0].routes[0].via must be an IP address: got \"gw\"; for example 10.0.1.1");
    expect(() => NetworkData.fromEthernets([{ name: 'eth0', routes: [{ to: '10.0.0.0/8', via: '2001:db8::1' }] }])).toThrow(
      "NetworkData 'fromEthernets': ethernets[0].routes[0].via must be an IPv4 address, like to: got \"2001:db8::1\"; a gateway of the same family as 10.0.0.0/8");
    expect(() => NetworkData.fromEthernets([{ name: 'eth0', routes: [{ to: 'default', via: '10.0.0.1', metric: 1.5 }] }])).toThrow(
      "NetworkData 'fromEthernets': ethernets[0].routes[0].metric must be a whole number, at least 0: got 1.5; for example 100");
  });

  test('fails when a name server or search domain is malformed', () => {
    expect(() => NetworkData.fromEthernets([{ name: 'eth0', nameservers: { addresses: ['dns.example.com'] } }])).toThrow(
      "NetworkData 'fromEthernets': ethernets[0].nameservers.addresses[0] must be an IP address: got \"dns.example.com\"; for example 10.0.1.53 or 2001:db8::53");
    expect(() => NetworkData.fromEthernets([{ name: 'eth0', nameservers: { search: ['-bad.example'] } }])).toThrow(
      "NetworkData 'fromEthernets': ethernets[0].nameservers.search[0] must be a domain name: got \"-bad.example\"; RFC 1123 labels joined by '.', for example 'example.com'");
  });
});

describe('NetworkData by machine interface', () => {
  test('is completed when bound, and names the entry after the interface', () => {
    const nd = NetworkData.fromEthernets([{ machineInterface: 'storage', addresses: ['10.0.0.5/24'] }, { name: 'eth0', dhcp4: true }]);
    expect(nd._machineInterfaces()).toEqual([{ name: 'storage', at: 'ethernets[0]' }]);
    expect(nd._renderWith(new Map([['storage', '02:00:00:00:00:01']]))).toEqual([
      'version: 2',
      'ethernets:',
      '  eth0:',
      '    dhcp4: true',
      '  storage:',
      '    addresses:',
      '      - 10.0.0.5/24',
      '    match:',
      '      macaddress: "02:00:00:00:00:01"',
      '    set-name: storage',
      '',
    ].join('\n'));
  });

  test('fails when render() is called before the network data is bound to a machine', () => {
    const nd = NetworkData.fromEthernets([{ machineInterface: 'storage', dhcp4: true }]);
    expect(() => nd.render()).toThrow(
      "NetworkData 'fromEthernets': ethernets[0].machineInterface is known only on a machine, so render() cannot complete the entry: got [\"storage\"]; give the NetworkData to a machine's CloudInit and read the machine's cloudinitdisk volume");
    expect(() => CloudInit.fromNetworkData(nd).renderNetworkData()).toThrow('machineInterface is known only on a machine');
  });

  test('fails when the same machine interface is named twice', () => {
    expect(() => NetworkData.fromEthernets([{ machineInterface: 'storage', dhcp4: true }, { machineInterface: 'storage', addresses: ['10.0.0.5/24'] }])).toThrow(
      "NetworkData 'fromEthernets': ethernets[1].machineInterface names the same interface as ethernets[0]: got \"storage\"; one entry per machine interface");
  });

  test('fails when a guest name and a machine interface are both given', () => {
    expect(() => NetworkData.fromEthernets([{ name: 'enp2s0', machineInterface: 'storage', dhcp4: true }])).toThrow(
      "NetworkData 'fromEthernets': ethernets[0].name cannot be combined with machineInterface: got \"enp2s0\"; give the guest interface name or the machine interface, not both: the netplan id is the machine interface name");
  });

  test('fails when a machine interface also has a match of its own', () => {
    expect(() => NetworkData.fromEthernets([{ machineInterface: 'storage', macAddress: '02:00:00:00:00:01' }])).toThrow(
      "NetworkData 'fromEthernets': ethernets[0].macAddress cannot be combined with machineInterface: got \"02:00:00:00:00:01\"; leave the match to machineInterface: it matches the interface's own MAC address");
    expect(() => NetworkData.fromEthernets([{ machineInterface: 'storage', matchName: 'enp*' }])).toThrow('ethernets[0].matchName cannot be combined with machineInterface');
  });

  test('fails when neither a guest name nor a machine interface is given', () => {
    expect(() => NetworkData.fromEthernets([{ dhcp4: true }])).toThrow(
      "NetworkData 'fromEthernets': ethernets[0].name is missing: got undefined; give the guest interface name, or machineInterface (the name of one of the machine's networks)");
  });

  test('fails when a machine interface name is malformed', () => {
    expect(() => NetworkData.fromEthernets([{ machineInterface: 'stor age' }])).toThrow(
      "NetworkData 'fromEthernets': ethernets[0].machineInterface must be a machine interface name: got \"stor age\"; the name of one of the machine's networks: letters, digits, '_' and '-'");
  });

  test('fails when a machine interface and another entry share a netplan id', () => {
    expect(() => NetworkData.fromEthernets([{ name: 'storage', matchName: 'enp*' }, { machineInterface: 'storage' }])).toThrow(
      "NetworkData 'fromEthernets': ethernets[1].machineInterface is used twice: got \"storage\"; a unique netplan id per interface (an entry for a machine interface takes its name)");
  });
});
