import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { CloudConfig } from './cloud-config';
import type * as CloudConfigRender from './cloud-config-render';
import type * as CloudConfigYaml from './cloud-config-yaml';
import { NetworkData } from './network-data';
import { byteLength, checkNoPrivateKey, PASSWORD_ALLOWED, REDACTED } from './user-data-checks';
import type * as kv from '../imports/kubevirt-json';
import { fail } from '../private/errors';
import { k8s, onFirstUse } from '../private/lazy';
import { guardCall } from '../private/lazy-guard';
import { cloudInitSecretName, DNS1123_SUBDOMAIN_ALLOWED, isDns1123Subdomain } from '../private/names';
import { SecretKind } from '../secret-kind';

// The cloud-config rendering and its YAML: loaded at the first `fromConfig`, not when the library is required (see onFirstUse).
/* eslint-disable @typescript-eslint/no-require-imports */
const cloudConfigRender = onFirstUse((): typeof CloudConfigRender => require('./cloud-config-render'));
const cloudConfigYaml = onFirstUse((): typeof CloudConfigYaml => require('./cloud-config-yaml'));
/* eslint-enable @typescript-eslint/no-require-imports */

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
 * Options shared by every kind of `CloudInit`.
 */
export interface CloudInitDatasourceOptions {
  /**
   * How KubeVirt hands the data to the guest.
   * @default CloudInitDatasource.NO_CLOUD
   */
  readonly datasource?: CloudInitDatasource;
}

/**
 * Options of `CloudInit.fromConfig` and `CloudInit.fromUserData`.
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
   * prefer `CloudInit.fromSecret` with a Secret managed outside Git (SealedSecrets,
   * ExternalSecrets).
   * @default false
   */
  readonly allowSecrets?: boolean;
}

/**
 * Options of `CloudInit.fromSecret`.
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

/** The opt-ins of user data without any (shared: never changed, `_secretOptIns` returns a copy). */
const NO_OPT_INS: readonly SecretKind[] = [];

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
 * @example
 * new Machine(chart, 'web', {
 *   disks: new DiskSet({ root: { source: DiskSource.registry('quay.io/containerdisks/fedora:41') } }),
 *   cloudInit: CloudInit.fromConfig({ packages: ['nginx'], runcmd: ['systemctl enable --now nginx'] }),
 * });
 * // user data kept in a Secret of your own (e.g. one with a password)
 * new Machine(chart, 'legacy', {
 *   disks: new DiskSet({ root: { source: DiskSource.registry('quay.io/containerdisks/fedora:41') } }),
 *   cloudInit: CloudInit.fromSecret('legacy-user-data'),
 * });
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
    guardCall(undefined, 'cdk8s-kubevirt.CloudInit', 'fromConfig', [config, options]);
    const who = "CloudInit 'fromConfig'";
    const doc = cloudConfigRender().renderCloudConfig(who, config, options);
    const userData = `#cloud-config\n${cloudConfigYaml().stringifyCloudConfig(doc)}`;
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
    guardCall(undefined, 'cdk8s-kubevirt.CloudInit', 'fromUserData', [userData, options]);
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
    guardCall(undefined, 'cdk8s-kubevirt.CloudInit', 'fromSecret', [secretName, options]);
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
    const networkData = checkNetworkFor(who, options.networkData, datasource);
    return new CloudInit(datasource, undefined, networkData, secretName, options.networkDataSecretName);
  }

  /**
   * Network data alone, with no user data: the image's own cloud-init defaults apply.
   *
   * @param networkData the network configuration
   * @param options the datasource
   */
  public static fromNetworkData(networkData: NetworkData, options: CloudInitDatasourceOptions = {}): CloudInit {
    guardCall(undefined, 'cdk8s-kubevirt.CloudInit', 'fromNetworkData', [networkData, options]);
    const who = "CloudInit 'fromNetworkData'";
    const datasource = options.datasource ?? CloudInitDatasource.NO_CLOUD;
    return new CloudInit(datasource, undefined, checkNetworkFor(who, networkData, datasource), undefined, undefined);
  }

  private static inline(who: string, userData: string, options: CloudInitOptions): CloudInit {
    const datasource = options.datasource ?? CloudInitDatasource.NO_CLOUD;
    const networkData = checkNetworkFor(who, options.networkData, datasource);
    // A machine interface's MAC address is always 17 characters: any one gives the bound size.
    const rendered = networkData?._renderWith(new Map(networkData._machineInterfaces().map(n => [n.name, '02:00:00:00:00:00'])));
    const total = fitsIn(userData.length + (rendered?.length ?? 0), SECRET_LIMIT) ? 0
      : byteLength(userData) + (rendered === undefined ? 0 : byteLength(rendered));
    if (total > SECRET_LIMIT) {
      fail(who, {
        property: 'userData and networkData',
        problem: 'together are too large',
        value: total,
        allowed: `at most ${SECRET_LIMIT} bytes (UTF-8), the limit of a Kubernetes Secret`,
      });
    }
    let optIns = NO_OPT_INS;
    if (options.allowPasswords || options.allowSecrets) {
      const kinds: SecretKind[] = [];
      if (options.allowPasswords) kinds.push(SecretKind.PASSWORD);
      if (options.allowSecrets) kinds.push(SecretKind.PRIVATE_KEY);
      optIns = kinds;
    }
    return new CloudInit(datasource, userData, networkData, undefined, undefined, optIns);
  }

  /** How KubeVirt hands the data to the guest. */
  public readonly datasource: CloudInitDatasource;

  private constructor(
    datasource: CloudInitDatasource,
    private readonly userData: string | undefined,
    private readonly networkData: NetworkData | undefined,
    private readonly userDataSecretName: string | undefined,
    private readonly networkDataSecretName: string | undefined,
    private readonly optIns: readonly SecretKind[] = NO_OPT_INS,
  ) {
    this.datasource = datasource;
  }

  /**
   * The kinds of secret this user data may carry because its author opted in by name
   * (`allowPasswords`, `allowSecrets`); the secret scan of the machine's output honours them.
   * @internal
   */
  public _secretOptIns(): SecretKind[] {
    return [...this.optIns];
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
   * manage (or there is none). Fails when the network data names a machine interface, whose MAC
   * address is known only on a machine (read the machine's `cloudinitdisk` volume instead).
   */
  public renderNetworkData(): string | undefined {
    return this.networkData?.render();
  }

  /**
   * The machine interfaces the network data names (`NetworkEthernet.machineInterface`), with the
   * path of their entry, e.g. `ethernets[1]`.
   * @internal
   */
  public _machineInterfaces(): Array<{ readonly name: string; readonly at: string }> {
    return this.networkData?._machineInterfaces() ?? [];
  }

  /**
   * Binds this CloudInit to one machine. Returns the `cloudinitdisk` volume (plain manifest JSON for
   * `spec.template.spec.volumes[]`) and, when user data or network data is over 2048 bytes, the
   * Secret `{machineName}-cloud-init` created as the child `CloudInitSecret` of `scope`, in the
   * machine's `namespace` (else the chart's). `macs` gives the MAC address of each machine interface
   * the network data names (see `CloudInit._machineInterfaces`); the machine checks them.
   * Call it once per scope. It never throws a KubevirtError: everything is checked when the
   * CloudInit is made, or by the machine.
   *
   * @internal
   */
  public _bind(scope: Construct, machineName: string, namespace?: string,
    macs: ReadonlyMap<string, string> = new Map()): { readonly volume: kv.Volume; readonly secret?: ApiObject } {
    // The noCloud and configDrive sources have the same fields.
    const source: kv.CloudInitNoCloudSource & kv.CloudInitConfigDriveSource = {};
    const secretData: Record<string, string> = {};
    const generatedName = cloudInitSecretName(machineName);

    if (this.userData !== undefined) {
      if (fitsIn(this.userData.length, INLINE_LIMIT) || byteLength(this.userData) <= INLINE_LIMIT) {
        source.userData = this.userData;
      } else {
        source.secretRef = { name: generatedName };
        secretData.userdata = Buffer.from(this.userData, 'utf-8').toString('base64');
      }
    } else if (this.userDataSecretName !== undefined) {
      source.secretRef = { name: this.userDataSecretName };
    }

    const networkData = this.networkData?._renderWith(macs);
    if (networkData !== undefined) {
      if (fitsIn(networkData.length, INLINE_LIMIT) || byteLength(networkData) <= INLINE_LIMIT) {
        source.networkData = networkData;
      } else {
        source.networkDataSecretRef = { name: generatedName };
        secretData.networkdata = Buffer.from(networkData, 'utf-8').toString('base64');
      }
    } else if (this.networkDataSecretName !== undefined) {
      source.networkDataSecretRef = { name: this.networkDataSecretName };
    }

    const secret = Object.keys(secretData).length === 0 ? undefined : new (k8s().KubeSecret)(scope, 'CloudInitSecret', {
      metadata: { name: generatedName, namespace },
      type: 'Opaque',
      data: secretData,
    });
    return { volume: { name: VOLUME_NAME, [this.datasource]: source }, secret };
  }
}

/**
 * True when text of `length` UTF-16 code units is at most `limit` bytes in UTF-8 whatever it holds: a code
 * unit takes at most 3 bytes (a surrogate pair, two units, takes 4). Saves measuring short text.
 */
function fitsIn(length: number, limit: number): boolean {
  return length * 3 <= limit;
}

function checkSecretName(who: string, property: string, name: string): void {
  if (!isDns1123Subdomain(name)) {
    fail(who, { property, problem: 'must be a Secret name', value: name, allowed: DNS1123_SUBDOMAIN_ALLOWED });
  }
}

function checkNetworkFor(who: string, networkData: NetworkData | undefined, datasource: CloudInitDatasource): NetworkData | undefined {
  if (networkData === undefined) return undefined;
  if (networkData._isNetplan && datasource === CloudInitDatasource.CONFIG_DRIVE) {
    fail(who, {
      property: 'networkData',
      problem: 'is netplan, which the ConfigDrive datasource does not read',
      value: 'NetworkData.fromEthernets(...)',
      allowed: 'use CloudInitDatasource.NO_CLOUD, or give OpenStack network_data.json with NetworkData.fromText()',
    });
  }
  return networkData;
}

