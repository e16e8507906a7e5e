/**
 * How the day-2 constructs (snapshot, restore, clone, export, snapshot schedule) name the
 * VirtualMachine they act on and derive their own names. Not exported from `index.ts`.
 */
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { IMachine } from '../machine/machine-ref';
import { registerWithApp } from '../private/app-registration';
import { fail } from '../private/errors';
import { DNS1123_LABEL_ALLOWED, DNS1123_SUBDOMAIN_ALLOWED, isDns1123Label, isDns1123Subdomain } from '../private/names';

/** The VirtualMachine a day-2 object acts on. */
export interface MachineRef {
  /** `metadata.name` of the VirtualMachine. */
  readonly name: string;
  /** Its namespace, if known. */
  readonly namespace?: string;
}

/**
 * Resolves `{ machine }` or `{ machineName }` (exactly one), throwing a KubevirtError naming `self`.
 */
export function resolveMachine(self: Construct, machine: IMachine | undefined, machineName: string | undefined): MachineRef {
  if ((machine === undefined) === (machineName === undefined)) {
    fail(self, {
      property: 'machine',
      problem: 'must be given exactly once',
      value: machine === undefined ? 'neither machine nor machineName' : 'both machine and machineName',
      allowed: 'set either machine (a Machine construct) or machineName (the name of a VirtualMachine)',
    });
  }
  if (machine !== undefined) return { name: machine.name, namespace: machine.namespace };
  if (!isDns1123Label(machineName)) {
    fail(self, { property: 'machineName', problem: 'must be a VirtualMachine name', value: machineName, allowed: DNS1123_LABEL_ALLOWED, ruleId: 'vm-name-length' });
  }
  return { name: machineName, namespace: Chart.of(self).namespace };
}

/**
 * The name of a day-2 object: `props.name` when given, else `{machine}-{id}`. Either way it must be a
 * DNS-1123 subdomain; it is never truncated.
 */
export function day2Name(self: Construct, explicit: string | undefined, machineName: string): string {
  const name = explicit ?? `${machineName}-${self.node.id}`;
  if (!isDns1123Subdomain(name)) {
    fail(self, {
      property: explicit === undefined ? 'name (from {machine}-{construct id})' : 'name',
      problem: 'must be a Kubernetes object name',
      value: name,
      allowed: `${DNS1123_SUBDOMAIN_ALLOWED}; set props.name when the construct id does not give one`,
    });
  }
  return name;
}

/** The `apiGroup`/`kind`/`name` reference to a VirtualMachine that day-2 objects use. */
export function vmReference(machine: MachineRef): { apiGroup: string; kind: string; name: string } {
  return { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: machine.name };
}

/** What every day-2 construct learns about itself and its machine when it is built. */
export interface Day2Target {
  /** `metadata.name` of the day-2 object. */
  readonly name: string;
  /** The VirtualMachine it acts on. */
  readonly machineName: string;
  /** Its namespace (the machine's), if any. */
  readonly namespace?: string;
}

/**
 * The shared start of every day-2 constructor: registers `self` for the app-wide checks, resolves the
 * machine (`machine` or `machineName`) and derives the object's own name.
 */
export function bindTarget(
  self: Construct,
  props: { readonly machine?: IMachine; readonly machineName?: string; readonly name?: string },
): Day2Target {
  registerWithApp(self);
  const machine = resolveMachine(self, props.machine, props.machineName);
  return { machineName: machine.name, namespace: machine.namespace, name: day2Name(self, props.name, machine.name) };
}
