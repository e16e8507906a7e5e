/**
 * Shared fixtures for the rule tests: a minimal valid VirtualMachine and VirtualMachinePool (schema-valid,
 * zero violations), and helpers to break one thing at a time.
 */
import { checkManifest, formatViolation } from '../../src/rules';

/** Where the VMI spec sits in a VirtualMachine. */
export const VMI = 'spec.template.spec';
/** Where the VMI spec sits in a VirtualMachinePool. */
export const POOL_VMI = 'spec.virtualMachineTemplate.spec.template.spec';

/** The VM spec (runStrategy, template) shared by the VM and the pool fixtures. */
function vmSpec(labels: Record<string, string>): any {
  return {
    runStrategy: 'Always',
    template: {
      metadata: { labels },
      spec: {
        domain: {
          cpu: { cores: 1 },
          memory: { guest: '1Gi' },
          devices: {
            disks: [{ name: 'root', disk: { bus: 'virtio' } }],
            interfaces: [{ name: 'default', masquerade: {} }],
          },
        },
        networks: [{ name: 'default', pod: {} }],
        volumes: [{ name: 'root', containerDisk: { image: 'quay.io/containerdisks/fedora:41' } }],
      },
    },
  };
}

/** A fresh minimal valid VirtualMachine. */
export function validVm(): any {
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: { name: 'web', namespace: 'apps' },
    spec: vmSpec({ 'kubevirt.io/domain': 'web' }),
  };
}

/** A fresh minimal valid VirtualMachinePool. */
export function validPool(): any {
  return {
    apiVersion: 'pool.kubevirt.io/v1beta1',
    kind: 'VirtualMachinePool',
    metadata: { name: 'workers', namespace: 'apps' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'workers' } },
      virtualMachineTemplate: {
        metadata: { labels: { app: 'workers' } },
        spec: vmSpec({ app: 'workers' }),
      },
    },
  };
}

/** A valid VM changed by `change(templateSpec, vm)`. */
export function vmWith(change: (spec: any, vm: any) => void): any {
  const vm = validVm();
  change(vm.spec.template.spec, vm);
  return vm;
}

/** A valid pool changed by `change(templateSpec, pool)`. */
export function poolWith(change: (spec: any, pool: any) => void): any {
  const pool = validPool();
  change(pool.spec.virtualMachineTemplate.spec.template.spec, pool);
  return pool;
}

/** The formatted violations of a manifest. */
export function messages(manifest: any, options?: { clusterDependent?: boolean }): string[] {
  return checkManifest(manifest, options).map(formatViolation);
}

/** The rule ids of a manifest's violations. */
export function ruleIds(manifest: any, options?: { clusterDependent?: boolean }): string[] {
  return checkManifest(manifest, options).map(v => v.ruleId);
}
