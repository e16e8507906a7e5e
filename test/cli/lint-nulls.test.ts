/**
 * `lint` and nulls: the API server drops a null in a field that is not nullable (or puts the schema's
 * default there) before it validates (apiextensions-apiserver PruneNonNullableNullsWithoutDefaults), so
 * such a null is a warning (`null-pruned`), not a schema finding, and the rest is validated without it.
 */
import { runCli, useBuiltSchemas } from './support';

const vm = (specExtra: string, templateExtra = ''): string => `apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata: {name: web, namespace: vms}
spec:
  runStrategy: Always${specExtra}
  template:
    spec:
      domain:
        devices: {}
        memory: {guest: 1Gi}${templateExtra}
`;

beforeAll(useBuiltSchemas);

describe('cdk8s-kubevirt lint: nulls the API server prunes', () => {
  test('a null in a field that is not nullable is a warning with the rule id, not a finding', () => {
    const r = runCli(['lint', '-'], vm('\n  instancetype: null'));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('<stdin>:6 VirtualMachine/web warning: spec.instancetype: null in a field that is not nullable; the API server drops the key before it validates and stores the object (apiextensions-apiserver PruneNonNullableNullsWithoutDefaults), so Git and the cluster differ: remove the key (null-pruned)\n');
    expect(r.stderr).toContain('checked 1 object, 0 findings, 1 warning');
  });

  test('a nested null (domain.firmware) is found too, and the object without it is still validated', () => {
    const r = runCli(['lint', '-'], vm('', '\n        firmware: null\n        cpu: {cores: "two"}'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('VirtualMachine/web warning: spec.template.spec.domain.firmware: null in a field that is not nullable');
    expect(r.stdout).toContain('spec.template.spec.domain.cpu.cores must be an integer');
    expect(r.stdout).not.toContain('firmware');
  });

  test('a field the schema marks nullable keeps its null (spec.template.metadata): no warning', () => {
    const r = runCli(['lint', '-'], vm('').replace('  template:\n', '  template:\n    metadata: null\n'));
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('null-pruned');
  });

  test('a null whose schema has a default is replaced by the default, and says so', () => {
    const input = vm('', '\n      volumes:\n      - name: ci\n        cloudInitNoCloud:\n          secretRef: {name: null}');
    const r = runCli(['lint', '-'], input);
    expect(r.stderr).toContain('spec.template.spec.volumes[0].cloudInitNoCloud.secretRef.name: null in a field that is not nullable; the API server replaces it with the schema\'s default "" before it validates');
  });
});
