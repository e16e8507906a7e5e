import { CloudInitDatasource } from './cloud-init';
import type * as kv from '../imports/kubevirt-json';
import { fail } from '../private/errors';
import { guardCall } from '../private/lazy-guard';
import { isDns1123Label } from '../private/names';

/**
 * How KubeVirt puts SSH public keys from a Secret into the guest.
 *
 * @see https://kubevirt.io/user-guide/user_workloads/accessing_virtual_machines/#dynamic-ssh-public-key-injection-via-qemu-guest-agent
 */
export enum SshPropagation {
  /**
   * The QEMU guest agent writes the keys into the listed users' `authorized_keys`, and keeps them in
   * step with the Secret while the VM runs. Needs the guest agent in the image.
   */
  QEMU_GUEST_AGENT = 'qemuGuestAgent',
  /** cloud-init reads the keys once, at first boot, from the NoCloud metadata. Needs a NoCloud CloudInit. */
  NO_CLOUD = 'noCloud',
  /** cloud-init reads the keys once, at first boot, from the config drive metadata. Needs a ConfigDrive CloudInit. */
  CONFIG_DRIVE = 'configDrive',
}

/**
 * Options of `AccessCredential.sshFromSecret`.
 */
export interface SshAccessCredentialOptions {
  /** How the keys reach the guest. */
  readonly propagation: SshPropagation;

  /**
   * The guest users whose `authorized_keys` the guest agent manages. Required with
   * `SshPropagation.QEMU_GUEST_AGENT`, and only allowed with it (with NoCloud and ConfigDrive the keys
   * go to cloud-init's default user).
   * @default - none
   */
  readonly users?: string[];
}

/**
 * What a secret name for accessCredentials allows, for error messages. KubeVirt names the launcher
 * pod's volume `<secret>-access-cred`, and a pod volume name is a DNS-1123 label, so the Secret name
 * must be a label (no '.') of at most 51 characters, although Kubernetes would accept any subdomain
 * as a Secret name.
 */
const SECRET_NAME_ALLOWED = "a DNS-1123 label of at most 51 characters: lowercase letters, digits and '-', starting and ending with a letter or digit (the launcher pod's volume '<secret>-access-cred' must be a label)";

/** The most characters of an accessCredentials secret name (kubevirt issue 16277). */
const SECRET_NAME_MAX = 51;

/**
 * A credential that KubeVirt puts into the guest from a Secret (an entry of
 * `spec.template.spec.accessCredentials`). Give it to a machine.
 *
 * The Secret itself is not generated: create it outside Git, for example with SealedSecrets or
 * ExternalSecrets. Its keys are free; every value is one SSH public key (or several, one per line),
 * or, for passwords, the key is the user name and the value the password.
 *
 * @see https://kubevirt.io/user-guide/user_workloads/accessing_virtual_machines/
 */
export class AccessCredential {
  /**
   * SSH public keys from a Secret (`sshPublicKey`).
   *
   * @param secretName the Secret in the machine's namespace; at most 51 characters
   * @param options how the keys reach the guest
   */
  public static sshFromSecret(secretName: string, options: SshAccessCredentialOptions): AccessCredential {
    guardCall(undefined, 'cdk8s-kubevirt.AccessCredential', 'sshFromSecret', [secretName, options]);
    const who = "AccessCredential 'sshFromSecret'";
    checkSecretName(who, secretName);
    const propagation = options?.propagation;
    if (!Object.values(SshPropagation).includes(propagation)) {
      fail(who, { property: 'propagation', problem: 'must be an SshPropagation', value: propagation, allowed: 'QEMU_GUEST_AGENT, NO_CLOUD or CONFIG_DRIVE' });
    }
    let method: kv.At<kv.At<kv.AccessCredential, 'sshPublicKey'>, 'propagationMethod'>;
    if (propagation === SshPropagation.QEMU_GUEST_AGENT) {
      const users = options.users ?? [];
      if (users.length === 0) {
        fail(who, {
          property: 'users',
          problem: 'must name at least one user with qemuGuestAgent propagation',
          value: options.users,
          allowed: "the guest users whose authorized_keys the agent manages, for example ['fedora']",
          ruleId: 'access-credential-guest-agent-users',
        });
      }
      users.forEach((u, i) => {
        if (typeof u !== 'string' || !/^[a-z_][a-z0-9_.-]*\$?$/.test(u) || u.length > 32) {
          fail(who, { property: `users[${i}]`, problem: 'must be a Linux user name', value: u, allowed: "lowercase letters, digits, '_', '-' and '.', starting with a letter or '_', at most 32 characters" });
        }
        if (users.indexOf(u) !== i) {
          fail(who, { property: `users[${i}]`, problem: 'is listed twice', value: u, allowed: 'each user once (the list is a set)' });
        }
      });
      method = { qemuGuestAgent: { users: [...users] } };
    } else {
      if (options.users !== undefined) {
        fail(who, {
          property: 'users',
          problem: `is only for qemuGuestAgent propagation, not ${propagation}`,
          value: options.users,
          allowed: 'leave users unset: cloud-init gives the keys to its default user',
        });
      }
      method = { [propagation]: {} };
    }
    return new AccessCredential(secretName, {
      sshPublicKey: { propagationMethod: method, source: { secret: { secretName } } },
    }, propagation);
  }

  /**
   * Passwords from a Secret (`userPassword`), set by the QEMU guest agent: each key of the Secret is
   * a user name and its value the password. Needs the guest agent in the image.
   *
   * @param secretName the Secret in the machine's namespace; at most 51 characters
   */
  public static userPasswordFromSecret(secretName: string): AccessCredential {
    guardCall(undefined, 'cdk8s-kubevirt.AccessCredential', 'userPasswordFromSecret', [secretName]);
    checkSecretName("AccessCredential 'userPasswordFromSecret'", secretName);
    return new AccessCredential(secretName, {
      userPassword: { propagationMethod: { qemuGuestAgent: {} }, source: { secret: { secretName } } },
    }, SshPropagation.QEMU_GUEST_AGENT);
  }

  /** The name of the Secret the credential comes from. */
  public readonly secretName: string;

  /** How the credential reaches the guest (always the guest agent for passwords). */
  public readonly propagation: SshPropagation;

  private readonly json: kv.AccessCredential;

  private constructor(secretName: string, json: kv.AccessCredential, propagation: SshPropagation) {
    this.secretName = secretName;
    this.json = json;
    this.propagation = propagation;
  }

  /**
   * The cloud-init datasource this credential needs on the same machine (KubeVirt rejects a noCloud
   * credential without a cloudInitNoCloud volume, and a configDrive one without a
   * cloudInitConfigDrive volume), or undefined when it needs none.
   *
   * @internal
   */
  public get _requiredDatasource(): CloudInitDatasource | undefined {
    switch (this.propagation) {
      case SshPropagation.NO_CLOUD: return CloudInitDatasource.NO_CLOUD;
      case SshPropagation.CONFIG_DRIVE: return CloudInitDatasource.CONFIG_DRIVE;
      default: return undefined;
    }
  }

  /**
   * The entry of `spec.template.spec.accessCredentials` (plain manifest JSON, a fresh copy).
   *
   * @internal
   */
  public _toKube(): kv.AccessCredential {
    return JSON.parse(JSON.stringify(this.json));
  }
}

function checkSecretName(who: string, secretName: string): void {
  // Characters first, then length, so that each message names one problem.
  if (typeof secretName !== 'string' || !isDns1123Label(secretName.slice(0, 63))) {
    fail(who, { property: 'secretName', problem: 'must be a DNS-1123 label', value: secretName, allowed: SECRET_NAME_ALLOWED });
  }
  if (secretName.length > SECRET_NAME_MAX) {
    fail(who, {
      property: 'secretName',
      problem: `is too long (${secretName.length} characters)`,
      value: secretName,
      allowed: `at most ${SECRET_NAME_MAX} characters, because the launcher pod's volume is named '<secret>-access-cred' and must fit in 63`,
      ruleId: 'access-credential-secret-name-length',
    });
  }
}
