/**
 * Renders a `CloudConfig` into the cloud-config document (cloud-init's module keys), checking
 * every property on the way. Internal: CloudInit calls it when it is bound to a machine.
 */
import * as zlib from 'zlib';
import { CloudConfig, CloudInitFile, CloudInitUser, WriteFileEncoding } from './cloud-config';
import { checkNoPrivateKey, checkNoPrivateKeyDeep, isHostLabel, isHostName, PASSWORD_ALLOWED, PRIVATE_KEY, REDACTED } from './user-data-checks';
import { isTimezoneName } from '../private/clock';
import { fail } from '../private/errors';
import { sortKeysDeep } from '../private/json';

/** One entry of `users` (cloud-init's users-groups module), as rendered. */
interface CloudConfigUserEntry {
  name: string;
  groups?: string[];
  sudo?: string;
  shell?: string;
  ssh_authorized_keys?: string[];
  lock_passwd?: boolean;
  plain_text_passwd?: string;
  hashed_passwd?: string;
}

/** One entry of `write_files` (cloud-init's write-files module), as rendered. */
interface WriteFileEntry {
  path: string;
  content: string;
  encoding?: WriteFileEncoding;
  permissions?: string;
  owner?: string;
  append?: boolean;
  defer?: boolean;
}

/** The keys the typed properties of a CloudConfig render to; `extra` adds others. */
interface CloudConfigDocument {
  hostname?: string;
  fqdn?: string;
  users?: Array<'default' | CloudConfigUserEntry>;
  ssh_authorized_keys?: string[];
  ssh_pwauth?: boolean;
  packages?: string[];
  package_update?: boolean;
  package_upgrade?: boolean;
  runcmd?: string[];
  bootcmd?: string[];
  write_files?: WriteFileEntry[];
  timezone?: string;
}

/** The opt-ins that rendering a cloud-config honours (the fields of `CloudInitOptions` it reads). */
export interface CloudConfigOptIns {
  /** Allow plaintext passwords. */
  readonly allowPasswords?: boolean;
  /** Allow private keys. */
  readonly allowSecrets?: boolean;
}

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

const USER_NAME = /^[a-z_][a-z0-9_.-]*\$?$/;
const OWNER = /^[A-Za-z0-9_][A-Za-z0-9_.-]*\$?(:[A-Za-z0-9_][A-Za-z0-9_.-]*\$?)?$/;
const SSH_KEY = /^(ssh-rsa|ssh-ed25519|ecdsa-sha2-nistp(?:256|384|521)|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com) ([A-Za-z0-9+/]+={0,2})(?: .*)?$/;
const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;


/** `allowed` of a user's `sudo`. */
const SUDO_ALLOWED = "a sudoers rule, e.g. 'ALL=(ALL) NOPASSWD:ALL'";

/**
 * Renders and checks a cloud-config: its typed properties, then `extra`, with every map's keys sorted.
 *
 * The typed properties are checked in the order they are declared, then built into a fresh document with
 * every map's keys already in order (what `sortKeysDeep` of the unsorted document gives: no object or list
 * of the input is shared, values of no checked type are copied by `sortKeysDeep`); a property path is
 * built only for an error. With `extra`, the document is merged with it and sorted as a whole.
 */
export function renderCloudConfig(who: string, c: CloudConfig, options: CloudConfigOptIns): Record<string, unknown> {
  if (c.hostname !== undefined && !isHostLabel(c.hostname)) {
    fail(who, { property: 'hostname', problem: 'must be an RFC 1123 host name label', value: c.hostname, allowed: "letters, digits and '-', starting and ending with a letter or digit, at most 63 characters" });
  }
  if (c.fqdn !== undefined && !isHostName(c.fqdn)) {
    fail(who, { property: 'fqdn', problem: 'must be a fully qualified domain name', value: c.fqdn, allowed: "RFC 1123 labels joined by '.', at most 253 characters" });
  }
  let users: Array<'default' | CloudConfigUserEntry> | undefined;
  if (c.users !== undefined) {
    users = c.keepDefaultUser ? ['default'] : [];
    // Two users can share a name only in a list of two or more.
    const seen = c.users.length > 1 ? new Set<string>() : undefined;
    c.users.forEach((u, i) => {
      const rendered = renderUser(who, i, u, options);
      if (seen !== undefined) {
        if (seen.has(u.name)) {
          fail(who, { property: `users[${i}].name`, problem: 'is used twice', value: u.name, allowed: 'a unique name per user' });
        }
        seen.add(u.name);
      }
      users!.push(rendered);
    });
  }
  const sshAuthorizedKeys = c.sshAuthorizedKeys === undefined ? undefined : c.sshAuthorizedKeys.map((k, i) => checkPublicKey(who, -1, i, k));
  const packages = c.packages === undefined ? undefined : c.packages.map((p, i) => nonEmptyItem(who, 'packages', i, p, 'a package name'));
  const runcmd = c.runcmd === undefined ? undefined : c.runcmd.map((cmd, i) => nonEmptyItem(who, 'runcmd', i, cmd, 'a shell command'));
  const bootcmd = c.bootcmd === undefined ? undefined : c.bootcmd.map((cmd, i) => nonEmptyItem(who, 'bootcmd', i, cmd, 'a shell command'));
  const writeFiles = c.writeFiles === undefined ? undefined : c.writeFiles.map((f, i) => renderFile(who, `writeFiles[${i}]`, f, options));
  if (c.timezone !== undefined && !isTimezoneName(c.timezone)) {
    fail(who, { property: 'timezone', problem: 'must be an IANA time zone name', value: c.timezone, allowed: "for example 'UTC' or 'Europe/Oslo'" });
  }

  // The keys in order (code units): bootcmd, fqdn, hostname, package_update, package_upgrade, packages,
  // runcmd, ssh_authorized_keys, ssh_pwauth, timezone, users, write_files.
  const doc: CloudConfigDocument = {};
  if (bootcmd !== undefined) doc.bootcmd = bootcmd;
  if (c.fqdn !== undefined) doc.fqdn = c.fqdn;
  if (c.hostname !== undefined) doc.hostname = c.hostname;
  if (c.packageUpdate !== undefined) doc.package_update = sortKeysDeep(c.packageUpdate);
  if (c.packageUpgrade !== undefined) doc.package_upgrade = sortKeysDeep(c.packageUpgrade);
  if (packages !== undefined) doc.packages = packages;
  if (runcmd !== undefined) doc.runcmd = runcmd;
  if (sshAuthorizedKeys !== undefined) doc.ssh_authorized_keys = sshAuthorizedKeys;
  if (c.sshPwauth !== undefined) doc.ssh_pwauth = sortKeysDeep(c.sshPwauth);
  if (c.timezone !== undefined) doc.timezone = c.timezone;
  if (users !== undefined) doc.users = users;
  if (writeFiles !== undefined) doc.write_files = writeFiles;

  if (!options.allowPasswords) checkNoPasswordKeys(who, 'extra', c.extra);
  const extraKeys = c.extra === undefined || c.extra === null ? [] : Object.keys(c.extra);
  if (extraKeys.length === 0) {
    if (!options.allowSecrets) checkNoPrivateKeyDeep(who, c, '');
    return doc as Record<string, unknown>;
  }
  const merged: Record<string, unknown> = { ...doc };
  for (const key of extraKeys.sort()) {
    const value = c.extra![key];
    if (value === undefined) continue;
    if (Object.prototype.hasOwnProperty.call(merged, key)) {
      const typed = Object.keys(TYPED_KEYS).find(t => TYPED_KEYS[t] === key);
      fail(who, {
        property: `extra.${key}`,
        problem: `clashes with the typed property ${typed}`,
        value,
        allowed: `set ${key} either through ${typed} or through extra, not both`,
      });
    }
    merged[key] = value;
  }
  if (!options.allowSecrets) checkNoPrivateKeyDeep(who, c, '');
  return sortKeysDeep(merged);
}

/** A user's entry, its keys in order: groups, hashed_passwd, lock_passwd, name, plain_text_passwd, shell, ssh_authorized_keys, sudo. */
function renderUser(who: string, index: number, u: CloudInitUser, options: CloudConfigOptIns): CloudConfigUserEntry {
  if (u.name === 'default') {
    fail(who, { property: `users[${index}].name`, problem: "is the name cloud-init keeps for the image's default user", value: u.name, allowed: 'set keepDefaultUser: true to keep the default user' });
  }
  if (!isUserName(u.name)) failUserName(who, `users[${index}].name`, u.name);
  if (u.groups !== undefined) {
    u.groups.forEach((g, i) => {
      if (!isUserName(g)) failUserName(who, `users[${index}].groups[${i}]`, g);
    });
  }
  if (u.sudo !== undefined && !isNonEmpty(u.sudo)) failEmpty(who, `users[${index}].sudo`, u.sudo, SUDO_ALLOWED);
  if (u.shell !== undefined && !u.shell.startsWith('/')) {
    fail(who, { property: `users[${index}].shell`, problem: 'must be an absolute path', value: u.shell, allowed: "for example '/bin/bash'" });
  }
  const sshAuthorizedKeys = u.sshAuthorizedKeys === undefined ? undefined : u.sshAuthorizedKeys.map((k, i) => checkPublicKey(who, index, i, k));
  const plainTextPassword = u.plainTextPassword;
  if (plainTextPassword !== undefined && !options.allowPasswords) failPassword(who, index, 'plainTextPassword');
  const hashedPassword = u.hashedPassword;
  if (hashedPassword !== undefined && !options.allowPasswords) failPassword(who, index, 'hashedPassword');

  const out = {} as CloudConfigUserEntry;
  if (u.groups !== undefined) out.groups = sortKeysDeep(u.groups);
  if (hashedPassword !== undefined) out.hashed_passwd = sortKeysDeep(hashedPassword);
  if (u.lockPasswd !== undefined) out.lock_passwd = sortKeysDeep(u.lockPasswd);
  out.name = u.name;
  if (plainTextPassword !== undefined) out.plain_text_passwd = sortKeysDeep(plainTextPassword);
  if (u.shell !== undefined) out.shell = sortKeysDeep(u.shell);
  if (sshAuthorizedKeys !== undefined) out.ssh_authorized_keys = sshAuthorizedKeys;
  if (u.sudo !== undefined) out.sudo = u.sudo;
  return out;
}

function failPassword(who: string, index: number, prop: string): never {
  fail(who, { property: `users[${index}].${prop}`, problem: 'is refused: the password would be readable in the synthesized YAML', value: REDACTED, allowed: PASSWORD_ALLOWED });
}

/** A file's entry, its keys in order: append, content, defer, encoding, owner, path, permissions. */
function renderFile(who: string, at: string, f: CloudInitFile, options: CloudConfigOptIns): WriteFileEntry {
  if (typeof f.path !== 'string' || !f.path.startsWith('/') || f.path.length < 2) {
    fail(who, { property: `${at}.path`, problem: 'must be an absolute path', value: f.path, allowed: "for example '/etc/motd'" });
  }
  if (typeof f.content !== 'string') {
    fail(who, { property: `${at}.content`, problem: 'must be a string', value: f.content, allowed: 'the file content, encoded as encoding says' });
  }
  if (f.encoding !== undefined) {
    if (!BASE64.test(f.content)) {
      fail(who, { property: `${at}.content`, problem: 'must be base64', value: f.content, allowed: `base64 text, because encoding is ${f.encoding}` });
    }
    if (!options.allowSecrets) checkNoPrivateKey(who, `${at}.content`, decodeContent(f.content, f.encoding));
  }
  if (f.permissions !== undefined) {
    if (!/^0?[0-7]{3,4}$/.test(f.permissions) || f.permissions.length > 4) {
      fail(who, { property: `${at}.permissions`, problem: 'must be an octal file mode', value: f.permissions, allowed: "three or four octal digits as a string, for example '0644'" });
    }
  }
  if (f.owner !== undefined) {
    if (!OWNER.test(f.owner)) {
      fail(who, { property: `${at}.owner`, problem: "must be 'user' or 'user:group'", value: f.owner, allowed: "for example 'root:root'" });
    }
  }
  const out = {} as WriteFileEntry;
  if (f.appendToExisting !== undefined) out.append = sortKeysDeep(f.appendToExisting);
  out.content = f.content;
  if (f.deferred !== undefined) out.defer = sortKeysDeep(f.deferred);
  if (f.encoding !== undefined) out.encoding = sortKeysDeep(f.encoding);
  if (f.owner !== undefined) out.owner = sortKeysDeep(f.owner);
  out.path = f.path;
  if (f.permissions !== undefined) out.permissions = sortKeysDeep(f.permissions);
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

const USER_NAME_ALLOWED = "lowercase letters, digits, '_', '-' and '.', starting with a letter or '_', at most 32 characters";

function isUserName(name: unknown): boolean {
  return typeof name === 'string' && name.length <= 32 && USER_NAME.test(name);
}

function failUserName(who: string, property: string, name: unknown): never {
  fail(who, { property, problem: 'must be a Linux user or group name', value: name, allowed: USER_NAME_ALLOWED });
}

/** Keys that passed `checkPublicKey` (the check depends on the key alone; a fleet repeats a few keys). */
const goodPublicKeys = new Set<string>();

/** Checks `sshAuthorizedKeys[index]` of the config (user -1) or of `users[user]`; returns it trimmed. */
function checkPublicKey(who: string, user: number, index: number, key: string): string {
  if (goodPublicKeys.has(key)) return key.trim();
  const property = user < 0 ? `sshAuthorizedKeys[${index}]` : `users[${user}].sshAuthorizedKeys[${index}]`;
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
  if (goodPublicKeys.size >= 1000) goodPublicKeys.clear();
  goodPublicKeys.add(key);
  return key.trim();
}

function isNonEmpty(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

function failEmpty(who: string, property: string, value: unknown, allowed: string): never {
  fail(who, { property, problem: 'must not be empty', value, allowed });
}

/** `list[index]`, checked not empty. */
function nonEmptyItem(who: string, list: string, index: number, value: string, allowed: string): string {
  if (!isNonEmpty(value)) failEmpty(who, `${list}[${index}]`, value, allowed);
  return value;
}

/** Walks `extra` for keys that carry passwords (at any depth). */
function checkNoPasswordKeys(who: string, at: string, value: unknown): void {
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
