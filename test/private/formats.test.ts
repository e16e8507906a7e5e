import { imageReferenceProblem } from '../../src/private/image-reference';
import {
  extendedResourceNameProblem, isDns1035Label, isInterfaceName, isNetworkAttachmentName, labelValueProblem, pathSegmentProblem, portNameProblem,
  qualifiedNameProblem,
} from '../../src/private/names';
import { checksumProblem, redactUrl, sourceUrlProblem } from '../../src/private/source-url';

describe('imageReferenceProblem: distribution/reference ParseNormalizedNamed', () => {
  test.each([
    'fedora', 'fedora:41', 'library/fedora', 'quay.io/containerdisks/fedora:41', 'Quay.IO/containerdisks/fedora:41',
    'localhost/vm', 'localhost:5000/vm:1', 'registry.example.com:5000/a/b/c:v1.2.3-rc_1',
    `quay.io/fedora@sha256:${'a'.repeat(64)}`, `quay.io/fedora:41@sha256:${'a'.repeat(64)}`, '[::1]:5000/vm', 'a__b/c--d/e.f',
  ])('accepts %j', ref => {
    expect(imageReferenceProblem(ref)).toBeUndefined();
  });

  test.each([
    ['', 'is empty'],
    ['Quay.IO/Fedora/UPPER:41:42', 'must have a lowercase repository name'],
    ['quay.io/Fedora:41', 'must have a lowercase repository name'],
    ['UBUNTU', 'must have a lowercase repository name'],
    ['quay.io/fedora:41:42', 'is not a valid image reference'],
    ['quay.io/fedora:', 'is not a valid image reference'],
    ['quay.io//fedora', 'is not a valid image reference'],
    ['quay.io/fedora:-41', 'is not a valid image reference'],
    ['quay.io/fedora ', 'is not a valid image reference'],
    [`quay.io/fedora:${'t'.repeat(129)}`, 'is not a valid image reference'],
    ['a'.repeat(64), 'must not be a 64-character hexadecimal image id'],
    [`quay.io/${'a'.repeat(250)}`, 'must have a name of at most 255 characters'],
    [`quay.io/fedora@md5:${'a'.repeat(32)}`, 'must use a sha256, sha384 or sha512 digest'],
    [`quay.io/fedora@sha256:${'a'.repeat(63)}`, 'must have a sha256 digest of 64 lowercase hex digits'],
    [`quay.io/fedora@sha256:${'a'.repeat(65)}`, 'must have a sha256 digest of 64 lowercase hex digits'],
  ])('rejects %j: %s', (ref, problem) => {
    expect(imageReferenceProblem(ref)).toEqual(problem);
  });
});

describe('sourceUrlProblem: CDI v1.66 validateSourceURL / validateDataVolumeSourceRegistry', () => {
  test.each([
    ['http', 'http://example.com/disk.img'], ['http', 'HTTPS://example.com:8443/a/b.qcow2?x=1'], ['http', 'gs://bucket/disk.img'],
    ['s3', 'https://s3.example.com/bucket/disk.img'], ['gcs', 'gs://bucket/o'], ['imageio', 'https://engine/ovirt-engine/api'],
    ['vddk', 'https://vcenter.example.com/sdk'], ['registry', 'docker://quay.io/containerdisks/fedora:41'], ['registry', 'oci-archive:///data/image.tar'],
  ])('%s accepts %j', (source, url) => {
    expect(sourceUrlProblem(source, url)).toBeUndefined();
  });

  test.each([
    ['http', '', 'must not be empty'],
    ['http', 'http://%%%/disk.img', 'must be a valid URL'],
    ['http', 'example.com/disk.img', 'must be a valid URL'],
    ['http', 'http://exa mple.com/disk.img', 'must not contain spaces or control characters'],
    ['http', 'http://example.com/a\nb', 'must not contain spaces or control characters'],
    ['http', 'ftp://example.com/disk.img', 'must use the http://, https:// or gs:// scheme'],
    ['s3', 's3://bucket/disk.img', 'must use the http://, https:// or gs:// scheme'],
    ['http', 'https://user@example.com/d.img', "must not contain credentials (use the source's secretRef)"],
    ['registry', 'https://quay.io/fedora', 'must use the docker:// or oci-archive:// scheme'],
    ['registry', 'docker://Quay.IO/Fedora/UPPER:41:42', 'must name a valid image reference (it must have a lowercase repository name)'],
  ])('%s rejects %j: %s', (source, url, problem) => {
    expect(sourceUrlProblem(source, url)?.problem).toEqual(problem);
  });

  test('redactUrl hides user information and keeps the rest', () => {
    expect(redactUrl('https://admin:hunter2@example.com/d.img')).toEqual('https://***@example.com/d.img');
    expect(redactUrl('https://example.com/a@b')).toEqual('https://example.com/a@b');
  });

  test('checksumProblem: CDI checksum.ParseAndValidate', () => {
    expect(checksumProblem(`SHA256:${'A'.repeat(64)}`)).toBeUndefined();
    expect(checksumProblem(`md5:${'0'.repeat(32)}`)).toBeUndefined();
    expect(checksumProblem('abc')).toEqual("must have the form 'algorithm:hash'");
    expect(checksumProblem('sha256: ')).toEqual('must have a hash value');
    expect(checksumProblem(`crc32:${'0'.repeat(8)}`)).toEqual('must use md5, sha1, sha256 or sha512');
    expect(checksumProblem(`sha1:${'g'.repeat(40)}`)).toEqual('must have 40 hex digits for sha1');
  });
});

describe('names: apimachinery validation', () => {
  test('qualified names (label keys)', () => {
    for (const ok of ['app', 'app.kubernetes.io/name', 'example.com/Upper_Case.x-1', 'a']) expect(qualifiedNameProblem(ok)).toBeUndefined();
    expect(qualifiedNameProblem('bad key!')).toEqual('must be a qualified name');
    expect(qualifiedNameProblem('/x')).toEqual('must have a non-empty prefix before /');
    expect(qualifiedNameProblem('a/b/c')).toEqual("must have at most one '/'");
    expect(qualifiedNameProblem('Example.com/x')).toEqual('must have a DNS-1123 subdomain as prefix');
    expect(qualifiedNameProblem('example.com/')).toEqual('must have a non-empty name');
    expect(qualifiedNameProblem('x'.repeat(64))).toEqual('must have a name of at most 63 characters');
    expect(qualifiedNameProblem('-x')).toEqual('must be a qualified name');
  });

  test('label values', () => {
    for (const ok of ['', 'a', 'A-b_c.d', 'x'.repeat(63)]) expect(labelValueProblem(ok)).toBeUndefined();
    expect(labelValueProblem('x'.repeat(64))).toEqual('must be at most 63 characters');
    expect(labelValueProblem('a b')).toEqual('must be a valid label value');
    expect(labelValueProblem('-a')).toEqual('must be a valid label value');
  });

  test('IANA service names, DNS-1035 labels, path segments, extended resources', () => {
    for (const ok of ['http', 'ssh-2', 'a1']) expect(portNameProblem(ok)).toBeUndefined();
    expect(portNameProblem('123')).toEqual('must contain at least one letter');
    expect(portNameProblem('a--b')).toEqual("must not contain '--'");
    expect(portNameProblem('-ab')).toEqual("must not start or end with '-'");
    expect(isDns1035Label('web-ssh')).toBe(true);
    expect(isDns1035Label('1web')).toBe(false);
    expect(pathSegmentProblem('system:controller')).toBeUndefined();
    expect(pathSegmentProblem('..')).toEqual("must not be '.' or '..'");
    expect(extendedResourceNameProblem('nvidia.com/TU104GL_Tesla_T4')).toBeUndefined();
    expect(extendedResourceNameProblem('devices.kubevirt.io/kvm')).toBeUndefined();
    expect(extendedResourceNameProblem('GPU 1!')).toEqual("must have a domain prefix and '/'");
    expect(extendedResourceNameProblem('example.kubernetes.io/x')).toEqual('must not use the kubernetes.io domain');
    expect(extendedResourceNameProblem('requests.example.com/x')).toEqual("must not start with 'requests.'");
  });
});

describe('isNetworkAttachmentName', () => {
  test('name or namespace/name', () => {
    for (const ok of ['vlan10', 'net.example', 'infra/vlan10']) expect(isNetworkAttachmentName(ok)).toBe(true);
    for (const bad of ['', 'Infra/vlan10', 'a/b/c', 'infra.ns/vlan', 'vlan_10', '/x', 7]) expect(isNetworkAttachmentName(bad)).toBe(false);
  });
});

describe('isInterfaceName: KubeVirt netiface.go validateInterfaceNameFormat', () => {
  test.each(['default', 'eth0', 'Net_1', 'a-b', '0'])('accepts %j', name => {
    expect(isInterfaceName(name)).toBe(true);
  });

  test.each(['', 'eth.0', 'a b', 'net/1', 'ä', 7, undefined])('rejects %j', name => {
    expect(isInterfaceName(name)).toBe(false);
  });
});
