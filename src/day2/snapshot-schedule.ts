import { Cron, Duration, Size } from 'cdk8s';
import type * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { bindTarget } from './target';
import { IMachine } from '../machine/machine-ref';
import { fail } from '../private/errors';
import { kplus as loadKplus, onFirstUse } from '../private/lazy';
import { guardNew } from '../private/lazy-guard';
import type * as Schedule from '../private/schedule';
import { wholeSeconds, durationText } from '../private/units';

// The cron parser: loaded at the first schedule, not when the library is required (see onFirstUse).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const scheduleModule = onFirstUse((): typeof Schedule => require('../private/schedule'));

/** Label on every snapshot a schedule takes: the schedule's name. Retention counts by it. */
const SNAPSHOT_SCHEDULE_LABEL = 'cdk8s-kubevirt/snapshot-schedule';
/** Label on every snapshot a schedule takes: the machine's name. */
const SNAPSHOT_MACHINE_LABEL = 'cdk8s-kubevirt/machine';

/**
 * Options of a `SnapshotSchedule`: everything but the machine.
 */
export interface SnapshotScheduleOptions {
  /** When to take a snapshot, e.g. `Cron.daily()` (five fields). */
  readonly schedule: Cron;
  /** How many successful snapshots of this schedule to keep (at least 1). Older ones are deleted. */
  readonly retention: number;
  /**
   * The container image that runs the job. It needs `sh`, `date` and `kubectl`, and a numeric
   * non-root user, e.g. `docker.io/bitnami/kubectl:1.31.4@sha256:…`.
   *
   * **Pin it by digest** (`…@sha256:…`): the library has no default image, so that what runs in your
   * cluster with the permission to delete snapshots is an image you chose and reviewed. An untagged
   * or `:latest` image is rejected.
   */
  readonly image: string;
  /**
   * Name of the CronJob, ServiceAccount, Role and RoleBinding, and the value of the
   * `cdk8s-kubevirt/snapshot-schedule` label on the snapshots (at most 52 characters, a CronJob
   * limit).
   * @default - `{machine}-{construct id}`, e.g. `web-nightly`
   */
  readonly name?: string;
  /**
   * How long a snapshot may take; past it KubeVirt marks the snapshot failed (`failureDeadline`) and
   * the run fails without deleting anything.
   * @default Duration.minutes(10)
   */
  readonly snapshotTimeout?: Duration;
  /**
   * Time zone of the schedule, e.g. `Europe/Oslo`.
   * @default - the kube-controller-manager's time zone
   */
  readonly timeZone?: string;
  /**
   * User id the job runs as; it must not be 0.
   * @default - the image's user, which must then be numeric and not root
   */
  readonly user?: number;
}

/** Properties of a `SnapshotSchedule`: the options, and the machine. */
export interface SnapshotScheduleProps extends SnapshotScheduleOptions {
  /**
   * The machine to snapshot. Give this or `machineName`.
   * @default - `machineName`
   */
  readonly machine?: IMachine;
  /**
   * The name of a VirtualMachine not defined in this app, in the chart's namespace. Give this or
   * `machine`.
   * @default - `machine.name`
   */
  readonly machineName?: string;
}

/**
 * The shell script the job runs. It is constant: the snapshot's name (`{machine}-{UTC timestamp}`) is
 * computed when the job runs, never at synth time. It needs only create, list and delete on
 * virtualmachinesnapshots:
 *
 * 1. create the snapshot, labelled with the schedule and the machine;
 * 2. poll its phase (a list with a field selector, so no get or watch) until Succeeded; on Failed or
 *    timeout, exit 1 and delete nothing;
 * 3. delete this schedule's snapshots that did not succeed, and the oldest successful ones beyond
 *    the retention count.
 */
const SCRIPT = `set -eu
name="\${MACHINE}-$(date -u +%Y%m%d%H%M%S)"
res=virtualmachinesnapshots.snapshot.kubevirt.io
kubectl create -n "$NAMESPACE" -f - <<EOF
apiVersion: snapshot.kubevirt.io/v1beta1
kind: VirtualMachineSnapshot
metadata:
  name: \${name}
  labels:
    ${SNAPSHOT_MACHINE_LABEL}: "\${MACHINE}"
    ${SNAPSHOT_SCHEDULE_LABEL}: "\${SCHEDULE}"
spec:
  failureDeadline: \${TIMEOUT_SECONDS}s
  source:
    apiGroup: kubevirt.io
    kind: VirtualMachine
    name: \${MACHINE}
EOF
deadline=$(( $(date +%s) + TIMEOUT_SECONDS ))
while :; do
  phase="$(kubectl get "$res" -n "$NAMESPACE" --field-selector "metadata.name=\${name}" -o jsonpath='{range .items[*]}{.status.phase}{end}')"
  if [ "$phase" = Succeeded ]; then break; fi
  if [ "$phase" = Failed ] || [ "$(date +%s)" -ge "$deadline" ]; then
    echo "snapshot \${name} did not succeed (phase: \${phase:-none}); no snapshot deleted" >&2
    exit 1
  fi
  sleep 10
done
list="$(kubectl get "$res" -n "$NAMESPACE" -l "${SNAPSHOT_SCHEDULE_LABEL}=\${SCHEDULE}" --sort-by=.metadata.creationTimestamp -o jsonpath='{range .items[*]}{.metadata.name}{" "}{.status.phase}{"\\n"}{end}')"
ok=""
bad=""
while read -r n p; do
  if [ -z "$n" ]; then continue; fi
  if [ "$p" = Succeeded ]; then ok="$ok $n"; else bad="$bad $n"; fi
done <<EOF
$list
EOF
set -- $ok
old=""
excess=$(( $# - RETENTION ))
while [ "$excess" -gt 0 ]; do old="$old $1"; shift; excess=$(( excess - 1 )); done
for s in $bad $old; do
  kubectl delete "$res" "$s" -n "$NAMESPACE" --wait=false
done
`;

/**
 * Scheduled VirtualMachineSnapshots of one machine, keeping the newest `retention` (NovaCron's
 * `snapshotPolicy: { schedule, retention }`), built from cdk8s-plus-28 constructs:
 *
 * - a `CronJob` running `image` with a fixed shell script (see the README): it creates the snapshot
 *   `{machine}-{UTC timestamp, yyyymmddHHMMSS}` labelled `cdk8s-kubevirt/snapshot-schedule: {name}`,
 *   waits for it to succeed, then deletes this schedule's failed snapshots and the oldest successful
 *   ones beyond `retention`;
 * - a `ServiceAccount`, a `Role` that allows exactly `create`, `delete` and `list` on
 *   `virtualmachinesnapshots.snapshot.kubevirt.io` in the machine's namespace, and a `RoleBinding`.
 *
 * The job is not retried (a failed run leaves everything as it was; the next run tries again), runs
 * never overlap, and a run may start up to 5 minutes late. The image is pulled `IfNotPresent` when
 * pinned by digest, else `Always`. The synthesized objects hold no timestamp.
 *
 * @example
 * const web = new Machine(chart, 'web', { template: MachineTemplate.SMALL });
 * new SnapshotSchedule(chart, 'nightly', {
 *   machine: web,
 *   schedule: Cron.schedule({ minute: '0', hour: '2' }),
 *   retention: 7,
 *   // pin an image you reviewed by digest: the job may delete snapshots
 *   image: 'registry.example.com/tools/kubectl:1.31.4@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
 * });
 */
export class SnapshotSchedule extends Construct {
  /** Label on every snapshot a schedule takes: the schedule's name. Retention counts by it. */
  public static readonly SCHEDULE_LABEL = SNAPSHOT_SCHEDULE_LABEL;
  /** Label on every snapshot a schedule takes: the machine's name. */
  public static readonly MACHINE_LABEL = SNAPSHOT_MACHINE_LABEL;

  /** Name of the CronJob, ServiceAccount, Role and RoleBinding. */
  public readonly name: string;
  /** Namespace (the machine's), if any. */
  public readonly namespace?: string;
  /** The name of the VirtualMachine snapshotted. */
  public readonly machineName: string;
  /** The CronJob. */
  public readonly cronJob: kplus.CronJob;
  /** The ServiceAccount the job runs as. */
  public readonly serviceAccount: kplus.ServiceAccount;
  /** The Role granting the job its permissions. */
  public readonly role: kplus.Role;
  /** The RoleBinding of the Role to the ServiceAccount. */
  public readonly roleBinding: kplus.RoleBinding;

  constructor(scope: Construct, id: string, props: SnapshotScheduleProps) {
    guardNew('cdk8s-kubevirt.SnapshotSchedule', [scope, id, props]);
    super(scope, id);
    const target = bindTarget(this, props);
    this.machineName = target.machineName;
    this.namespace = target.namespace;
    this.name = target.name;
    if (this.name.length > 52) {
      fail(this, { property: 'name', problem: 'is too long for a CronJob', value: this.name, allowed: 'at most 52 characters; set props.name' });
    }
    scheduleModule().cronExpression(this, 'schedule', props.schedule);
    if (!(Number.isInteger(props.retention) && props.retention >= 1)) {
      fail(this, { property: 'retention', problem: 'must be a whole number of at least 1', value: props.retention, allowed: 'e.g. 7' });
    }
    checkImage(this, props.image);
    const timeout = props.snapshotTimeout ?? Duration.minutes(10);
    const timeoutSeconds = wholeSeconds(timeout);
    if (timeoutSeconds === undefined || timeoutSeconds < 1) {
      fail(this, { property: 'snapshotTimeout', problem: 'must be a positive whole number of seconds', value: durationText(timeout), allowed: 'e.g. Duration.minutes(10)' });
    }
    if (props.user !== undefined && !(Number.isInteger(props.user) && props.user >= 1)) {
      fail(this, { property: 'user', problem: 'must be a non-root user id', value: props.user, allowed: 'a whole number of at least 1' });
    }

    const metadata = { name: this.name, namespace: this.namespace };
    const plus = loadKplus();
    this.serviceAccount = new plus.ServiceAccount(this, 'ServiceAccount', { metadata, automountToken: false });
    this.role = new plus.Role(this, 'Role', { metadata });
    this.role.allow(['create', 'delete', 'list'], plus.ApiResource.custom({ apiGroup: 'snapshot.kubevirt.io', resourceType: 'virtualmachinesnapshots' }));
    this.roleBinding = new plus.RoleBinding(this, 'RoleBinding', { metadata, role: this.role });
    this.roleBinding.addSubjects(this.serviceAccount);

    const tmp = plus.Volume.fromEmptyDir(this, 'Tmp', 'tmp');
    this.cronJob = new plus.CronJob(this, 'CronJob', {
      metadata,
      schedule: props.schedule,
      timeZone: props.timeZone,
      concurrencyPolicy: plus.ConcurrencyPolicy.FORBID,
      startingDeadline: Duration.minutes(5),
      backoffLimit: 0,
      activeDeadline: Duration.seconds(timeoutSeconds! + 300),
      serviceAccount: this.serviceAccount,
      automountServiceAccountToken: true,
      restartPolicy: plus.RestartPolicy.NEVER,
      securityContext: { ensureNonRoot: true, user: props.user },
      volumes: [tmp],
      containers: [{
        name: 'snapshot',
        image: props.image,
        imagePullPolicy: isDigest(props.image) ? plus.ImagePullPolicy.IF_NOT_PRESENT : plus.ImagePullPolicy.ALWAYS,
        command: ['/bin/sh', '-c', SCRIPT],
        envVariables: {
          MACHINE: plus.EnvValue.fromValue(target.machineName),
          SCHEDULE: plus.EnvValue.fromValue(this.name),
          RETENTION: plus.EnvValue.fromValue(String(props.retention)),
          TIMEOUT_SECONDS: plus.EnvValue.fromValue(String(timeoutSeconds)),
          NAMESPACE: plus.EnvValue.fromFieldRef(plus.EnvFieldPaths.POD_NAMESPACE),
          HOME: plus.EnvValue.fromValue('/tmp'),
        },
        volumeMounts: [{ path: '/tmp', volume: tmp }],
        resources: {
          cpu: { request: plus.Cpu.millis(50), limit: plus.Cpu.millis(500) },
          memory: { request: Size.mebibytes(64), limit: Size.mebibytes(256) },
        },
        securityContext: {
          ensureNonRoot: true,
          user: props.user,
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          privileged: false,
          capabilities: { drop: [plus.Capability.ALL] },
          seccompProfile: { type: plus.SeccompProfileType.RUNTIME_DEFAULT },
        },
      }],
    });
  }
}

function isDigest(image: string): boolean {
  return /@sha256:[0-9a-f]{64}$/.test(image);
}

function checkImage(self: Construct, image: string): void {
  const digest = typeof image === 'string' && isDigest(image);
  const lastSegment = (image ?? '').split('@')[0].split('/').pop() ?? '';
  const tag = lastSegment.includes(':') ? lastSegment.split(':').pop() : undefined;
  if (typeof image !== 'string' || /\s/.test(image) || image.length === 0 || (!digest && (tag === undefined || tag === 'latest'))) {
    fail(self, {
      property: 'image',
      problem: 'must be pinned',
      value: image,
      allowed: 'an image with a digest (…@sha256:<64 hex>) or at least a version tag other than latest, e.g. docker.io/bitnami/kubectl:1.31.4@sha256:…',
    });
  }
}
