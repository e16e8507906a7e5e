import { expectRoundTripClean, RoundTripError, roundTripProblems } from './roundtrip';
import { validPool, validVm, vmWith } from '../rules/fixtures';

describe('expectRoundTripClean', () => {
  test('returns the objects when KubeVirt would store them as written', () => {
    const objects = [validVm(), validPool()];
    expect(expectRoundTripClean(objects)).toBe(objects);
  });

  test('fails when a zero probe timing is emitted', () => {
    const vm = vmWith(spec => {
      spec.readinessProbe = { guestAgentPing: {}, initialDelaySeconds: 0 };
    });
    expect(() => expectRoundTripClean([vm])).toThrow(new RoundTripError([
      'VirtualMachine/web: spec.template.spec.readinessProbe.initialDelaySeconds: emitted 0, stored (left out) (omitempty drops the zero value of int32)',
    ]));
  });

  test('fails when an empty list is emitted', () => {
    const vm = vmWith(spec => {
      spec.tolerations = [];
    });
    expect(roundTripProblems([vm])).toEqual([
      'VirtualMachine/web: spec.template.spec.tolerations: emitted [], stored (left out) (omitempty drops an empty list)',
    ]);
    expect(() => expectRoundTripClean([vm])).toThrow(/^1 emitted value\(s\) would not be stored as emitted \(KubeVirt re-encodes VirtualMachines through Go\):\n {2}VirtualMachine\/web: spec\.template\.spec\.tolerations: emitted \[\]/);
  });
});
