import { messages, validVm, vmWith, VMI } from './fixtures';

describe('run-time name rules', () => {
  test('accepts a 63-character VM name and a 51-character secret name', () => {
    const vm = vmWith(spec => {
      spec.accessCredentials = [{ sshPublicKey: { source: { secret: { secretName: 's'.repeat(51) } }, propagationMethod: { qemuGuestAgent: { users: ['u'] } } } }];
    });
    vm.metadata.name = 'v'.repeat(63);
    expect(messages(vm)).toEqual([]);
  });

  test('fails when the VM name is 64 characters (vm-name-length)', () => {
    const vm = validVm();
    vm.metadata.name = 'v'.repeat(64);
    expect(messages(vm)).toEqual([`metadata.name must be at most 63 characters: got "${'v'.repeat(64)}"; a name of at most 63 characters (vm-name-length)`]);
  });

  test('fails when an access-credential secret name is 52 characters (access-credential-secret-name-length)', () => {
    const vm = vmWith(spec => {
      spec.accessCredentials = [{ userPassword: { source: { secret: { secretName: 's'.repeat(52) } }, propagationMethod: { qemuGuestAgent: {} } } }];
    });
    expect(messages(vm)).toEqual([
      `${VMI}.accessCredentials[0].userPassword.source.secret.secretName must be at most 51 characters: got "${'s'.repeat(52)}"; `
      + 'a name of at most 51 characters (the pod volume adds -access-cred) (access-credential-secret-name-length)',
    ]);
  });
});
