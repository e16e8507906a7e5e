import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Cron, Duration } from 'cdk8s';
import { Machine } from '../../src';
import { SnapshotSchedule } from '../../src/day2/snapshot-schedule';
import { synthValid } from '../support/conformance';
import { newChart } from '../support/synth';

const IMAGE = 'docker.io/bitnami/kubectl:1.31.4@sha256:0f3d2a0e7d9c4b1a5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5';

function only(all: any[], kind: string): any {
  const found = all.filter(o => o.kind === kind);
  expect(found).toHaveLength(1);
  return found[0];
}

function synthSchedule(props: Partial<ConstructorParameters<typeof SnapshotSchedule>[2]> = {}): any[] {
  const chart = newChart();
  const web = new Machine(chart, 'web');
  new SnapshotSchedule(chart, 'nightly', { machine: web, schedule: Cron.daily(), retention: 7, image: IMAGE, ...props });
  return synthValid(chart);
}

describe('SnapshotSchedule', () => {
  test('the Role grants exactly create, delete and list on virtualmachinesnapshots, in the namespace', () => {
    const role = only(synthSchedule(), 'Role');
    expect(role.metadata).toEqual({ name: 'web-nightly', namespace: 'vms' });
    expect(role.rules).toEqual([
      { apiGroups: ['snapshot.kubevirt.io'], resources: ['virtualmachinesnapshots'], verbs: ['create', 'delete', 'list'] },
    ]);
  });

  test('a ServiceAccount and a RoleBinding of the Role to it, all named {machine}-{id}', () => {
    const all = synthSchedule();
    expect(only(all, 'ServiceAccount')).toEqual({
      apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web-nightly', namespace: 'vms' }, automountServiceAccountToken: false,
    });
    expect(only(all, 'RoleBinding')).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'web-nightly', namespace: 'vms' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'web-nightly' },
      subjects: [{ apiGroup: '', kind: 'ServiceAccount', name: 'web-nightly', namespace: 'vms' }],
    });
    expect(all.filter(o => o.kind === 'ClusterRole' || o.kind === 'ClusterRoleBinding')).toEqual([]);
  });

  test('the CronJob: schedule, no overlap, no retry, the pinned image, the job settings in env', () => {
    const cronJob = only(synthSchedule({ schedule: Cron.schedule({ minute: '30', hour: '2' }), timeZone: 'Europe/Oslo', snapshotTimeout: Duration.minutes(20) }), 'CronJob');
    expect(cronJob.metadata).toEqual({ name: 'web-nightly', namespace: 'vms' });
    expect(cronJob.spec.schedule).toBe('30 2 * * *');
    expect(cronJob.spec.timeZone).toBe('Europe/Oslo');
    expect(cronJob.spec.concurrencyPolicy).toBe('Forbid');
    expect(cronJob.spec.startingDeadlineSeconds).toBe(300);
    const job = cronJob.spec.jobTemplate.spec;
    expect(job.backoffLimit).toBe(0);
    expect(job.activeDeadlineSeconds).toBe(1500);
    const pod = job.template.spec;
    expect(pod.serviceAccountName).toBe('web-nightly');
    expect(pod.automountServiceAccountToken).toBe(true);
    expect(pod.restartPolicy).toBe('Never');
    expect(pod.containers).toHaveLength(1);
    const c = pod.containers[0];
    expect(c.image).toBe(IMAGE);
    expect(c.imagePullPolicy).toBe('IfNotPresent');
    expect(c.command.slice(0, 2)).toEqual(['/bin/sh', '-c']);
    expect(c.env).toEqual([
      { name: 'MACHINE', value: 'web' },
      { name: 'SCHEDULE', value: 'web-nightly' },
      { name: 'RETENTION', value: '7' },
      { name: 'TIMEOUT_SECONDS', value: '1200' },
      { name: 'NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
      { name: 'HOME', value: '/tmp' },
    ]);
  });

  test('runs as non-root with a read-only root filesystem, no capabilities, RuntimeDefault seccomp', () => {
    const pod = only(synthSchedule({ user: 1001 }), 'CronJob').spec.jobTemplate.spec.template.spec;
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 1001, fsGroupChangePolicy: 'Always' });
    expect(pod.containers[0].securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 1001,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      privileged: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: {} }]);
    expect(pod.containers[0].volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
  });

  test('the synthesized output holds no timestamp: the snapshot name is computed when the job runs', () => {
    const a = JSON.stringify(synthSchedule());
    const b = JSON.stringify(synthSchedule());
    expect(a).toBe(b);
    expect(a).not.toMatch(/20\d\d-?\d\d-?\d\d/);
    const script: string = only(synthSchedule(), 'CronJob').spec.jobTemplate.spec.template.spec.containers[0].command[2];
    expect(script).toContain('name="${MACHINE}-$(date -u +%Y%m%d%H%M%S)"');
  });

  test('a tag-only image is pulled Always', () => {
    const c = only(synthSchedule({ image: 'docker.io/bitnami/kubectl:1.31.4' }), 'CronJob').spec.jobTemplate.spec.template.spec.containers[0];
    expect(c.imagePullPolicy).toBe('Always');
  });

  test('snapshot', () => {
    const chart = new Chart(new App(), 'snap', { namespace: 'vms' });
    new SnapshotSchedule(chart, 'nightly', { machineName: 'web', schedule: Cron.daily(), retention: 7, image: IMAGE });
    expect(synthValid(chart)).toMatchSnapshot();
  });

  describe('the job script (run with a fake kubectl)', () => {
    function run(listOutput: string, phase = 'Succeeded', retention = 2): { calls: string[]; created: string; status: number } {
      const script: string = only(synthSchedule({ retention }), 'CronJob').spec.jobTemplate.spec.template.spec.containers[0].command[2];
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snapshot-schedule-'));
      const log = path.join(dir, 'calls');
      fs.writeFileSync(path.join(dir, 'kubectl'), [
        '#!/bin/sh',
        `echo "$*" >> "${log}"`,
        'case "$1" in',
        `  create) cat > "${log}.created" ;;`,
        '  get) case "$*" in *--field-selector*) printf %s "$PHASE" ;; *) printf "$LIST" ;; esac ;;',
        'esac',
      ].join('\n'), { mode: 0o755 });
      let status = 0;
      try {
        execFileSync('/bin/sh', ['-c', script], {
          env: { PATH: `${dir}:/usr/bin:/bin`, MACHINE: 'web', SCHEDULE: 'web-nightly', RETENTION: String(retention), TIMEOUT_SECONDS: '1', NAMESPACE: 'vms', HOME: dir, LIST: listOutput, PHASE: phase },
          stdio: 'pipe',
        });
      } catch (e: any) {
        status = e.status;
      }
      const calls = fs.readFileSync(log, 'utf-8').trim().split('\n');
      const created = fs.readFileSync(`${log}.created`, 'utf-8');
      fs.rmSync(dir, { recursive: true });
      return { calls, created, status };
    }

    test('creates web-<timestamp> labelled for the schedule, then deletes failed ones and the oldest beyond retention', () => {
      const { calls, created, status } = run('web-1 Succeeded\\nweb-2 Failed\\nweb-3 Succeeded\\nweb-4 Succeeded\\nweb-5 Succeeded\\n');
      expect(status).toBe(0);
      expect(created).toMatch(/^ {2}name: web-\d{14}$/m);
      expect(created).toContain('    cdk8s-kubevirt/snapshot-schedule: "web-nightly"\n');
      expect(created).toContain('    kind: VirtualMachine\n    name: web\n');
      expect(calls[0]).toBe('create -n vms -f -');
      expect(calls.filter(c => c.startsWith('delete'))).toEqual([
        'delete virtualmachinesnapshots.snapshot.kubevirt.io web-2 -n vms --wait=false',
        'delete virtualmachinesnapshots.snapshot.kubevirt.io web-1 -n vms --wait=false',
        'delete virtualmachinesnapshots.snapshot.kubevirt.io web-3 -n vms --wait=false',
      ]);
    });

    test('deletes nothing when there are no more than retention snapshots', () => {
      const { calls, status } = run('web-1 Succeeded\\nweb-2 Succeeded\\n');
      expect(status).toBe(0);
      expect(calls.filter(c => c.startsWith('delete'))).toEqual([]);
    });

    test('fails and deletes nothing when the new snapshot fails', () => {
      const { calls, status } = run('web-1 Succeeded\\nweb-2 Succeeded\\nweb-3 Succeeded\\n', 'Failed');
      expect(status).toBe(1);
      expect(calls.filter(c => c.startsWith('delete'))).toEqual([]);
    });
  });

  test('fails when the image is untagged or latest', () => {
    const allowed = 'an image with a digest (…@sha256:<64 hex>) or at least a version tag other than latest, e.g. docker.io/bitnami/kubectl:1.31.4@sha256:…';
    expect(() => synthSchedule({ image: 'bitnami/kubectl' })).toThrow(
      `SnapshotSchedule 'test/nightly': image must be pinned: got "bitnami/kubectl"; ${allowed}`);
    expect(() => synthSchedule({ image: 'registry:5000/kubectl:latest' })).toThrow(
      `SnapshotSchedule 'test/nightly': image must be pinned: got "registry:5000/kubectl:latest"; ${allowed}`);
  });

  test('fails when retention is below 1', () => {
    expect(() => synthSchedule({ retention: 0 })).toThrow(
      "SnapshotSchedule 'test/nightly': retention must be a whole number of at least 1: got 0; e.g. 7");
  });

  test('fails when the schedule does not have five fields', () => {
    expect(() => synthSchedule({ schedule: Cron.schedule({ minute: '0 0' }) })).toThrow(
      "SnapshotSchedule 'test/nightly': schedule must be a cron schedule as Kubernetes parses it (it has 6 fields, not 5): got \"0 0 * * * *\"; five fields (minute 0-59, hour 0-23, day-of-month 1-31, month 1-12 or jan-dec, day-of-week 0-6 or sun-sat) of '*', '?', numbers, ranges a-b, steps /n and lists, or one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly, @every <duration>, e.g. Cron.schedule({ minute: '0', hour: '3' }) (cron-schedule)");
  });

  test('fails when the snapshot timeout is not a positive whole number of seconds', () => {
    expect(() => synthSchedule({ snapshotTimeout: Duration.millis(500) })).toThrow(
      "SnapshotSchedule 'test/nightly': snapshotTimeout must be a positive whole number of seconds: got \"500ms\"; e.g. Duration.minutes(10)");
  });

  test('fails when the user is root', () => {
    expect(() => synthSchedule({ user: 0 })).toThrow(
      "SnapshotSchedule 'test/nightly': user must be a non-root user id: got 0; a whole number of at least 1");
  });

  test('fails when the name is too long for a CronJob', () => {
    const name = 'a'.repeat(53);
    expect(() => synthSchedule({ name })).toThrow(
      `SnapshotSchedule 'test/nightly': name is too long for a CronJob: got "${name}"; at most 52 characters; set props.name`);
  });
});
