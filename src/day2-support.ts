/**
 * Internal helpers shared by the day-2 constructs (snapshot, restore, clone, export, snapshot
 * schedule) and golden images: how they name the VirtualMachine they act on, how they derive their
 * own names, and how they render durations and cron schedules. Not exported from `index.ts`.
 */
import { Chart, Cron, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { fail } from './errors';
import { Machine } from './machine';
import { DNS1123_LABEL_ALLOWED, DNS1123_SUBDOMAIN_ALLOWED, isDns1123Label, isDns1123Subdomain } from './names';

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
export function resolveMachine(self: Construct, machine: Machine | undefined, machineName: string | undefined): MachineRef {
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

/**
 * Renders a Duration as Go's `time.Duration.String()` would (`2h0m0s`, `5m0s`, `30s`, `0s`), the form
 * KubeVirt's own clients write. Returns undefined for a negative duration or one that is not a whole
 * number of seconds (the caller reports it); nothing is rounded.
 */
export function goDuration(d: Duration): string | undefined {
  const ms = d.toSeconds({ integral: false }) * 1000;
  if (!Number.isSafeInteger(ms) || ms < 0 || ms % 1000 !== 0) return undefined;
  const total = ms / 1000;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}

/** The `apiGroup`/`kind`/`name` reference to a VirtualMachine that day-2 objects use. */
export function vmReference(machine: MachineRef): { apiGroup: string; kind: string; name: string } {
  return { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: machine.name };
}

/**
 * The expression of a cron schedule, normalized to single spaces; throws unless it has the five
 * standard fields (minute hour day-of-month month day-of-week), as Kubernetes CronJobs and CDI's
 * DataImportCron expect.
 */
export function cronExpression(who: Construct | string, property: string, cron: Cron): string {
  const expression = cron?.expressionString;
  const fields = typeof expression === 'string' ? expression.trim().split(/\s+/) : [];
  if (fields.length !== 5 || !fields.every(f => /^[0-9A-Za-z*,/?-]+$/.test(f))) {
    fail(who, {
      property,
      problem: 'must be a cron expression with five fields',
      value: expression,
      allowed: "minute hour day-of-month month day-of-week, e.g. Cron.schedule({ minute: '0', hour: '3' })",
    });
  }
  return fields.join(' ');
}
