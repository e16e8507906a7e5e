import * as net from 'net';
import * as zlib from 'zlib';
import { ApiObject, Yaml } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { stringifyCloudConfig } from './cloud-config-yaml';
import { fail } from './errors';
import { cloudInitSecretName, DNS1123_SUBDOMAIN_ALLOWED, isDns1123Subdomain } from './names';

/**
 * How KubeVirt hands cloud-init data to the guest: the volume type of the `cloudinitdisk` volume.
 *
 * @see https://kubevirt.io/user-guide/user_workloads/startup_scripts/
 */
export enum CloudInitDatasource {
  /** A NoCloud disk (volume label `cidata`). Reads netplan network data. The usual choice. */
  NO_CLOUD = 'cloudInitNoCloud',
  /**
   * An OpenStack config drive (volume label `config-2`). Network data must be OpenStack
   * `network_data.json`, not netplan.
   */
  CONFIG_DRIVE = 'cloudInitConfigDrive',
}

/**
 * How the content of a file written by cloud-init is encoded.
 */
export enum WriteFileEncoding {
  /** The content is base64 (`b64`). */
  BASE64 = 'b64',
  /** The content is gzip, then base64 (`gz+b64`). */
  GZIP_BASE64 = 'gz+b64',
}

/**
 * A user that cloud-init creates (an entry of `users`).
 *
 * @see https://cloudinit.readthedocs.io/en/latest/reference/modules.html#users-and-groups
 */
export interface CloudInitUser {
  /** The login name. */
  readonly name: string;

  /**
   * Supplementary groups (`groups`).
   * @default - no supplementary groups
   */
  readonly groups?: string[];

  /**
   * A sudoers rule for the user (`sudo`), for example `ALL=(ALL) NOPASSWD:ALL`.
   * @default - no sudo rule
   */
  readonly sudo?: string;

  /**
   * The login shell (`shell`), an absolute path.
   * @default - the distribution's default shell
   */
  readonly shell?: string;

  /**
   * SSH public keys allowed to log in as this user (`ssh_authorized_keys`). Each entry is one
   * `authorized_keys` line: a key type (`ssh-rsa`, `ssh-ed25519`, `ecdsa-sha2-*` or `sk-*`), the
   * base64 key and an optional comment.
   * @default - no keys
   */
  readonly sshAuthorizedKeys?: string[];

  /**
   * Whether the user's password is locked (`lock_passwd`). cloud-init locks it by default, which
   * also disables a password given here.
   * @default - cloud-init's default, true
   */
  readonly lockPasswd?: boolean;

  /**
   * A clear-text password (`plain_text_passwd`). It ends up readable in the synthesized YAML, so it
   * is refused unless `allowPasswords: true` is set. Prefer `AccessCredential.userPasswordFromSecret()`.
   * @default - no password
   */
  readonly plainTextPassword?: string;

  /**
   * A crypt(3) password hash (`hashed_passwd`). Refused unless `allowPasswords: true` is set.
   * @default - no password
   */
  readonly hashedPassword?: string;
}

/**
 * A file that cloud-init writes (an entry of `write_files`).
 *
 * @see https://cloudinit.readthedocs.io/en/latest/reference/modules.html#write-files
 */
export interface CloudInitFile {
  /** The absolute path of the file in the guest. */
  readonly path: string;

  /** The content of the file, encoded as `encoding` says. */
  readonly content: string;

  /**
   * The file mode as an octal string, for example `'0644'`.
   * @default - cloud-init's default, '0644'
   */
  readonly permissions?: string;

  /**
   * The owner, as `user` or `user:group`.
   * @default - cloud-init's default, 'root:root'
   */
  readonly owner?: string;

  /**
   * How `content` is encoded.
   * @default - plain text
   */
  readonly encoding?: WriteFileEncoding;

  /**
   * Append to the file instead of replacing it (`append`). Named so because `append` is a Go builtin.
   * @default false
   */
  readonly appendToExisting?: boolean;

  /**
   * Write the file late in boot, after users and packages exist, so that `owner` may name a new
   * user (`defer`). Named so because `defer` is a Go keyword.
   * @default false
   */
  readonly deferred?: boolean;
}

/**
 * A typed `#cloud-config` document. Properties map to cloud-init keys in snake_case
 * (`sshAuthorizedKeys` → `ssh_authorized_keys`). The document is rendered as YAML with sorted keys;
 * list items keep the declared order.
 *
 * @see https://cloudinit.readthedocs.io/en/latest/reference/modules.html
 */
export interface CloudConfig {
  /**
   * The guest's host name (`hostname`), an RFC 1123 label.
   * @default - KubeVirt's default, the VirtualMachine's name
   */
  readonly hostname?: string;

  /**
   * The guest's fully qualified domain name (`fqdn`).
   * @default - none
   */
  readonly fqdn?: string;

  /**
   * Users to create (`users`), in this order.
   * @default - only the image's default user
   */
  readonly users?: CloudInitUser[];

  /**
   * Keep the image's default user (for example `fedora`) when `users` is given: renders `default`
   * as the first entry of `users`. Without it, cloud-init creates only the listed users.
   * @default false
   */
  readonly keepDefaultUser?: boolean;

  /**
   * SSH public keys for the image's default user (`ssh_authorized_keys` at the top level).
   * @default - no keys
   */
  readonly sshAuthorizedKeys?: string[];

  /**
   * Whether sshd accepts password logins (`ssh_pwauth`).
   * @default - the image's sshd configuration
   */
  readonly sshPwauth?: boolean;

  /**
   * Packages to install (`packages`).
   * @default - none
   */
  readonly packages?: string[];

  /**
   * Refresh the package index on first boot (`package_update`).
   * @default - cloud-init's default: true when packages are listed
   */
  readonly packageUpdate?: boolean;

  /**
   * Upgrade all packages on first boot (`package_upgrade`).
   * @default false
   */
  readonly packageUpgrade?: boolean;

  /**
   * Shell commands run once, late in the first boot (`runcmd`), in this order. Each entry is run
   * by `sh -c`.
   * @default - none
   */
  readonly runcmd?: string[];

  /**
   * Shell commands run early on every boot (`bootcmd`), in this order.
   * @default - none
   */
  readonly bootcmd?: string[];

  /**
   * Files to write (`write_files`), in this order.
   * @default - none
   */
  readonly writeFiles?: CloudInitFile[];

  /**
   * The time zone (`timezone`), for example `Europe/Oslo`.
   * @default - the image's time zone
   */
  readonly timezone?: string;

  /**
   * Further top-level cloud-config keys, written as given (in cloud-init's own snake_case), after
   * the typed ones. A key that a typed property above also sets is an error; a typed property left
   * unset can be given here in a shape the types do not cover (for example `runcmd` in array form).
   * Maps are rendered with sorted keys.
   * @default - none
   */
  readonly extra?: Record<string, any>;
}

/**
 * Options shared by every kind of {@link CloudInit}.
 */
export interface CloudInitDatasourceOptions {
  /**
   * How KubeVirt hands the data to the guest.
   * @default CloudInitDatasource.NO_CLOUD
   */
  readonly datasource?: CloudInitDatasource;
}

/**
 * Options of {@link CloudInit.fromConfig} and {@link CloudInit.fromUserData}.
 */
export interface CloudInitOptions extends CloudInitDatasourceOptions {
  /**
   * Network configuration for the guest.
   * @default - none: cloud-init's fallback, DHCP on the first interface
   */
  readonly networkData?: NetworkData;

  /**
   * Allow passwords in the user data: `plainTextPassword`, `hashedPassword`, and the keys
   * `password`, `passwd`, `chpasswd`, `plain_text_passwd` and `hashed_passwd`. They are written to
   * the synthesized YAML (and to Git) in the clear, so they are refused by default.
   * @default false
   */
  readonly allowPasswords?: boolean;

  /**
   * Allow private keys (`-----BEGIN … PRIVATE KEY-----`) in the user data. They
   * are written to the synthesized YAML in the clear, so they are refused by default. For secrets,
   * prefer {@link CloudInit.fromSecret} with a Secret managed outside Git (SealedSecrets,
   * ExternalSecrets).
   * @default false
   */
  readonly allowSecrets?: boolean;
}

/**
 * Options of {@link CloudInit.fromSecret}.
 */
export interface CloudInitSecretOptions extends CloudInitDatasourceOptions {
  /**
   * The Secret holding the network data under the key `networkdata` (`networkDataSecretRef`).
   * It may be the same Secret as the user data.
   * @default - no network data from a Secret
   */
  readonly networkDataSecretName?: string;

  /**
   * Network data rendered by this library instead of a Secret. Not together with
   * `networkDataSecretName`.
   * @default - no inline network data
   */
  readonly networkData?: NetworkData;
}

/** The volume name KubeVirt's examples and tools use for the cloud-init disk. */
const VOLUME_NAME = 'cloudinitdisk';

/** KubeVirt's limit on inline user data and on inline network data, in bytes. */
const INLINE_LIMIT = 2048;

/** The Kubernetes limit on the data of one Secret, in bytes. */
const SECRET_LIMIT = 1024 * 1024;

/**
 * First-boot configuration: cloud-init user data and network data, and how KubeVirt hands them to
 * the guest.
 *
 * A CloudInit is a value, not a construct: one CloudInit can be given to many machines. The machine
 * turns it into its `cloudinitdisk` volume. User data and network data are inlined in the
 * VirtualMachine when each is at most 2048 bytes (KubeVirt's limit); a larger one is put into a
 * Secret named `{machine}-cloud-init` (keys `userdata` and `networkdata`), generated next to the
 * machine and referenced with `secretRef` / `networkDataSecretRef`.
 *
 * Passwords and private keys are refused unless `allowPasswords` / `allowSecrets` is set, because the
 * synthesized YAML is meant to live in Git.
 *
 * @see https://kubevirt.io/user-guide/user_workloads/startup_scripts/
 */
export class CloudInit {
  /**
   * A typed `#cloud-config` document.
   *
   * @param config the cloud-config
   * @param options network data, datasource and opt-ins
   */
  public static fromConfig(config: CloudConfig, options: CloudInitOptions = {}): CloudInit {
    const who = "CloudInit 'fromConfig'";
    const doc = renderCloudConfig(who, config, options);
    const userData = `#cloud-config\n${stringifyCloudConfig(doc)}`;
    return CloudInit.inline(who, userData, options);
  }

  /**
   * User data as given: a `#cloud-config` document of your own, a shell script (`#!/bin/sh`), or
   * any other format cloud-init reads. It is checked only for private keys, and, when it starts
   * with `#cloud-config`, for password keys at the start of a line.
   *
   * @param userData the user data, as the guest will see it
   * @param options network data, datasource and opt-ins
   */
  public static fromUserData(userData: string, options: CloudInitOptions = {}): CloudInit {
    const who = "CloudInit 'fromUserData'";
    if (typeof userData !== 'string' || userData.trim() === '') {
      fail(who, { property: 'userData', problem: 'must not be empty', value: userData, allowed: 'a #cloud-config document, a script or another format cloud-init reads' });
    }
    if (!options.allowSecrets) checkNoPrivateKey(who, 'userData', userData);
    if (!options.allowPasswords && /^#cloud-config\s*$/m.test(userData.split('\n')[0])) {
      const lines = userData.split('\n');
      lines.forEach((line, i) => {
        const m = /^[\s-]*["']?(password|passwd|chpasswd|plain_text_passwd|hashed_passwd)["']?\s*:/.exec(line);
        if (m) {
          fail(who, {
            property: `userData line ${i + 1}`,
            problem: `sets a password (key '${m[1]}')`,
            value: REDACTED,
            allowed: PASSWORD_ALLOWED,
          });
        }
      });
    }
    return CloudInit.inline(who, userData, options);
  }

  /**
   * User data from a Secret you manage (for example with SealedSecrets or ExternalSecrets), under
   * the key `userdata` (KubeVirt also reads `userData`). Renders `secretRef` (and `networkDataSecretRef`) only; nothing secret
   * reaches the synthesized YAML.
   *
   * @param secretName the name of the Secret, in the machine's namespace
   * @param options network data and datasource
   */
  public static fromSecret(secretName: string, options: CloudInitSecretOptions = {}): CloudInit {
    const who = "CloudInit 'fromSecret'";
    checkSecretName(who, 'secretName', secretName);
    if (options.networkDataSecretName !== undefined) {
      checkSecretName(who, 'networkDataSecretName', options.networkDataSecretName);
      if (options.networkData) {
        fail(who, {
          property: 'networkData',
          problem: 'cannot be combined with networkDataSecretName',
          value: options.networkDataSecretName,
          allowed: 'give network data either from a Secret or as NetworkData, not both',
        });
      }
    }
    const datasource = options.datasource ?? CloudInitDatasource.NO_CLOUD;
    const networkData = renderNetworkFor(who, options.networkData, datasource);
    return new CloudInit(datasource, undefined, networkData, secretName, options.networkDataSecretName);
  }

  /**
   * Network data alone, with no user data: the image's own cloud-init defaults apply.
   *
   * @param networkData the network configuration
   * @param options the datasource
   */
  public static fromNetworkData(networkData: NetworkData, options: CloudInitDatasourceOptions = {}): CloudInit {
    const who = "CloudInit 'fromNetworkData'";
    const datasource = options.datasource ?? CloudInitDatasource.NO_CLOUD;
    const text = renderNetworkFor(who, networkData, datasource);
    return new CloudInit(datasource, undefined, text, undefined, undefined);
  }

  private static inline(who: string, userData: string, options: CloudInitOptions): CloudInit {
    const datasource = options.datasource ?? CloudInitDatasource.NO_CLOUD;
    const networkData = renderNetworkFor(who, options.networkData, datasource);
    const total = byteLength(userData) + (networkData === undefined ? 0 : byteLength(networkData));
    if (total > SECRET_LIMIT) {
      fail(who, {
        property: 'userData and networkData',
        problem: 'together are too large',
        value: total,
        allowed: `at most ${SECRET_LIMIT} bytes (UTF-8), the limit of a Kubernetes Secret`,
      });
    }
    return new CloudInit(datasource, userData, networkData, undefined, undefined);
  }

  /** How KubeVirt hands the data to the guest. */
  public readonly datasource: CloudInitDatasource;

  private constructor(
    datasource: CloudInitDatasource,
    private readonly userData: string | undefined,
    private readonly networkData: string | undefined,
    private readonly userDataSecretName: string | undefined,
    private readonly networkDataSecretName: string | undefined,
  ) {
    this.datasource = datasource;
  }

  /**
   * The user data exactly as the guest receives it, or undefined when it comes from a Secret you
   * manage (or there is none).
   */
  public renderUserData(): string | undefined {
    return this.userData;
  }

  /**
   * The network data exactly as the guest receives it, or undefined when it comes from a Secret you
   * manage (or there is none).
   */
  public renderNetworkData(): string | undefined {
    return this.networkData;
  }

  /**
   * Binds this CloudInit to one machine. Returns the `cloudinitdisk` volume (plain manifest JSON for
   * `spec.template.spec.volumes[]`) and, when user data or network data is over 2048 bytes, the
   * Secret `{machineName}-cloud-init` created as the child `CloudInitSecret` of `scope`, in the
   * machine's `namespace` (else the chart's).
   * Call it once per scope. It never throws a KubevirtError: everything is checked when the
   * CloudInit is made.
   *
   * @internal
   */
  public _bind(scope: Construct, machineName: string, namespace?: string): { readonly volume: any; readonly secret?: ApiObject } {
    const source: Record<string, any> = {};
    const secretData: Record<string, string> = {};
    const generatedName = cloudInitSecretName(machineName);

    if (this.userData !== undefined) {
      if (byteLength(this.userData) <= INLINE_LIMIT) {
        source.userData = this.userData;
      } else {
        source.secretRef = { name: generatedName };
        secretData.userdata = Buffer.from(this.userData, 'utf-8').toString('base64');
      }
    } else if (this.userDataSecretName !== undefined) {
      source.secretRef = { name: this.userDataSecretName };
    }

    if (this.networkData !== undefined) {
      if (byteLength(this.networkData) <= INLINE_LIMIT) {
        source.networkData = this.networkData;
      } else {
        source.networkDataSecretRef = { name: generatedName };
        secretData.networkdata = Buffer.from(this.networkData, 'utf-8').toString('base64');
      }
    } else if (this.networkDataSecretName !== undefined) {
      source.networkDataSecretRef = { name: this.networkDataSecretName };
    }

    const secret = Object.keys(secretData).length === 0 ? undefined : new k8s.KubeSecret(scope, 'CloudInitSecret', {
      metadata: { name: generatedName, namespace },
      type: 'Opaque',
      data: secretData,
    });
    return { volume: { name: VOLUME_NAME, [this.datasource]: source }, secret };
  }
}

/**
 * A route (an entry of `routes`).
 */
export interface NetworkRoute {
  /** The destination, in CIDR form, or `default`. */
  readonly to: string;

  /** The gateway address. */
  readonly via: string;

  /**
   * The route metric.
   * @default - the renderer's default
   */
  readonly metric?: number;
}

/**
 * DNS settings of an interface (`nameservers`).
 */
export interface NetworkNameservers {
  /**
   * Name server addresses.
   * @default - none
   */
  readonly addresses?: string[];

  /**
   * Search domains.
   * @default - none
   */
  readonly search?: string[];
}

/**
 * One ethernet interface in netplan v2 network data (an entry of `ethernets`).
 *
 * Without `macAddress` or `matchName`, `name` is the guest's interface name (for example `eth0` or
 * `enp1s0`). With one of them, `name` is only the netplan id, and `setName` can rename the matched
 * interface.
 *
 * @see https://netplan.readthedocs.io/en/stable/netplan-yaml/
 */
export interface NetworkEthernet {
  /** The netplan id: the interface name, unless `macAddress` or `matchName` is given. */
  readonly name: string;

  /**
   * Match the interface by MAC address (`match.macaddress`), for example `02:00:00:0a:00:01`.
   * @default - match by name
   */
  readonly macAddress?: string;

  /**
   * Match interfaces by name, a glob such as `enp*` (`match.name`).
   * @default - match by `name`
   */
  readonly matchName?: string;

  /**
   * Rename the matched interface (`set-name`). Needs `macAddress` or `matchName`.
   * @default - keep the kernel's name
   */
  readonly setName?: string;

  /**
   * Use DHCP for IPv4.
   * @default - false, netplan's default
   */
  readonly dhcp4?: boolean;

  /**
   * Use DHCP (or RA) for IPv6.
   * @default - false, netplan's default
   */
  readonly dhcp6?: boolean;

  /**
   * Static addresses in CIDR form, for example `10.0.1.10/24` or `2001:db8::10/64`.
   * @default - none
   */
  readonly addresses?: string[];

  /**
   * The IPv4 default gateway (`gateway4`). Rendered as given: cloud-init reads it on every
   * distribution, and netplan accepts it with a deprecation warning. Use `routes` for more.
   * @default - none
   */
  readonly gateway4?: string;

  /**
   * The IPv6 default gateway (`gateway6`).
   * @default - none
   */
  readonly gateway6?: string;

  /**
   * Routes.
   * @default - none
   */
  readonly routes?: NetworkRoute[];

  /**
   * DNS settings.
   * @default - none
   */
  readonly nameservers?: NetworkNameservers;
}

/**
 * Network data for cloud-init: netplan v2 built from typed interfaces, or text of your own.
 *
 * @see https://cloudinit.readthedocs.io/en/latest/reference/network-config-format-v2.html
 */
export class NetworkData {
  /**
   * Netplan v2 (`version: 2`) with these ethernet interfaces. Addresses are checked here; the output
   * has sorted keys. Needs the NoCloud datasource.
   *
   * @param ethernets the interfaces
   */
  public static fromEthernets(ethernets: NetworkEthernet[]): NetworkData {
    const who = "NetworkData 'fromEthernets'";
    if (!Array.isArray(ethernets) || ethernets.length === 0) {
      fail(who, { property: 'ethernets', problem: 'must not be empty', value: ethernets, allowed: 'at least one interface' });
    }
    const rendered: Record<string, any> = {};
    ethernets.forEach((e, i) => {
      const at = `ethernets[${i}]`;
      checkEthernetName(who, `${at}.name`, e.name, e.macAddress === undefined && e.matchName === undefined);
      if (Object.prototype.hasOwnProperty.call(rendered, e.name)) {
        fail(who, { property: `${at}.name`, problem: 'is used twice', value: e.name, allowed: 'a unique netplan id per interface' });
      }
      rendered[e.name] = renderEthernet(who, at, e);
    });
    return new NetworkData(`${Yaml.stringify({ version: 2, ethernets: sortKeys(rendered) })}`, true);
  }

  /**
   * Network data as given: netplan v1 or v2 YAML for NoCloud, or OpenStack `network_data.json`
   * for ConfigDrive. Not checked.
   *
   * @param text the network data, as the guest will see it
   */
  public static fromText(text: string): NetworkData {
    if (typeof text !== 'string' || text.trim() === '') {
      fail("NetworkData 'fromText'", { property: 'text', problem: 'must not be empty', value: text, allowed: 'netplan YAML or OpenStack network_data.json' });
    }
    return new NetworkData(text, false);
  }

  private constructor(private readonly text: string, private readonly netplan: boolean) {}

  /** The network data exactly as the guest receives it. */
  public render(): string {
    return this.text;
  }

  /**
   * True when this is netplan built by {@link NetworkData.fromEthernets}.
   * @internal
   */
  public get _isNetplan(): boolean {
    return this.netplan;
  }
}

// ---- cloud-config rendering ------------------------------------------------------------------------

/** What the typed properties render to; `extra` must not set a key that a set property renders. */
const TYPED_KEYS: Record<string, string> = {
  hostname: 'hostname',
  fqdn: 'fqdn',
  users: 'users',
  sshAuthorizedKeys: 'ssh_authorized_keys',
  sshPwauth: 'ssh_pwauth',
  packages: 'packages',
  packageUpdate: 'package_update',
  packageUpgrade: 'package_upgrade',
  runcmd: 'runcmd',
  bootcmd: 'bootcmd',
  writeFiles: 'write_files',
  timezone: 'timezone',
};

const PASSWORD_KEYS = new Set(['password', 'passwd', 'chpasswd', 'plain_text_passwd', 'hashed_passwd']);
const PASSWORD_ALLOWED = 'no passwords in user data: use AccessCredential.userPasswordFromSecret() or CloudInit.fromSecret(), or set allowPasswords: true';
const SECRET_ALLOWED = 'no private keys in cloud-init data: use CloudInit.fromSecret() with a Secret managed outside Git, or set allowSecrets: true';
const PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----/;

const HOST_LABEL = /^[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?$/;
const USER_NAME = /^[a-z_][a-z0-9_.-]*\$?$/;
const OWNER = /^[A-Za-z0-9_][A-Za-z0-9_.-]*\$?(:[A-Za-z0-9_][A-Za-z0-9_.-]*\$?)?$/;
const SSH_KEY = /^(ssh-rsa|ssh-ed25519|ecdsa-sha2-nistp(?:256|384|521)|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com) ([A-Za-z0-9+/]+={0,2})(?: .*)?$/;
const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

/** Shows `<redacted>` in a message instead of a secret value. */
class Redacted {
  public toString(): string {
    return '<redacted>';
  }
}
const REDACTED = new Redacted();

function renderCloudConfig(who: string, c: CloudConfig, options: CloudInitOptions): Record<string, any> {
  const doc: Record<string, any> = {};
  if (c.hostname !== undefined) {
    if (!isHostLabel(c.hostname)) {
      fail(who, { property: 'hostname', problem: 'must be an RFC 1123 host name label', value: c.hostname, allowed: "letters, digits and '-', starting and ending with a letter or digit, at most 63 characters" });
    }
    doc.hostname = c.hostname;
  }
  if (c.fqdn !== undefined) {
    if (!isHostName(c.fqdn)) {
      fail(who, { property: 'fqdn', problem: 'must be a fully qualified domain name', value: c.fqdn, allowed: "RFC 1123 labels joined by '.', at most 253 characters" });
    }
    doc.fqdn = c.fqdn;
  }
  if (c.users !== undefined) {
    const users: any[] = c.keepDefaultUser ? ['default'] : [];
    const seen = new Set<string>();
    c.users.forEach((u, i) => {
      const rendered = renderUser(who, `users[${i}]`, u, options);
      if (seen.has(u.name)) {
        fail(who, { property: `users[${i}].name`, problem: 'is used twice', value: u.name, allowed: 'a unique name per user' });
      }
      seen.add(u.name);
      users.push(rendered);
    });
    doc.users = users;
  }
  if (c.sshAuthorizedKeys !== undefined) {
    doc.ssh_authorized_keys = c.sshAuthorizedKeys.map((k, i) => checkPublicKey(who, `sshAuthorizedKeys[${i}]`, k));
  }
  if (c.sshPwauth !== undefined) doc.ssh_pwauth = c.sshPwauth;
  if (c.packages !== undefined) {
    doc.packages = c.packages.map((p, i) => nonEmpty(who, `packages[${i}]`, p, 'a package name'));
  }
  if (c.packageUpdate !== undefined) doc.package_update = c.packageUpdate;
  if (c.packageUpgrade !== undefined) doc.package_upgrade = c.packageUpgrade;
  if (c.runcmd !== undefined) doc.runcmd = c.runcmd.map((cmd, i) => nonEmpty(who, `runcmd[${i}]`, cmd, 'a shell command'));
  if (c.bootcmd !== undefined) doc.bootcmd = c.bootcmd.map((cmd, i) => nonEmpty(who, `bootcmd[${i}]`, cmd, 'a shell command'));
  if (c.writeFiles !== undefined) {
    doc.write_files = c.writeFiles.map((f, i) => renderFile(who, `writeFiles[${i}]`, f, options));
  }
  if (c.timezone !== undefined) {
    if (!/^[A-Za-z0-9_+-]+(\/[A-Za-z0-9_+-]+)*$/.test(c.timezone)) {
      fail(who, { property: 'timezone', problem: 'must be an IANA time zone name', value: c.timezone, allowed: "for example 'UTC' or 'Europe/Oslo'" });
    }
    doc.timezone = c.timezone;
  }

  if (!options.allowPasswords) checkNoPasswordKeys(who, 'extra', c.extra);
  for (const key of Object.keys(c.extra ?? {}).sort()) {
    const value = c.extra![key];
    if (value === undefined) continue;
    if (Object.prototype.hasOwnProperty.call(doc, key)) {
      const typed = Object.keys(TYPED_KEYS).find(t => TYPED_KEYS[t] === key);
      fail(who, {
        property: `extra.${key}`,
        problem: `clashes with the typed property ${typed}`,
        value,
        allowed: `set ${key} either through ${typed} or through extra, not both`,
      });
    }
    doc[key] = value;
  }
  if (!options.allowSecrets) checkNoPrivateKeyDeep(who, c, '');
  return sortKeys(doc);
}

function renderUser(who: string, at: string, u: CloudInitUser, options: CloudInitOptions): Record<string, any> {
  if (u.name === 'default') {
    fail(who, { property: `${at}.name`, problem: "is the name cloud-init keeps for the image's default user", value: u.name, allowed: 'set keepDefaultUser: true to keep the default user' });
  }
  checkUserName(who, `${at}.name`, u.name);
  const out: Record<string, any> = { name: u.name };
  if (u.groups !== undefined) {
    u.groups.forEach((g, i) => checkUserName(who, `${at}.groups[${i}]`, g));
    out.groups = u.groups;
  }
  if (u.sudo !== undefined) out.sudo = nonEmpty(who, `${at}.sudo`, u.sudo, "a sudoers rule, e.g. 'ALL=(ALL) NOPASSWD:ALL'");
  if (u.shell !== undefined) {
    if (!u.shell.startsWith('/')) {
      fail(who, { property: `${at}.shell`, problem: 'must be an absolute path', value: u.shell, allowed: "for example '/bin/bash'" });
    }
    out.shell = u.shell;
  }
  if (u.sshAuthorizedKeys !== undefined) {
    out.ssh_authorized_keys = u.sshAuthorizedKeys.map((k, i) => checkPublicKey(who, `${at}.sshAuthorizedKeys[${i}]`, k));
  }
  if (u.lockPasswd !== undefined) out.lock_passwd = u.lockPasswd;
  for (const [prop, key] of [['plainTextPassword', 'plain_text_passwd'], ['hashedPassword', 'hashed_passwd']] as const) {
    const value = u[prop];
    if (value === undefined) continue;
    if (!options.allowPasswords) {
      fail(who, { property: `${at}.${prop}`, problem: 'is refused: the password would be readable in the synthesized YAML', value: REDACTED, allowed: PASSWORD_ALLOWED });
    }
    out[key] = value;
  }
  return out;
}

function renderFile(who: string, at: string, f: CloudInitFile, options: CloudInitOptions): Record<string, any> {
  if (typeof f.path !== 'string' || !f.path.startsWith('/') || f.path.length < 2) {
    fail(who, { property: `${at}.path`, problem: 'must be an absolute path', value: f.path, allowed: "for example '/etc/motd'" });
  }
  if (typeof f.content !== 'string') {
    fail(who, { property: `${at}.content`, problem: 'must be a string', value: f.content, allowed: 'the file content, encoded as encoding says' });
  }
  const out: Record<string, any> = { path: f.path, content: f.content };
  if (f.encoding !== undefined) {
    if (!BASE64.test(f.content)) {
      fail(who, { property: `${at}.content`, problem: 'must be base64', value: f.content, allowed: `base64 text, because encoding is ${f.encoding}` });
    }
    out.encoding = f.encoding;
    if (!options.allowSecrets) checkNoPrivateKey(who, `${at}.content`, decodeContent(f.content, f.encoding));
  }
  if (f.permissions !== undefined) {
    if (!/^0?[0-7]{3,4}$/.test(f.permissions) || f.permissions.length > 4) {
      fail(who, { property: `${at}.permissions`, problem: 'must be an octal file mode', value: f.permissions, allowed: "three or four octal digits as a string, for example '0644'" });
    }
    out.permissions = f.permissions;
  }
  if (f.owner !== undefined) {
    if (!OWNER.test(f.owner)) {
      fail(who, { property: `${at}.owner`, problem: "must be 'user' or 'user:group'", value: f.owner, allowed: "for example 'root:root'" });
    }
    out.owner = f.owner;
  }
  if (f.appendToExisting !== undefined) out.append = f.appendToExisting;
  if (f.deferred !== undefined) out.defer = f.deferred;
  return out;
}

function decodeContent(content: string, encoding: WriteFileEncoding): string {
  const bytes = Buffer.from(content, 'base64');
  if (encoding === WriteFileEncoding.GZIP_BASE64) {
    try {
      return zlib.gunzipSync(bytes).toString('utf-8');
    } catch {
      return bytes.toString('latin1');
    }
  }
  return bytes.toString('utf-8');
}

function checkUserName(who: string, property: string, name: string): void {
  if (typeof name !== 'string' || name.length > 32 || !USER_NAME.test(name)) {
    fail(who, { property, problem: 'must be a Linux user or group name', value: name, allowed: "lowercase letters, digits, '_', '-' and '.', starting with a letter or '_', at most 32 characters" });
  }
}

function checkPublicKey(who: string, property: string, key: string): string {
  if (typeof key === 'string' && PRIVATE_KEY.test(key)) {
    fail(who, { property, problem: 'is a private key', value: REDACTED, allowed: 'an SSH public key (the content of the .pub file)' });
  }
  const m = typeof key === 'string' ? SSH_KEY.exec(key.trim()) : null;
  let ok = m !== null;
  if (m) {
    // The blob starts with the key type as a length-prefixed string; it must repeat the declared type.
    const blob = Buffer.from(m[2], 'base64');
    const len = blob.length >= 4 ? blob.readUInt32BE(0) : -1;
    ok = len > 0 && blob.length >= 4 + len && blob.subarray(4, 4 + len).toString('latin1') === m[1];
  }
  if (!ok) {
    fail(who, {
      property,
      problem: 'must be an SSH public key',
      value: key,
      allowed: "'<type> <base64> [comment]' with type ssh-rsa, ssh-ed25519, ecdsa-sha2-nistp256/384/521 or sk-*, and base64 that encodes a key of that type",
    });
  }
  return key.trim();
}

function nonEmpty(who: string, property: string, value: string, allowed: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    fail(who, { property, problem: 'must not be empty', value, allowed });
  }
  return value;
}

function checkNoPrivateKey(who: string, property: string, text: string): void {
  if (PRIVATE_KEY.test(text)) {
    fail(who, { property, problem: 'contains a private key', value: REDACTED, allowed: SECRET_ALLOWED });
  }
}

/** Walks every string value in the input config for private keys. */
function checkNoPrivateKeyDeep(who: string, value: any, at: string): void {
  if (typeof value === 'string') {
    checkNoPrivateKey(who, at, value);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => checkNoPrivateKeyDeep(who, v, `${at}[${i}]`));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) checkNoPrivateKeyDeep(who, v, at ? `${at}.${k}` : k);
  }
}

/** Walks `extra` for keys that carry passwords (at any depth). */
function checkNoPasswordKeys(who: string, at: string, value: any): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => checkNoPasswordKeys(who, `${at}[${i}]`, v));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (PASSWORD_KEYS.has(k.toLowerCase())) {
        fail(who, { property: `${at}.${k}`, problem: 'sets a password', value: REDACTED, allowed: PASSWORD_ALLOWED });
      }
      checkNoPasswordKeys(who, `${at}.${k}`, v);
    }
  }
}

/** A copy with every map's keys sorted (recursively); arrays keep their order; undefined is dropped. */
function sortKeys(value: any): any {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, any> = {};
    for (const key of Object.keys(value).sort()) {
      if (value[key] !== undefined) out[key] = sortKeys(value[key]);
    }
    return out;
  }
  return value;
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf-8');
}

function isHostLabel(value: unknown): boolean {
  return typeof value === 'string' && value.length <= 63 && HOST_LABEL.test(value);
}

function isHostName(value: unknown): boolean {
  return typeof value === 'string' && value.length <= 253 && value.split('.').every(isHostLabel);
}

function checkSecretName(who: string, property: string, name: string): void {
  if (!isDns1123Subdomain(name)) {
    fail(who, { property, problem: 'must be a Secret name', value: name, allowed: DNS1123_SUBDOMAIN_ALLOWED });
  }
}

function renderNetworkFor(who: string, networkData: NetworkData | undefined, datasource: CloudInitDatasource): string | undefined {
  if (networkData === undefined) return undefined;
  if (networkData._isNetplan && datasource === CloudInitDatasource.CONFIG_DRIVE) {
    fail(who, {
      property: 'networkData',
      problem: 'is netplan, which the ConfigDrive datasource does not read',
      value: 'NetworkData.fromEthernets(...)',
      allowed: 'use CloudInitDatasource.NO_CLOUD, or give OpenStack network_data.json with NetworkData.fromText()',
    });
  }
  return networkData.render();
}

// ---- network data ----------------------------------------------------------------------------------

const MAC = /^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$/;
const IFNAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const CIDR_ALLOWED = 'an address with a prefix length, for example 10.0.1.10/24 or 2001:db8::10/64';

function checkEthernetName(who: string, property: string, name: string, isInterfaceName: boolean): void {
  if (typeof name !== 'string' || !IFNAME.test(name) || (isInterfaceName && name.length > 15)) {
    fail(who, {
      property,
      problem: isInterfaceName ? 'must be an interface name' : 'must be a netplan id',
      value: name,
      allowed: `letters, digits, '_', '-' and '.'${isInterfaceName ? ', at most 15 characters' : ''}`,
    });
  }
}

function renderEthernet(who: string, at: string, e: NetworkEthernet): Record<string, any> {
  const out: Record<string, any> = {};
  const match: Record<string, any> = {};
  if (e.macAddress !== undefined) {
    if (!MAC.test(e.macAddress)) {
      fail(who, { property: `${at}.macAddress`, problem: 'must be a MAC address', value: e.macAddress, allowed: 'six hex pairs separated by colons, for example 02:00:00:0a:00:01' });
    }
    match.macaddress = e.macAddress;
  }
  if (e.matchName !== undefined) {
    if (!/^[A-Za-z0-9_.*?[\]-]+$/.test(e.matchName)) {
      fail(who, { property: `${at}.matchName`, problem: 'must be an interface name or glob', value: e.matchName, allowed: "for example 'enp*'" });
    }
    match.name = e.matchName;
  }
  if (Object.keys(match).length > 0) out.match = match;
  if (e.setName !== undefined) {
    if (Object.keys(match).length === 0) {
      fail(who, { property: `${at}.setName`, problem: 'needs a match', value: e.setName, allowed: 'give macAddress or matchName with setName' });
    }
    checkEthernetName(who, `${at}.setName`, e.setName, true);
    out['set-name'] = e.setName;
  }
  if (e.dhcp4 !== undefined) out.dhcp4 = e.dhcp4;
  if (e.dhcp6 !== undefined) out.dhcp6 = e.dhcp6;
  if (e.addresses !== undefined) {
    e.addresses.forEach((a, i) => {
      if (cidrFamily(a) === 0) fail(who, { property: `${at}.addresses[${i}]`, problem: 'must be an IP address in CIDR form', value: a, allowed: CIDR_ALLOWED });
    });
    out.addresses = e.addresses;
  }
  if (e.gateway4 !== undefined) {
    if (!net.isIPv4(e.gateway4)) fail(who, { property: `${at}.gateway4`, problem: 'must be an IPv4 address', value: e.gateway4, allowed: 'for example 10.0.1.1' });
    out.gateway4 = e.gateway4;
  }
  if (e.gateway6 !== undefined) {
    if (!net.isIPv6(e.gateway6)) fail(who, { property: `${at}.gateway6`, problem: 'must be an IPv6 address', value: e.gateway6, allowed: 'for example 2001:db8::1' });
    out.gateway6 = e.gateway6;
  }
  if (e.routes !== undefined) {
    out.routes = e.routes.map((r, i) => {
      const rat = `${at}.routes[${i}]`;
      const toFamily = r.to === 'default' ? -1 : cidrFamily(r.to);
      if (toFamily === 0) fail(who, { property: `${rat}.to`, problem: "must be 'default' or a network in CIDR form", value: r.to, allowed: 'for example 10.0.0.0/8' });
      const viaFamily = net.isIP(r.via ?? '');
      if (viaFamily === 0) fail(who, { property: `${rat}.via`, problem: 'must be an IP address', value: r.via, allowed: 'for example 10.0.1.1' });
      if (toFamily > 0 && toFamily !== viaFamily) {
        fail(who, { property: `${rat}.via`, problem: `must be an IPv${toFamily} address, like to`, value: r.via, allowed: `a gateway of the same family as ${r.to}` });
      }
      if (r.metric !== undefined && (!Number.isInteger(r.metric) || r.metric < 0)) {
        fail(who, { property: `${rat}.metric`, problem: 'must be a whole number, at least 0', value: r.metric, allowed: 'for example 100' });
      }
      return sortKeys({ to: r.to, via: r.via, metric: r.metric });
    });
  }
  if (e.nameservers !== undefined) {
    const ns: Record<string, any> = {};
    if (e.nameservers.addresses !== undefined) {
      e.nameservers.addresses.forEach((a, i) => {
        if (net.isIP(a) === 0) fail(who, { property: `${at}.nameservers.addresses[${i}]`, problem: 'must be an IP address', value: a, allowed: 'for example 10.0.1.53 or 2001:db8::53' });
      });
      ns.addresses = e.nameservers.addresses;
    }
    if (e.nameservers.search !== undefined) {
      e.nameservers.search.forEach((s, i) => {
        if (!isHostName(s)) fail(who, { property: `${at}.nameservers.search[${i}]`, problem: 'must be a domain name', value: s, allowed: "RFC 1123 labels joined by '.', for example 'example.com'" });
      });
      ns.search = e.nameservers.search;
    }
    out.nameservers = ns;
  }
  return sortKeys(out);
}

/** 4 or 6 for a valid CIDR, 0 otherwise. */
function cidrFamily(value: string): number {
  if (typeof value !== 'string') return 0;
  const m = /^([^/]+)\/(\d{1,3})$/.exec(value);
  if (!m) return 0;
  const family = net.isIP(m[1]);
  const prefix = Number(m[2]);
  if (family === 4 && prefix <= 32) return 4;
  if (family === 6 && prefix <= 128) return 6;
  return 0;
}
