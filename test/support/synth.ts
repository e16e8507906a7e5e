import { App, Chart } from 'cdk8s';
import { synthValid } from './conformance';
import { expectRoundTripClean } from './roundtrip';
import { Machine, MachineProps } from '../../src';

/** A fresh chart in its own app, namespace `vms`. */
export function newChart(namespace: string | undefined = 'vms'): Chart {
  return new Chart(new App(), 'test', { namespace });
}

/** Synthesizes one machine in a fresh chart; returns the validated (schema and round trip) VM and every object. */
export function synthMachine(props: MachineProps = {}, id = 'web'): { vm: any; all: any[]; machine: Machine } {
  const chart = newChart();
  const machine = new Machine(chart, id, props);
  // Every object must also survive KubeVirt's webhook re-encoding unchanged (no permanent GitOps drift).
  const all = expectRoundTripClean(synthValid(chart));
  const vm = all.find(o => o.kind === 'VirtualMachine');
  return { vm, all, machine };
}

/** The VM's template spec (spec.template.spec). */
export function templateSpec(vm: any): any {
  return vm.spec.template.spec;
}
