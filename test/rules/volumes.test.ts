import { messages, vmWith, VMI } from './fixtures';
import { expectConformant } from '../support/conformance';

function withCloudInit(ci: any, kind = 'cloudInitNoCloud'): any {
  return vmWith(spec => {
    spec.domain.devices.disks.push({ name: 'cloudinit', disk: { bus: 'virtio' } });
    spec.volumes.push({ name: 'cloudinit', [kind]: ci });
  });
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

describe('volume rules', () => {
  test('fails when two volumes share a name (volume-name-unique)', () => {
    const vm = vmWith(spec => {
      spec.volumes.push({ name: 'root', emptyDisk: { capacity: '1Gi' } });
    });
    expect(messages(vm)).toEqual([
      `${VMI}.volumes[1].name must be unique among volumes: got "root"; a name no other volume uses (volume-name-unique)`,
    ]);
  });

  test('fails when a volume has two sources (volume-one-source)', () => {
    const vm = vmWith(spec => {
      spec.volumes[0].emptyDisk = { capacity: '1Gi' };
    });
    expect(messages(vm)).toEqual([
      `${VMI}.volumes[0] must set exactly one volume source (volume "root"): got ["containerDisk","emptyDisk"]; exactly one of cloudInitConfigDrive, cloudInitNoCloud, `
      + 'configMap, containerDisk, containerPath, dataVolume, downwardAPI, downwardMetrics, emptyDisk, ephemeral, hostDisk, memoryDump, persistentVolumeClaim, secret, '
      + 'serviceAccount, sysprep (volume-one-source)',
    ]);
  });

  test('fails when a volume has no source (volume-one-source)', () => {
    const vm = vmWith(spec => {
      delete spec.volumes[0].containerDisk;
    });
    expect(messages(vm)[0]).toMatch(/^spec\.template\.spec\.volumes\[0\] must set exactly one volume source \(volume "root"\): got \[\]; .*\(volume-one-source\)$/);
    expect(messages(vm)).toHaveLength(1);
  });

  test('fails when a secret volume has no secretName (volume-source-name-required)', () => {
    const vm = vmWith(spec => {
      spec.domain.devices.disks.push({ name: 'config', disk: { bus: 'virtio' } });
      spec.volumes.push({ name: 'config', secret: {} });
    });
    expect(messages(vm)).toEqual([
      `${VMI}.volumes[1].secret.secretName must be set: got undefined; the name of the Secret (volume-source-name-required)`,
    ]);
  });

  test('fails when a dataVolume volume has an empty name (volume-source-name-required)', () => {
    const vm = vmWith(spec => {
      spec.volumes[0] = { name: 'root', dataVolume: { name: '' } };
    });
    expect(messages(vm)).toEqual([
      `${VMI}.volumes[0].dataVolume.name must be set: got ""; the name of the DataVolume (volume-source-name-required)`,
    ]);
  });

  test('fails when there are two serviceAccount volumes (volume-singleton)', () => {
    const vm = vmWith(spec => {
      spec.domain.devices.disks.push({ name: 'sa1', disk: { bus: 'virtio' } }, { name: 'sa2', disk: { bus: 'virtio' } });
      spec.volumes.push({ name: 'sa1', serviceAccount: { serviceAccountName: 'a' } }, { name: 'sa2', serviceAccount: { serviceAccountName: 'b' } });
    });
    expect(messages(vm)).toEqual([
      `${VMI}.volumes[2].serviceAccount must not appear in more than one volume (volume "sa2"): got {"serviceAccountName":"b"}; at most one serviceAccount volume (volume-singleton)`,
    ]);
  });

  test('accepts valid cloud-init volumes of both kinds, schema included', () => {
    for (const kind of ['cloudInitNoCloud', 'cloudInitConfigDrive']) {
      const vm = withCloudInit({ userData: '#cloud-config\n', networkDataBase64: b64('version: 2\n') }, kind);
      expectConformant([vm]);
      expect(messages(vm)).toEqual([]);
    }
    expect(messages(withCloudInit({ secretRef: { name: 'ud' }, networkDataSecretRef: { name: 'nd' } }))).toEqual([]);
    expect(messages(withCloudInit({ userData: 'x'.repeat(2048) }))).toEqual([]);
    expect(messages(withCloudInit({ userDataBase64: `${b64('x'.repeat(2048)).slice(0, 40)}\n${b64('x'.repeat(2048)).slice(40)}` }))).toEqual([]);
  });
});

describe('cloud-init rules', () => {
  test('fails when userData and secretRef are both set (cloud-init-user-data-one-of)', () => {
    expect(messages(withCloudInit({ userData: '#cloud-config\n', secretRef: { name: 'ud' } }))).toEqual([
      `${VMI}.volumes[1].cloudInitNoCloud must set at most one of userData, userDataBase64, secretRef: got ["userData","secretRef"]; `
      + 'one of userData, userDataBase64, secretRef (cloud-init-user-data-one-of)',
    ]);
  });

  test('fails when networkData and networkDataSecretRef are both set (cloud-init-network-data-one-of)', () => {
    expect(messages(withCloudInit({ networkData: 'version: 2\n', networkDataSecretRef: { name: 'nd' } }, 'cloudInitConfigDrive'))).toEqual([
      `${VMI}.volumes[1].cloudInitConfigDrive must set at most one of networkData, networkDataBase64, networkDataSecretRef: got ["networkData","networkDataSecretRef"]; `
      + 'one of networkData, networkDataBase64, networkDataSecretRef (cloud-init-network-data-one-of)',
    ]);
  });

  test('fails when a cloud-init volume has no data (cloud-init-data-required)', () => {
    expect(messages(withCloudInit({}))).toEqual([
      `${VMI}.volumes[1].cloudInitNoCloud must set user data or network data: got {}; `
      + 'at least one of userData, userDataBase64, secretRef, networkData, networkDataBase64, networkDataSecretRef (cloud-init-data-required)',
    ]);
  });

  test('fails when inline userData is over 2048 bytes (cloud-init-user-data-size)', () => {
    // 1025 two-byte characters: 1025 characters, 2050 bytes.
    expect(messages(withCloudInit({ userData: 'é'.repeat(1025) }))).toEqual([
      `${VMI}.volumes[1].cloudInitNoCloud.userData must be at most 2048 bytes after decoding: got "2050 bytes"; `
      + 'inline user data up to 2048 bytes; put larger user data in a Secret and reference it with secretRef (cloud-init-user-data-size)',
    ]);
  });

  test('fails when userDataBase64 decodes to over 2048 bytes (cloud-init-user-data-size)', () => {
    expect(messages(withCloudInit({ userDataBase64: b64('x'.repeat(2049)) }))).toEqual([
      `${VMI}.volumes[1].cloudInitNoCloud.userDataBase64 must be at most 2048 bytes after decoding: got "2049 bytes"; `
      + 'inline user data up to 2048 bytes; put larger user data in a Secret and reference it with secretRef (cloud-init-user-data-size)',
    ]);
  });

  test('fails when inline networkData is over 2048 bytes (cloud-init-network-data-size)', () => {
    expect(messages(withCloudInit({ networkDataBase64: b64('n'.repeat(3000)) }, 'cloudInitConfigDrive'))).toEqual([
      `${VMI}.volumes[1].cloudInitConfigDrive.networkDataBase64 must be at most 2048 bytes after decoding: got "3000 bytes"; `
      + 'inline network data up to 2048 bytes; put larger network data in a Secret and reference it with networkDataSecretRef (cloud-init-network-data-size)',
    ]);
  });

  test('fails when userDataBase64 is not base64 (cloud-init-base64)', () => {
    expect(messages(withCloudInit({ userDataBase64: '#cloud-config' }))).toEqual([
      `${VMI}.volumes[1].cloudInitNoCloud.userDataBase64 must be valid base64: got "#cloud-config"; standard base64 with padding (A-Z, a-z, 0-9, +, /, =) (cloud-init-base64)`,
    ]);
  });

  test('fails when networkDataBase64 lacks padding (cloud-init-base64)', () => {
    expect(messages(withCloudInit({ networkDataBase64: 'YWI' }))).toEqual([
      `${VMI}.volumes[1].cloudInitNoCloud.networkDataBase64 must be valid base64: got "YWI"; standard base64 with padding (A-Z, a-z, 0-9, +, /, =) (cloud-init-base64)`,
    ]);
  });
});
