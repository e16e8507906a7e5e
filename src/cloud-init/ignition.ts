import { CloudInit, CloudInitDatasource } from './cloud-init';
import { checkNoPrivateKey, REDACTED } from './user-data-checks';
import { fail } from '../private/errors';
import { sortKeysDeep } from '../private/json';
import { guardCall } from '../private/lazy-guard';

/** Opt-ins of an `Ignition` config. */
export interface IgnitionOptions {
  /**
   * Allow `passwordHash` in `passwd.users`. It is written to the synthesized YAML (and to Git), so it
   * is refused by default.
   * @default false
   */
  readonly allowPasswords?: boolean;
  /**
   * Allow private keys (`-----BEGIN … PRIVATE KEY-----`) in the config, which would be written to
   * the synthesized YAML in the clear.
   * @default false
   */
  readonly allowSecrets?: boolean;
}

/** Ignition spec versions Fedora CoreOS and Flatcar read: 2.x (Flatcar's older releases) and 3.x. */
const VERSION = /^[23]\.\d+\.\d+(-experimental)?$/;

/**
 * An Ignition config for Fedora CoreOS, Flatcar or RHCOS, delivered to the guest on a config drive.
 *
 * Ignition's KubeVirt platform reads the config from the `config-2` config drive, at
 * `openstack/latest/user_data` (coreos/ignition `internal/providers/kubevirt/kubevirt.go`,
 * `fetchConfig`), so `toCloudInit()` renders a `cloudInitConfigDrive` volume whose `userData` is the
 * JSON (in a generated Secret when over 2048 bytes). That needs no feature gate. KubeVirt's other path,
 * the `kubevirt.io/ignitiondata` annotation, is passed to QEMU with `-fw_cfg` (KubeVirt v1.9
 * `pkg/virt-launcher/virtwrap/converter/compute/qemu_cmd.go`) and is rejected unless the alpha
 * `ExperimentalIgnitionSupport` feature gate is on (`vmi-create-admitter.go`); it is not used here.
 *
 * The config is JSON, as Ignition reads it; Butane YAML must be transpiled with `butane` first.
 *
 * @example
 * new Machine(chart, 'fcos', {
 *   disks: new DiskSet({ root: { source: DiskSource.containerDisk('quay.io/containerdisks/fedora-coreos:stable') } }),
 *   cloudInit: Ignition.fromConfig({ ignition: { version: '3.4.0' }, passwd: { users: [{ name: 'core', sshAuthorizedKeys: ['ssh-ed25519 AAAA…'] }] } }).toCloudInit(),
 * });
 * @see https://docs.fedoraproject.org/en-US/fedora-coreos/provisioning-kubevirt/
 */
export class Ignition {
  /**
   * An Ignition config as a JSON object. It must have `ignition.version` (2.x or 3.x). Keys are
   * written sorted, so the output does not depend on the order the object was built in.
   */
  public static fromConfig(config: { [key: string]: any }, options: IgnitionOptions = {}): Ignition {
    guardCall(undefined, 'cdk8s-kubevirt.Ignition', 'fromConfig', [config, options]);
    const who = "Ignition 'fromConfig'";
    if (config === null || typeof config !== 'object' || Array.isArray(config)) {
      fail(who, { property: 'config', problem: 'must be a JSON object', value: config, allowed: "e.g. { ignition: { version: '3.4.0' } }" });
    }
    return new Ignition(who, config, JSON.stringify(sortKeysDeep(config)), options);
  }

  /** An Ignition config as JSON text (e.g. the output of `butane`), kept as written. */
  public static fromText(json: string, options: IgnitionOptions = {}): Ignition {
    guardCall(undefined, 'cdk8s-kubevirt.Ignition', 'fromText', [json, options]);
    const who = "Ignition 'fromText'";
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      // The parser's message quotes the text, which may hold secrets: only the length is shown.
      return fail(who, { property: 'json', problem: 'is not valid JSON', value: typeof json === 'string' ? `${json.length} characters` : json, allowed: 'an Ignition config in JSON; transpile Butane YAML with butane first' });
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      fail(who, { property: 'json', problem: 'must be a JSON object', value: parsed, allowed: 'e.g. {"ignition":{"version":"3.4.0"}}' });
    }
    return new Ignition(who, parsed as IgnitionJson, json, options);
  }

  /** The Ignition spec version, e.g. `3.4.0`. */
  public readonly version: string;
  private readonly text: string;
  private readonly allowSecrets: boolean;
  private readonly allowPasswords: boolean;

  private constructor(who: string, config: IgnitionJson, text: string, options: IgnitionOptions) {
    const version = config.ignition?.version;
    if (typeof version !== 'string' || !VERSION.test(version)) {
      fail(who, { property: 'ignition.version', problem: 'must be an Ignition spec version', value: version, allowed: 'a 2.x or 3.x version such as 3.4.0 (Fedora CoreOS needs 3.x)' });
    }
    if (!options.allowPasswords) {
      const users: unknown[] = Array.isArray(config.passwd?.users) ? config.passwd.users : [];
      users.forEach((u, i) => {
        if (u && typeof u === 'object' && (u as { passwordHash?: unknown }).passwordHash !== undefined) {
          fail(who, { property: `passwd.users[${i}].passwordHash`, problem: 'sets a password', value: REDACTED, allowed: 'no passwords in Ignition configs kept in Git: use sshAuthorizedKeys, or set allowPasswords: true' });
        }
      });
    }
    if (!options.allowSecrets) checkNoPrivateKey(who, 'config', text);
    this.version = version;
    this.text = text;
    this.allowSecrets = options.allowSecrets ?? false;
    this.allowPasswords = options.allowPasswords ?? false;
  }

  /** The config exactly as the guest receives it. */
  public render(): string {
    return this.text;
  }

  /** The `cloudInitConfigDrive` delivery for a machine's `cloudInit` prop. */
  public toCloudInit(): CloudInit {
    return CloudInit.fromUserData(this.text, {
      datasource: CloudInitDatasource.CONFIG_DRIVE,
      allowSecrets: this.allowSecrets,
      allowPasswords: this.allowPasswords,
    });
  }
}

/** The parts of an Ignition config the checks read; the rest is free-form user JSON. */
interface IgnitionJson {
  readonly ignition?: { readonly version?: unknown };
  readonly passwd?: { readonly users?: unknown };
}

