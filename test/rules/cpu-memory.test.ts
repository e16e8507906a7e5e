import { messages, vmWith, VMI } from './fixtures';
import { expectConformant } from '../support/conformance';

const DOM = `${VMI}.domain`;

/** A valid VM with dedicated CPUs (2 cores, requests = limits, hugepages, NUMA passthrough, realtime), changed by `change`. */
function dedicated(change: (domain: any) => void = () => undefined): any {
  return vmWith(spec => {
    spec.domain.cpu = {
      cores: 2, threads: 1, dedicatedCpuPlacement: true, isolateEmulatorThread: true, numa: { guestMappingPassthrough: {} }, realtime: {},
    };
    spec.domain.memory = { guest: '2Gi', hugepages: { pageSize: '1Gi' } };
    spec.domain.resources = { requests: { cpu: '2', memory: '2Gi' }, limits: { cpu: 2, memory: '2Gi' } };
    change(spec.domain);
  });
}


describe('CPU and memory rules', () => {
  test('accepts a full dedicated-CPU setup, schema included', () => {
    const vm = dedicated(domain => {
      domain.cpu.features = [{ name: 'vmx', policy: 'require' }, { name: 'svm' }];
      domain.cpu.sockets = 1;
      domain.cpu.maxSockets = 4;
    });
    expectConformant([vm]);
    expect(messages(vm)).toEqual([]);
  });

  test('accepts memory from requests only, and from hugepages only', () => {
    expect(messages(vmWith(spec => {
      spec.domain.memory = undefined;
      spec.domain.resources = { requests: { memory: '1Gi' } };
    }))).toEqual([]);
    expect(messages(vmWith(spec => {
      spec.domain.memory = { hugepages: { pageSize: '2Mi' } };
      spec.domain.resources = { requests: { memory: '64Mi' } };
    }))).toEqual([]);
  });

  test('fails when a request is negative (resources-non-negative)', () => {
    const vm = vmWith(spec => {
      spec.domain.resources = { requests: { cpu: '-1' } };
    });
    expect(messages(vm)).toEqual([`${DOM}.resources.requests.cpu must be at least 0: got "-1"; a quantity of 0 or more (resources-non-negative)`]);
  });

  test('fails when a request exceeds its limit (resources-requests-within-limits)', () => {
    const vm = vmWith(spec => {
      spec.domain.resources = { requests: { cpu: '1500m' }, limits: { cpu: '1' } };
    });
    expect(messages(vm)).toEqual([`${DOM}.resources.requests.cpu must not exceed resources.limits.cpu: got "1500m"; at most "1" (resources-requests-within-limits)`]);
  });

  test('fails when memory.guest exceeds the memory limit (memory-guest-within-limit)', () => {
    const vm = vmWith(spec => {
      spec.domain.memory.guest = '2Gi';
      spec.domain.resources = { limits: { memory: '1Gi' } };
    });
    expect(messages(vm)).toEqual([`${DOM}.memory.guest must not exceed resources.limits.memory: got "2Gi"; at most "1Gi" (memory-guest-within-limit)`]);
  });

  test('fails when no memory is given (memory-required)', () => {
    const vm = vmWith(spec => {
      delete spec.domain.memory;
    });
    expect(messages(vm)).toEqual([
      `${DOM}.memory.guest must be set, or memory requested another way: got undefined; memory.guest, memory.hugepages, resources.requests.memory, or an instancetype (memory-required)`,
    ]);
  });

  test('fails when memory is smaller than the hugepage size (hugepages-memory)', () => {
    const vm = vmWith(spec => {
      spec.domain.memory = { guest: '512Mi', hugepages: { pageSize: '1Gi' } };
    });
    expect(messages(vm)).toEqual([`${DOM}.memory.guest must be at least the hugepage size 1Gi: got "512Mi"; a multiple of 1Gi (hugepages-memory)`]);
  });

  test('fails when memory is not a multiple of the hugepage size (hugepages-memory)', () => {
    const vm = vmWith(spec => {
      spec.domain.memory = { hugepages: { pageSize: '1Gi' } };
      spec.domain.resources = { requests: { memory: '1536Mi' } };
    });
    expect(messages(vm)).toEqual([`${DOM}.resources.requests.memory must be a multiple of the hugepage size 1Gi: got "1536Mi"; a multiple of 1Gi (hugepages-memory)`]);
  });

  test('fails when the CPU limit is fractional with dedicated CPUs (dedicated-cpu-integer)', () => {
    const vm = dedicated(domain => {
      domain.resources = { limits: { cpu: '1500m', memory: '2Gi' } };
    });
    expect(messages(vm)).toEqual([
      `${DOM}.resources.limits.cpu must be a whole number of CPUs with dedicatedCpuPlacement: got "1500m"; an integer CPU count, e.g. 2 (dedicated-cpu-integer)`,
    ]);
  });

  test('fails when the memory request differs from the limit with dedicated CPUs (dedicated-cpu-requests-equal-limits)', () => {
    const vm = dedicated(domain => {
      domain.resources.requests.memory = '1Gi';
    });
    expect(messages(vm)).toEqual([
      `${DOM}.resources.requests.memory must equal resources.limits.memory with dedicatedCpuPlacement: got "1Gi"; "2Gi", the limit (dedicated-cpu-requests-equal-limits)`,
    ]);
  });

  test('fails when dedicated CPUs have 4 threads (dedicated-cpu-threads)', () => {
    const vm = dedicated(domain => {
      domain.cpu.threads = 4;
    });
    expect(messages(vm)).toEqual([`${DOM}.cpu.threads must be at most 2 with dedicatedCpuPlacement: got 4; 1 or 2 (dedicated-cpu-threads)`]);
  });

  test('fails when isolateEmulatorThread is set without dedicated CPUs (isolate-emulator-thread-dedicated)', () => {
    const vm = vmWith(spec => {
      spec.domain.cpu.isolateEmulatorThread = true;
    });
    expect(messages(vm)).toEqual([
      `${DOM}.cpu.isolateEmulatorThread must not be true without dedicatedCpuPlacement: got true; dedicatedCpuPlacement: true alongside, or no isolateEmulatorThread (isolate-emulator-thread-dedicated)`,
    ]);
  });

  test('fails when NUMA passthrough has no hugepages (numa-passthrough-requirements)', () => {
    const vm = dedicated(domain => {
      delete domain.memory.hugepages;
    });
    expect(messages(vm)).toEqual([
      `${DOM}.cpu.numa.guestMappingPassthrough must not be set without memory.hugepages: got {}; guestMappingPassthrough with dedicatedCpuPlacement: true and memory.hugepages (numa-passthrough-requirements)`,
    ]);
  });

  test('fails when realtime has no NUMA passthrough (realtime-requirements)', () => {
    const vm = dedicated(domain => {
      delete domain.cpu.numa;
    });
    expect(messages(vm)).toEqual([
      `${DOM}.cpu.realtime must not be set without cpu.numa.guestMappingPassthrough: got {}; realtime with dedicatedCpuPlacement: true and numa.guestMappingPassthrough (realtime-requirements)`,
    ]);
  });

  test('fails when a CPU feature policy is unknown (cpu-feature-policy)', () => {
    const vm = vmWith(spec => {
      spec.domain.cpu.features = [{ name: 'vmx', policy: 'enable' }];
    });
    expect(messages(vm)).toEqual([
      `${DOM}.cpu.features[0].policy must be one of force, require, optional, disable, forbid: got "enable"; one of force, require, optional, disable, forbid (cpu-feature-policy)`,
    ]);
  });

  test('fails when sockets exceed maxSockets (cpu-sockets-max)', () => {
    const vm = vmWith(spec => {
      spec.domain.cpu = { sockets: 4, maxSockets: 2 };
    });
    expect(messages(vm)).toEqual([`${DOM}.cpu.sockets must not exceed cpu.maxSockets: got 4; at most 2 (cpu-sockets-max)`]);
  });
});
