import * as zlib from 'zlib';
import { fail } from '../private/errors';
import { isDns1123Label } from '../private/names';

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
 * @example
 * const config: CloudConfig = {
 *   hostname: 'web',
 *   users: [{ name: 'ops', groups: ['sudo'], shell: '/bin/bash', sshAuthorizedKeys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGV4YW1wbGUta2V5LW9ubHktZm9yLWRvY3MtMDAwMDAwMDA admin@example.com'] }],
 *   packages: ['qemu-guest-agent'],
 *   runcmd: ['systemctl enable --now qemu-guest-agent'],
 * };
 * new Machine(chart, 'web', {
 *   disks: new DiskSet({ root: { source: DiskSource.registry('quay.io/containerdisks/fedora:41') } }),
 *   cloudInit: CloudInit.fromConfig(config),
 * });
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

/** The opt-ins that rendering a cloud-config honours (the fields of `CloudInitOptions` it reads). */
export interface CloudConfigOptIns {
  /** Allow plaintext passwords. */
  readonly allowPasswords?: boolean;
  /** Allow private keys. */
  readonly allowSecrets?: boolean;
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
export const PASSWORD_ALLOWED = 'no passwords in user data: use AccessCredential.userPasswordFromSecret() or CloudInit.fromSecret(), or set allowPasswords: true';
const SECRET_ALLOWED = 'no private keys in cloud-init data: use CloudInit.fromSecret() with a Secret managed outside Git, or set allowSecrets: true';
const PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----/;

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
export const REDACTED = new Redacted();

export function renderCloudConfig(who: string, c: CloudConfig, options: CloudConfigOptIns): Record<string, any> {
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

function renderUser(who: string, at: string, u: CloudInitUser, options: CloudConfigOptIns): Record<string, any> {
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

function renderFile(who: string, at: string, f: CloudInitFile, options: CloudConfigOptIns): Record<string, any> {
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

export function checkNoPrivateKey(who: string, property: string, text: string): void {
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
export function sortKeys(value: any): any {
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

export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf-8');
}

function isHostLabel(value: unknown): boolean {
  // A host name label is a DNS-1123 label in either case (RFC 1123).
  return typeof value === 'string' && isDns1123Label(value.toLowerCase());
}

export function isHostName(value: unknown): boolean {
  return typeof value === 'string' && value.length <= 253 && value.split('.').every(isHostLabel);
}

