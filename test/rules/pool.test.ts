import { messages, POOL_VMI, poolWith, validPool } from './fixtures';
import { expectConformant } from '../support/conformance';

describe('VirtualMachinePool rules', () => {
  test('fails when spec.virtualMachineTemplate is missing (pool-template-required)', () => {
    const pool = validPool();
    delete pool.spec.virtualMachineTemplate;
    expect(messages(pool)).toEqual([
      'spec.virtualMachineTemplate must be set: got undefined; a VirtualMachine template (metadata and spec) (pool-template-required)',
    ]);
  });

  test('fails when the selector does not match the template labels (pool-selector-matches)', () => {
    const pool = validPool();
    pool.spec.selector = { matchLabels: { app: 'other' } };
    expect(messages(pool)).toEqual([
      'spec.selector must match spec.virtualMachineTemplate.metadata.labels: got {"matchLabels":{"app":"other"}}; '
      + 'a selector that the VM template\'s labels satisfy (pool-selector-matches)',
    ]);
  });

  test('fails when a selector expression does not match (pool-selector-matches)', () => {
    const pool = validPool();
    pool.spec.selector = { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['workers'] }] };
    expect(messages(pool).map(m => m.endsWith('(pool-selector-matches)'))).toEqual([true]);
  });

  test('accepts matchExpressions that match', () => {
    const pool = validPool();
    pool.spec.selector = {
      matchExpressions: [
        { key: 'app', operator: 'In', values: ['workers', 'web'] },
        { key: 'app', operator: 'Exists' },
        { key: 'tier', operator: 'DoesNotExist' },
        { key: 'tier', operator: 'NotIn', values: ['db'] },
      ],
    };
    expectConformant([pool]);
    expect(messages(pool)).toEqual([]);
  });

  test('fails when maxUnavailable is 0 (pool-max-unavailable)', () => {
    const pool = validPool();
    pool.spec.maxUnavailable = 0;
    expect(messages(pool)).toEqual([
      'spec.maxUnavailable must be an integer above 0 or a percentage from 1% to 100%: got 0; an integer of 1 or more, or a percentage from 1% to 100% (pool-max-unavailable)',
    ]);
  });

  test('fails when maxUnavailable is over 100% (pool-max-unavailable)', () => {
    const pool = validPool();
    pool.spec.maxUnavailable = '101%';
    expect(messages(pool)).toEqual([
      'spec.maxUnavailable must be an integer above 0 or a percentage from 1% to 100%: got "101%"; an integer of 1 or more, or a percentage from 1% to 100% (pool-max-unavailable)',
    ]);
  });

  test('accepts maxUnavailable 1, 1% and 100%', () => {
    for (const v of [1, '1%', '100%']) {
      const pool = validPool();
      pool.spec.maxUnavailable = v;
      expectConformant([pool]);
      expect(messages(pool)).toEqual([]);
    }
  });

  test('fails when the update strategy has two options (pool-strategy-one-option)', () => {
    const pool = validPool();
    pool.spec.updateStrategy = { opportunistic: {}, unmanaged: {} };
    expect(messages(pool)).toEqual([
      'spec.updateStrategy must set only one option: got ["opportunistic","unmanaged"]; one of opportunistic, proactive, unmanaged (pool-strategy-one-option)',
    ]);
  });

  test('fails when the scale-in strategy has two options (pool-strategy-one-option)', () => {
    const pool = validPool();
    pool.spec.scaleInStrategy = { proactive: {}, unmanaged: {} };
    expect(messages(pool)).toEqual([
      'spec.scaleInStrategy must set only one option: got ["proactive","unmanaged"]; one of opportunistic, proactive, unmanaged (pool-strategy-one-option)',
    ]);
  });

  test('applies the VMI spec rules to the pool template', () => {
    const pool = poolWith(spec => {
      spec.domain.devices.disks[0].disk.bus = 'ide';
    });
    expect(messages(pool)).toEqual([
      `${POOL_VMI}.domain.devices.disks[0].disk.bus must be one of virtio, sata, scsi, usb: got "ide"; one of virtio, sata, scsi, usb (disk-bus)`,
    ]);
  });

  test('applies the VM rules to the pool template', () => {
    const pool = poolWith((_spec, p) => {
      p.spec.virtualMachineTemplate.spec.runStrategy = 'Sometimes';
    });
    expect(messages(pool)).toEqual([
      'spec.virtualMachineTemplate.spec.runStrategy must be one of Always, Halted, Manual, RerunOnFailure, Once: got "Sometimes"; '
      + 'one of Always, Halted, Manual, RerunOnFailure, Once (vm-run-strategy)',
    ]);
  });
});
