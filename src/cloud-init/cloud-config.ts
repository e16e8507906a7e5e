// The cloud-config a CloudInit carries: its public properties. Rendered and checked by cloud-config-render.ts.

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
