/**
 * Names that admission accepts but that fail at run time.
 * - A VM name over 63 characters breaks the virt-launcher pod's label (kubevirt issue 1222).
 * - An accessCredentials secret name over 51 characters breaks the pod volume named
 *   `<secret>-access-cred` (pkg/virt-controller/services/rendervolumes.go; kubevirt issue 16277).
 */
import { list, obj, Rule, specRule, violation, Violation } from './types';

/** The longest VM name whose launcher pod labels still work. */
export const MAX_VM_NAME = 63;
/** The longest access-credential secret name: 63 minus `-access-cred`. */
export const MAX_ACCESS_CREDENTIAL_SECRET_NAME = 51;

export const NAME_RULES: Rule[] = [
  {
    id: 'vm-name-length',
    source: 'kubevirt issue 1222 (launcher pod label kubevirt.io/vm, pkg/virt-controller/services/template.go)',
    summary: 'rejects a VirtualMachine or VirtualMachineInstance name over 63 characters (it fails at run time)',
    kinds: ['VirtualMachine', 'VirtualMachineInstance'],
    check(manifest: any): Violation[] {
      const name = obj(obj(manifest).metadata).name;
      return typeof name === 'string' && name.length > MAX_VM_NAME
        ? [violation('vm-name-length', 'metadata.name', `must be at most ${MAX_VM_NAME} characters`, name, `a name of at most ${MAX_VM_NAME} characters`)]
        : [];
    },
  },
  specRule({
    id: 'access-credential-secret-name-length',
    source: 'pkg/virt-controller/services/rendervolumes.go',
    summary: 'rejects an accessCredentials secret name over 51 characters (the pod volume <secret>-access-cred fails at run time)',
    check: ({ spec, path }) => {
      const creds = list(spec.accessCredentials);
      if (creds.length === 0) return []; // nothing to walk: no list, no closure
      const out: Violation[] = [];
      creds.forEach((c, i) => {
        const cred = obj(c);
        for (const type of ['sshPublicKey', 'userPassword']) {
          const name = obj(obj(obj(cred[type]).source).secret).secretName;
          if (typeof name === 'string' && name.length > MAX_ACCESS_CREDENTIAL_SECRET_NAME) {
            out.push(violation('access-credential-secret-name-length', `${path}.accessCredentials[${i}].${type}.source.secret.secretName`,
              `must be at most ${MAX_ACCESS_CREDENTIAL_SECRET_NAME} characters`, name,
              `a name of at most ${MAX_ACCESS_CREDENTIAL_SECRET_NAME} characters (the pod volume adds -access-cred)`));
          }
        }
      });
      return out;
    },
  }),
];
