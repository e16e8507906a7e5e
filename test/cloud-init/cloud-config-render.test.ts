// Rendering a CloudConfig into the cloud-config document (src/cloud-init/cloud-config-render.ts). The
// properties are tested end to end through CloudInit.fromConfig in cloud-init.test.ts.
import { WriteFileEncoding } from '../../src';
import { renderCloudConfig } from '../../src/cloud-init/cloud-config-render';

describe('renderCloudConfig', () => {
  test('renders typed properties to cloud-init keys, merges extra, and sorts every map', () => {
    const doc = renderCloudConfig('CloudInit', {
      timezone: 'UTC',
      hostname: 'web',
      writeFiles: [{ path: '/etc/motd', content: 'aGk=', encoding: WriteFileEncoding.BASE64, appendToExisting: true, deferred: true }],
      keepDefaultUser: true,
      users: [{ name: 'ops', lockPasswd: true }],
      extra: { ntp: { servers: ['b', 'a'], enabled: true } },
    }, {});
    expect(JSON.stringify(doc)).toEqual(JSON.stringify({
      hostname: 'web',
      ntp: { enabled: true, servers: ['b', 'a'] },
      timezone: 'UTC',
      users: ['default', { lock_passwd: true, name: 'ops' }],
      write_files: [{ append: true, content: 'aGk=', defer: true, encoding: 'b64', path: '/etc/motd' }],
    }));
  });

  test('fails when extra sets a key that a typed property renders', () => {
    expect(() => renderCloudConfig('CloudInit', { hostname: 'web', extra: { hostname: 'db' } }, {})).toThrow(
      'CloudInit: extra.hostname clashes with the typed property hostname: got "db"; set hostname either through hostname or through extra, not both');
  });
});
