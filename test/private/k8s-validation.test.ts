import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import {
  failOnViolations, isMacAddress, isMulticastMac, isPortNumber, kubernetesViolations, labelsViolations, macKey,
  servicePortsViolations,
} from '../../src/private/k8s-validation';
import { formatViolation, RULES } from '../../src/rules';
import { KUBERNETES_RULES } from '../../src/rules/kubernetes';
import { validPool, validVm, vmWith } from '../rules/fixtures';
import { exampleOutputs } from '../support/example-outputs';

/** `Kind/name: <message>` for every violation in the manifests. */
function messages(...manifests: any[]): string[] {
  return kubernetesViolations(manifests).map(v => `${v.kind}/${v.name}: ${formatViolation(v)}`);
}

/** The paths of the violations in one manifest. */
function paths(manifest: any): string[] {
  return kubernetesViolations([manifest]).map(v => v.path);
}

function configMap(metadata: any): any {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'apps', ...metadata }, data: {} };
}

function service(spec: any, name = 'web-ssh'): any {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'apps' }, spec: { selector: { app: 'web' }, ...spec } };
}

function cronJob(spec: any, name = 'web-snapshots'): any {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name, namespace: 'apps' },
    spec: {
      schedule: '0 3 * * *',
      jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'run', image: 'quay.io/kubevirt/virtctl:v1.9.0' }] } } } },
      ...spec,
    },
  };
}

function dataVolume(source: any, storage: any = { resources: { requests: { storage: '10Gi' } } }, name = 'web-root'): any {
  return { apiVersion: 'cdi.kubevirt.io/v1beta1', kind: 'DataVolume', metadata: { name, namespace: 'apps' }, spec: { source, storage } };
}

function dataImportCron(spec: any, name = 'fedora-image-cron'): any {
  return {
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'DataImportCron',
    metadata: { name, namespace: 'apps' },
    spec: {
      schedule: '0 */12 * * *',
      managedDataSource: 'fedora',
      template: { spec: { source: { registry: { url: 'docker://quay.io/containerdisks/fedora:41' } }, storage: { resources: { requests: { storage: '5Gi' } } } } },
      ...spec,
    },
  };
}

const LABEL_KEY_ALLOWED = "an optional DNS-1123 subdomain prefix and '/', then a name of at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
const LABEL_VALUE_ALLOWED = "empty, or at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
const SUBDOMAIN = "a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', at most 253 characters";
const LABEL = "a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters";
const CRON_ALLOWED = "five fields (minute 0-59, hour 0-23, day-of-month 1-31, month 1-12 or jan-dec, day-of-week 0-6 or sun-sat) of '*', '?', numbers, ranges a-b, steps /n and lists, or one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly, @every <duration>";
const HTTP_ALLOWED = 'an http://, https:// or gs:// URL without spaces or credentials';
const IMAGE_ALLOWED = '[registry[:port]/]repository[:tag][@digest], the repository in lowercase, e.g. quay.io/containerdisks/fedora:41';

describe('KUBERNETES_RULES', () => {
  test('ids are unique, kebab-case and distinct from the KubeVirt rules (one vocabulary)', () => {
    const ids = KUBERNETES_RULES.map(r => r.id);
    expect(new Set(ids).size).toEqual(ids.length);
    expect(ids.filter(id => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id))).toEqual([]);
    const kubevirt = new Set(RULES.map(r => r.id));
    expect(ids.filter(id => kubevirt.has(id))).toEqual([]);
  });

  test('every rule has a summary, a source and a "fails when … (<id>)" test here', () => {
    const text = fs.readFileSync(__filename, 'utf-8');
    const tested = new Set([...text.matchAll(/test\('fails when [^']*\(([a-z0-9-]+)\)'/g)].map(m => m[1]));
    for (const rule of KUBERNETES_RULES) {
      expect(rule.summary).toMatch(/^rejects /);
      expect(rule.source.length).toBeGreaterThan(0);
    }
    expect(KUBERNETES_RULES.map(r => r.id).filter(id => !tested.has(id))).toEqual([]);
  });

  test('README.md lists every rule', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'rules', 'README.md'), 'utf-8');
    expect(KUBERNETES_RULES.map(r => r.id).filter(id => !readme.includes(`| \`${id}\` |`))).toEqual([]);
  });
});

describe('passing manifests', () => {
  test('the committed example outputs (one app each) break no rule', () => {
    let count = 0;
    for (const { file, docs } of exampleOutputs()) {
      count += docs.length;
      expect({ file, found: kubernetesViolations(docs) }).toEqual({ file, found: [] });
    }
    expect(count).toBeGreaterThan(20);
  });

  test('valid objects of every emitted kind break no rule', () => {
    const vm = vmWith(spec => {
      spec.nodeSelector = { 'kubernetes.io/arch': 'amd64', 'node-role.kubernetes.io/worker': '' };
      spec.affinity = {
        nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }, { key: 'cpus', operator: 'Gt', values: ['4'] }] }] } },
        podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'web' } } } }] },
      };
      spec.domain.devices.interfaces[0].macAddress = '02:00:00:00:00:01';
      spec.domain.devices.gpus = [{ name: 'gpu1', deviceName: 'nvidia.com/TU104GL_Tesla_T4' }];
      spec.readinessProbe = { exec: { command: ['cat', '/tmp/ready'] } };
      spec.volumes.push({ name: 'ci', cloudInitNoCloud: { userData: '#cloud-config\npackages: [nginx]\n' } });
      spec.volumes.push({ name: 'ci2', cloudInitConfigDrive: { userDataBase64: Buffer.from('#cloud-config\n{}\n').toString('base64') } });
    });
    vm.metadata.annotations = { 'example.com/Owner': 'Team A' };
    const manifests = [
      vm,
      validPool(),
      configMap({ labels: { 'app.kubernetes.io/name': 'web', 'empty': '' } }),
      service({ type: 'NodePort', ports: [{ name: 'ssh', port: 22, targetPort: 22, nodePort: 30022 }, { name: 'http', port: 80, targetPort: 'http-alt', protocol: 'TCP' }, { name: 'dns', port: 80, protocol: 'UDP' }] }),
      cronJob({ schedule: '*/15 2-4 1,15 jan-mar MON-FRI', timeZone: 'Europe/Oslo' }),
      cronJob({ schedule: '@every 1h30m', timeZone: 'Etc/GMT+5' }, 'hourly'),
      dataVolume({ http: { url: 'https://cloud.example.com/images/fedora.qcow2', checksum: `sha256:${'a'.repeat(64)}` } }, { storageClassName: 'fast-ssd.example.com', resources: { requests: { storage: '10Gi' } } }),
      dataVolume({ gcs: { url: 'gs://bucket/disk.img' } }, undefined, 'gcs-disk'),
      dataVolume({ registry: { url: 'docker://registry.example.com:5000/vms/fedora@sha256:' + 'b'.repeat(64) } }, undefined, 'reg-disk'),
      dataVolume({ registry: { imageStream: 'fedora', pullMethod: 'node' } }, undefined, 'is-disk'),
      dataImportCron({}),
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'system:snapshots', namespace: 'apps' }, rules: [] },
      { apiVersion: 'instancetype.kubevirt.io/v1beta1', kind: 'VirtualMachineClusterInstancetype', metadata: { name: 'small' }, spec: {} },
      { apiVersion: 'clone.kubevirt.io/v1beta1', kind: 'VirtualMachineClone', metadata: { name: 'web-clone', namespace: 'apps' }, spec: { newMacAddresses: { default: '02:00:00:00:00:02' } } },
    ];
    expect(messages(...manifests)).toEqual([]);
  });

  test('never throws and never mutates, whatever the input', () => {
    const odd: any[] = [null, 7, 'x', [], { kind: 7 }, { kind: 'Service', spec: { ports: 'x' } }, { kind: 'VirtualMachine', metadata: [], spec: { template: null } }];
    const frozen = JSON.stringify(odd);
    expect(() => kubernetesViolations(odd)).not.toThrow();
    expect(JSON.stringify(odd)).toEqual(frozen);
    expect(kubernetesViolations('nope' as any)).toEqual([]);
  });

  test('is total over arbitrary JSON shaped like the emitted kinds', () => {
    const kinds = ['VirtualMachine', 'VirtualMachinePool', 'Service', 'CronJob', 'DataVolume', 'DataImportCron', 'VirtualMachineClone', 'Role'];
    fc.assert(fc.property(fc.constantFrom(...kinds), fc.jsonValue({ maxDepth: 6 }), fc.jsonValue({ maxDepth: 6 }), (kind, metadata, spec) => {
      const manifest = { kind, metadata, spec };
      const before = JSON.stringify(manifest);
      expect(Array.isArray(kubernetesViolations([manifest, manifest]))).toBe(true);
      expect(JSON.stringify(manifest)).toEqual(before);
    }), { numRuns: 300 });
  });

  test('stops at cycles that JavaScript objects can have', () => {
    const spec: any = { template: { spec: {} } };
    spec.template.spec.self = spec;
    spec.template.spec.twice = [spec, spec];
    const vm = { kind: 'VirtualMachine', metadata: { name: 'web', namespace: 'apps' }, spec };
    expect(kubernetesViolations([vm])).toEqual([]);
  });
});

describe('names', () => {
  test('fails when a namespace is not a DNS-1123 label (object-namespace)', () => {
    expect(messages(configMap({ namespace: 'Bad_NS!' }))).toEqual([
      `ConfigMap/settings: metadata.namespace must be a DNS-1123 label: got "Bad_NS!"; ${LABEL} (object-namespace)`,
    ]);
  });

  test('a cluster-scoped kind must have no namespace', () => {
    expect(messages({ kind: 'VirtualMachineClusterPreference', metadata: { name: 'p', namespace: 'apps' } })).toEqual([
      'VirtualMachineClusterPreference/p: metadata.namespace must not be set on a cluster-scoped VirtualMachineClusterPreference: got "apps"; no namespace (object-namespace)',
    ]);
  });

  test('fails when a Service name is not a DNS-1035 label (object-name)', () => {
    expect(messages(service({ ports: [{ port: 22 }] }, '1-ssh'))).toEqual([
      "Service/1-ssh: metadata.name must be a DNS-1035 label: got \"1-ssh\"; a DNS-1035 label: lowercase letters, digits and '-', starting with a letter and ending with a letter or digit, at most 63 characters (object-name)",
    ]);
  });

  test('names follow each kind: subdomain, CronJob 52, DataImportCron 63, Role path segment', () => {
    expect(messages(configMap({ name: 'Settings' }))).toEqual([`ConfigMap/Settings: metadata.name must be a DNS-1123 subdomain: got "Settings"; ${SUBDOMAIN} (object-name)`]);
    expect(messages(cronJob({}, 'c'.repeat(53)))).toEqual([
      `CronJob/${'c'.repeat(53)}: metadata.name must be at most 52 characters: got "${'c'.repeat(53)}"; ${SUBDOMAIN}, and at most 52 characters for a CronJob (object-name)`,
    ]);
    expect(messages(dataImportCron({}, 'd'.repeat(64)))).toEqual([
      `DataImportCron/${'d'.repeat(64)}: metadata.name must be at most 63 characters: got "${'d'.repeat(64)}"; ${SUBDOMAIN}, and at most 63 characters for a DataImportCron (object-name)`,
    ]);
    expect(messages({ kind: 'RoleBinding', metadata: { name: 'a/b', namespace: 'apps' } })).toEqual([
      "RoleBinding/a/b: metadata.name must not contain '/' or '%': got \"a/b\"; a name without '/' or '%' that is not '.' or '..' (object-name)",
    ]);
    expect(messages({ kind: 'Secret', metadata: { namespace: 'apps' } })).toEqual([`Secret/: metadata.name is required: got undefined; ${SUBDOMAIN} (object-name)`]);
  });

  test('fails when a 63-character pool name leaves no room for the replica suffix (pool-replica-name-length)', () => {
    const pool = validPool();
    pool.metadata.name = 'p'.repeat(63);
    pool.spec.replicas = 12;
    expect(messages(pool)).toEqual([
      `VirtualMachinePool/${'p'.repeat(63)}: metadata.name must leave room for the replica suffix: replica VM "${'p'.repeat(63)}-11" is 66 characters: got "${'p'.repeat(63)}"; a name of at most 60 characters for 12 replicas (pool-replica-name-length)`,
    ]);
    pool.metadata.name = 'p'.repeat(60);
    expect(messages(pool)).toEqual([]);
  });
});

describe('labels, annotations, selectors', () => {
  test('fails when a label key has a space (label-key)', () => {
    expect(messages(configMap({ labels: { 'bad key!': 'x' } }))).toEqual([
      `ConfigMap/settings: metadata.labels["bad key!"] has a key that must be a qualified name: got "bad key!"; ${LABEL_KEY_ALLOWED} (label-key)`,
    ]);
  });

  test('fails when a label value has 98 characters and spaces (label-value)', () => {
    const value = `${'a'.repeat(90)} b c d e`;
    expect(messages(configMap({ labels: { app: value } }))).toEqual([
      `ConfigMap/settings: metadata.labels.app must be at most 63 characters: got "${'a'.repeat(76)}...; ${LABEL_VALUE_ALLOWED} (label-value)`,
    ]);
    expect(messages(configMap({ labels: { app: 'a b' } }))).toEqual([
      `ConfigMap/settings: metadata.labels.app must be a valid label value: got "a b"; ${LABEL_VALUE_ALLOWED} (label-value)`,
    ]);
  });

  test('template labels are checked too', () => {
    const vm = validVm();
    vm.spec.template.metadata.labels['Example.com/app'] = 'web';
    expect(messages(vm)).toEqual([
      `VirtualMachine/web: spec.template.metadata.labels["Example.com/app"] has a key that must have a DNS-1123 subdomain as prefix: got "Example.com/app"; ${LABEL_KEY_ALLOWED} (label-key)`,
    ]);
  });

  test('fails when annotation keys are /x and a/b/c (annotation-key)', () => {
    expect(messages(configMap({ annotations: { '/x': '', 'a/b/c': '', 'Example.com/Upper': 'ok' } }))).toEqual([
      `ConfigMap/settings: metadata.annotations["/x"] has a key that must have a non-empty prefix before /: got "/x"; ${LABEL_KEY_ALLOWED} (annotation-key)`,
      `ConfigMap/settings: metadata.annotations["a/b/c"] has a key that must have at most one '/': got "a/b/c"; ${LABEL_KEY_ALLOWED} (annotation-key)`,
    ]);
  });

  test('fails when annotations add up to more than 256 KiB (annotation-size)', () => {
    expect(messages(configMap({ annotations: { a: 'x'.repeat(256 * 1024) } }))).toEqual([
      'ConfigMap/settings: metadata.annotations must be at most 262144 bytes in total: got "262145 bytes"; annotations whose keys and values add up to at most 256 KiB (annotation-size)',
    ]);
    expect(messages(configMap({ annotations: { a: 'x'.repeat(256 * 1024 - 1) } }))).toEqual([]);
  });

  test('fails when a nodeSelector key and value are invalid, in a VM template (node-selector)', () => {
    const vm = vmWith(spec => { spec.nodeSelector = { 'bad key!': 'v v' }; });
    expect(messages(vm)).toEqual([
      `VirtualMachine/web: spec.template.spec.nodeSelector["bad key!"] has a key that must be a qualified name: got "bad key!"; ${LABEL_KEY_ALLOWED} (node-selector)`,
      `VirtualMachine/web: spec.template.spec.nodeSelector["bad key!"] must be a valid label value: got "v v"; ${LABEL_VALUE_ALLOWED} (node-selector)`,
    ]);
  });

  test('node affinity terms are checked (node-selector)', () => {
    const vm = vmWith(spec => {
      spec.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'a b', operator: 'In', values: ['x'] }, { key: 'zone', operator: 'In' }, { key: 'cpus', operator: 'Gt', values: ['many'] }], matchFields: [{ key: 'metadata.namespace', operator: 'In', values: ['x'] }] }] } } };
    });
    const at = 'spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]';
    expect(messages(vm)).toEqual([
      `VirtualMachine/web: ${at}.matchExpressions[0].key has a key that must be a qualified name: got "a b"; ${LABEL_KEY_ALLOWED} (node-selector)`,
      `VirtualMachine/web: ${at}.matchExpressions[1].values must not be empty for operator In: got undefined; one or more values (node-selector)`,
      `VirtualMachine/web: ${at}.matchExpressions[2].values must be a single integer for operator Gt: got ["many"]; one integer value (node-selector)`,
      `VirtualMachine/web: ${at}.matchFields[0].key must be metadata.name: got "metadata.namespace"; metadata.name (node-selector)`,
    ]);
  });

  test('fails when a pod anti-affinity selector has a bad operator and value (label-selector)', () => {
    const vm = vmWith(spec => {
      spec.affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchExpressions: [{ key: 'app', operator: 'Gt', values: ['1'] }, { key: 'app', operator: 'In', values: ['a b'] }] } }] } };
    });
    const at = 'spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchExpressions';
    expect(messages(vm)).toEqual([
      `VirtualMachine/web: ${at}[0].operator must be one of In, NotIn, Exists, DoesNotExist: got "Gt"; one of In, NotIn, Exists, DoesNotExist (label-selector)`,
      `VirtualMachine/web: ${at}[1].values[0] must be a valid label value: got "a b"; ${LABEL_VALUE_ALLOWED} (label-selector)`,
    ]);
  });

  test('fails when a storageClassName is Fast SSD! (storage-class-name)', () => {
    expect(messages(dataVolume({ blank: {} }, { storageClassName: 'Fast SSD!' }))).toEqual([
      `DataVolume/web-root: spec.storage.storageClassName must be a DNS-1123 subdomain: got "Fast SSD!"; ${SUBDOMAIN} (storage-class-name)`,
    ]);
    const vm = validVm();
    vm.spec.dataVolumeTemplates = [{ metadata: { name: 'data' }, spec: { pvc: { storageClassName: 'Fast SSD!' }, source: { blank: {} } } }];
    expect(messages(vm)).toEqual([
      `VirtualMachine/web: spec.dataVolumeTemplates[0].spec.pvc.storageClassName must be a DNS-1123 subdomain: got "Fast SSD!"; ${SUBDOMAIN} (storage-class-name)`,
    ]);
  });

  test('construction-time form: failOnViolations throws the first in the library format', () => {
    expect(() => failOnViolations("Machine 'app/web'", labelsViolations({ 'bad key!': 'x' }, 'labels'))).toThrow(
      `Machine 'app/web': labels["bad key!"] has a key that must be a qualified name: got "bad key!"; ${LABEL_KEY_ALLOWED} (label-key)`);
    expect(() => failOnViolations("Machine 'app/web'", [])).not.toThrow();
  });
});

describe('Services', () => {
  test('fails when a port is 70000 (service-port)', () => {
    expect(messages(service({ ports: [{ port: 70000 }] }))).toEqual([
      'Service/web-ssh: spec.ports[0].port must be a port number from 1 to 65535: got 70000; an integer from 1 to 65535 (service-port)',
    ]);
    expect(messages(service({ ports: [{ name: 'a', port: 22, protocol: 'ICMP' }, { name: 'b', port: 22 }, { name: 'c', port: 22, protocol: 'TCP' }] }))).toEqual([
      'Service/web-ssh: spec.ports[0].protocol must be TCP, UDP or SCTP: got "ICMP"; one of TCP, UDP, SCTP (service-port)',
      'Service/web-ssh: spec.ports[2].port is used by another port with protocol TCP: got 22; a port and protocol no other port uses (service-port)',
    ]);
  });

  test('fails when two ports have no names (service-port-name)', () => {
    expect(messages(service({ ports: [{ port: 22 }, { port: 80 }] }))).toEqual([
      `Service/web-ssh: spec.ports[0].name is required when a Service has more than one port: got undefined; ${LABEL}, unique among the ports (service-port-name)`,
      `Service/web-ssh: spec.ports[1].name is required when a Service has more than one port: got undefined; ${LABEL}, unique among the ports (service-port-name)`,
    ]);
    expect(messages(service({ ports: [{ name: 'web', port: 22 }, { name: 'web', port: 80 }, { name: 'Web', port: 81 }] }))).toEqual([
      'Service/web-ssh: spec.ports[1].name is used by another port: got "web"; a name no other port uses (service-port-name)',
      `Service/web-ssh: spec.ports[2].name must be a DNS-1123 label: got "Web"; ${LABEL} (service-port-name)`,
    ]);
  });

  test('fails when a targetPort is out of range or not an IANA service name (service-target-port)', () => {
    expect(messages(service({ ports: [{ name: 'a', port: 22, targetPort: 70000 }, { name: 'b', port: 23, targetPort: 'SSH' }, { name: 'c', port: 24, targetPort: 'a-very-long-port-name' }] }))).toEqual([
      "Service/web-ssh: spec.ports[0].targetPort must be a port number from 1 to 65535: got 70000; an integer from 1 to 65535, or an IANA service name: at most 15 lowercase letters, digits and '-', with at least one letter, not starting or ending with '-' and without '--' (service-target-port)",
      "Service/web-ssh: spec.ports[1].targetPort must be a valid port name (it must contain only lowercase letters, digits and '-'): got \"SSH\"; an IANA service name: at most 15 lowercase letters, digits and '-', with at least one letter, not starting or ending with '-' and without '--' (service-target-port)",
      "Service/web-ssh: spec.ports[2].targetPort must be a valid port name (it must be 1 to 15 characters): got \"a-very-long-port-name\"; an IANA service name: at most 15 lowercase letters, digits and '-', with at least one letter, not starting or ending with '-' and without '--' (service-target-port)",
    ]);
  });

  test('fails when a nodePort is set on a ClusterIP Service (service-node-port)', () => {
    expect(messages(service({ ports: [{ port: 22, nodePort: 30022 }] }))).toEqual([
      'Service/web-ssh: spec.ports[0].nodePort must not be set on a ClusterIP Service: got 30022; nodePort only with type NodePort or LoadBalancer (service-node-port)',
    ]);
    const outside = servicePortsViolations([{ port: 22, nodePort: 8080 }], 'NodePort', 'spec.ports', { clusterDependent: true });
    expect(outside.map(formatViolation)).toEqual([
      'spec.ports[0].nodePort must be within the node port range 30000-32767: got 8080; an integer from 30000 to 32767 (the default node port range) (service-node-port)',
    ]);
    expect(servicePortsViolations([{ port: 22, nodePort: 8080 }], 'NodePort', 'spec.ports')).toEqual([]);
  });
});

describe('schedules', () => {
  test('fails when a CronJob schedule is 99 25 * * * (cron-schedule)', () => {
    expect(messages(cronJob({ schedule: '99 25 * * *' }))).toEqual([
      `CronJob/web-snapshots: spec.schedule must be a cron schedule as Kubernetes parses it (minute 99 is above 59): got "99 25 * * *"; ${CRON_ALLOWED} (cron-schedule)`,
    ]);
    expect(messages(cronJob({ schedule: 'every now * * *' }))).toEqual([
      `CronJob/web-snapshots: spec.schedule must be a cron schedule as Kubernetes parses it (minute "every" is not a number): got "every now * * *"; ${CRON_ALLOWED} (cron-schedule)`,
    ]);
    expect(messages(cronJob({ schedule: 'TZ=UTC 0 3 * * *' }))).toEqual([
      `CronJob/web-snapshots: spec.schedule must be a cron schedule as Kubernetes parses it (TZ or CRON_TZ is not allowed; set timeZone instead): got "TZ=UTC 0 3 * * *"; ${CRON_ALLOWED} (cron-schedule)`,
    ]);
  });

  test('a DataImportCron schedule 61 * * * * fails (cron-schedule)', () => {
    expect(messages(dataImportCron({ schedule: '61 * * * *' }))).toEqual([
      `DataImportCron/fedora-image-cron: spec.schedule must be a cron schedule as Kubernetes parses it (minute 61 is above 59): got "61 * * * *"; ${CRON_ALLOWED} (cron-schedule)`,
    ]);
    expect(messages(dataImportCron({ schedule: 'CRON_TZ=Europe/Oslo 0 3 * * *' }))).toEqual([]);
  });

  test('fails when timeZone is Mars/Olympus_Mons (cron-time-zone)', () => {
    const allowed = 'an IANA time zone name such as "Europe/Oslo", "America/New_York", "UTC" or "Etc/GMT+5"';
    expect(messages(cronJob({ timeZone: 'Mars/Olympus_Mons' }))).toEqual([
      `CronJob/web-snapshots: spec.timeZone is not in the IANA time zone database: got "Mars/Olympus_Mons"; ${allowed} (cron-time-zone)`,
    ]);
    expect(messages(cronJob({ timeZone: 'Local' }))).toEqual([
      `CronJob/web-snapshots: spec.timeZone must be an explicit time zone, not Local: got "Local"; ${allowed} (cron-time-zone)`,
    ]);
  });
});

describe('images and URLs', () => {
  test('fails when a registry image is Quay.IO/Fedora/UPPER:41:42 (image-reference)', () => {
    const vm = vmWith(spec => { spec.volumes[0].containerDisk.image = 'Quay.IO/Fedora/UPPER:41:42'; });
    expect(messages(vm)).toEqual([
      `VirtualMachine/web: spec.template.spec.volumes[0].containerDisk.image must have a lowercase repository name: got "Quay.IO/Fedora/UPPER:41:42"; ${IMAGE_ALLOWED} (image-reference)`,
    ]);
    expect(messages(dataVolume({ registry: { url: 'docker://quay.io/fedora:41:42' } }))).toEqual([
      'DataVolume/web-root: spec.source.registry.url must name a valid image reference (it is not a valid image reference): got "docker://quay.io/fedora:41:42"; a docker:// URL with an image reference (e.g. docker://quay.io/containerdisks/fedora:41) or an oci-archive:// URL (image-reference)',
    ]);
    expect(messages(cronJob({ jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'virtctl:' }] } } } } }))).toEqual([
      `CronJob/web-snapshots: spec.jobTemplate.spec.template.spec.containers[0].image is not a valid image reference: got "virtctl:"; ${IMAGE_ALLOWED} (image-reference)`,
    ]);
  });

  test('fails when an http URL is http://%%%/disk.img (source-url)', () => {
    expect(messages(dataVolume({ http: { url: 'http://%%%/disk.img' } }))).toEqual([
      `DataVolume/web-root: spec.source.http.url must be a valid URL: got "http://%%%/disk.img"; ${HTTP_ALLOWED} (source-url)`,
    ]);
  });

  test('fails when an S3 source uses s3:// (source-url)', () => {
    expect(messages(dataVolume({ s3: { url: 's3://bucket/disk.img' } }))).toEqual([
      `DataVolume/web-root: spec.source.s3.url must use the http://, https:// or gs:// scheme: got "s3://bucket/disk.img"; ${HTTP_ALLOWED} (source-url)`,
    ]);
    expect(messages(dataVolume({ registry: { url: 'https://quay.io/fedora' } }))).toEqual([
      'DataVolume/web-root: spec.source.registry.url must use the docker:// or oci-archive:// scheme: got "https://quay.io/fedora"; a docker:// URL with an image reference (e.g. docker://quay.io/containerdisks/fedora:41) or an oci-archive:// URL (source-url)',
    ]);
  });

  test('fails when a URL carries basic-auth credentials, without printing them (source-url-credentials)', () => {
    const found = messages(dataVolume({ http: { url: 'https://admin:hunter2@example.com/disk.img' } }));
    expect(found).toEqual([
      `DataVolume/web-root: spec.source.http.url must not contain credentials (use the source's secretRef): got "https://***@example.com/disk.img"; ${HTTP_ALLOWED} (source-url-credentials)`,
    ]);
    expect(found.join('\n')).not.toContain('hunter2');
    expect(found.join('\n')).not.toContain('admin');
  });

  test('fails when an http checksum has the wrong length (source-checksum)', () => {
    expect(messages(dataVolume({ http: { url: 'https://example.com/d.img', checksum: 'sha256:abc' } }))).toEqual([
      'DataVolume/web-root: spec.source.http.checksum must have 64 hex digits for sha256: got "sha256:abc"; algorithm:hex with md5 (32 hex digits), sha1 (40), sha256 (64) or sha512 (128) (source-checksum)',
    ]);
  });

  test('every import source of every kind is checked: dataVolumeTemplates, DataImportCron', () => {
    const vm = validVm();
    vm.spec.dataVolumeTemplates = [{ metadata: { name: 'data' }, spec: { storage: {}, source: { http: { url: 'ftp://example.com/d.img' } } } }];
    expect(paths(vm)).toEqual(['spec.dataVolumeTemplates[0].spec.source.http.url']);
    expect(paths(dataImportCron({ template: { spec: { source: { registry: { url: 'quay.io/fedora' } } } } }))).toEqual(['spec.template.spec.source.registry.url']);
  });
});

describe('app-wide checks', () => {
  test('fails when two NICs share a MAC address across machines (mac-address-unique)', () => {
    const a = vmWith(spec => { spec.domain.devices.interfaces[0].macAddress = '02:00:00:00:00:01'; });
    const b = vmWith(spec => { spec.domain.devices.interfaces[0].macAddress = '02-00-00-00-00-01'; });
    b.metadata.name = 'db';
    const clone = { kind: 'VirtualMachineClone', metadata: { name: 'web-clone', namespace: 'apps' }, spec: { newMacAddresses: { default: '02:00:00:00:00:01' } } };
    expect(messages(a, b, clone)).toEqual([
      'VirtualMachine/db: spec.template.spec.domain.devices.interfaces[0].macAddress is already used by VirtualMachine "web" at spec.template.spec.domain.devices.interfaces[0].macAddress: got "02-00-00-00-00-01"; a MAC address no other interface in the app uses (mac-address-unique)',
      'VirtualMachineClone/web-clone: spec.newMacAddresses.default is already used by VirtualMachine "web" at spec.template.spec.domain.devices.interfaces[0].macAddress: got "02:00:00:00:00:01"; a MAC address no other interface in the app uses (mac-address-unique)',
    ]);
  });

  test('a MAC address in a pool template with several replicas is shared (mac-address-unique)', () => {
    const pool = validPool();
    pool.spec.replicas = 2;
    pool.spec.virtualMachineTemplate.spec.template.spec.domain.devices.interfaces[0].macAddress = '02:00:00:00:00:09';
    expect(messages(pool)).toEqual([
      'VirtualMachinePool/workers: spec.virtualMachineTemplate.spec.template.spec.domain.devices.interfaces[0].macAddress is shared by all 2 replicas of the pool: got "02:00:00:00:00:09"; a MAC address no other interface in the app uses; leave macAddress unset in a pool with more than one replica (mac-address-unique)',
    ]);
  });

  test('fails when a MAC address is multicast (mac-address-unicast)', () => {
    const vm = vmWith(spec => { spec.domain.devices.interfaces[0].macAddress = '01:00:5e:00:00:01'; });
    expect(messages(vm)).toEqual([
      'VirtualMachine/web: spec.template.spec.domain.devices.interfaces[0].macAddress must be a unicast MAC address (the first byte must be even): got "01:00:5e:00:00:01"; a unicast MAC address, e.g. 52:54:00:12:34:56 or 02:00:00:00:00:01 (mac-address-unicast)',
    ]);
    const clone = { kind: 'VirtualMachineClone', metadata: { name: 'c', namespace: 'apps' }, spec: { newMacAddresses: { default: 'zz' } } };
    expect(messages(clone)).toEqual([
      'VirtualMachineClone/c: spec.newMacAddresses.default must be a MAC address: got "zz"; six hex pairs separated by colons or hyphens, e.g. 52:54:00:12:34:56 (interface-mac-address)',
    ]);
  });

  test('fails when #cloud-config is not valid YAML (cloud-config-yaml)', () => {
    const allowed = 'YAML whose top level is a mapping, e.g. "#cloud-config\\npackages: [nginx]"';
    const vm = vmWith(spec => {
      spec.volumes.push({ name: 'ci', cloudInitNoCloud: { userData: '#cloud-config\npassword: hunter2\nusers: [a\n  b: c' } });
      spec.volumes.push({ name: 'ci2', cloudInitConfigDrive: { userDataBase64: Buffer.from('#cloud-config\n- a\n- b\n').toString('base64') } });
      spec.volumes.push({ name: 'ci3', cloudInitNoCloud: { userData: '#!/bin/sh\n: [ not yaml' } });
    });
    const found = messages(vm);
    expect(found).toEqual([
      `VirtualMachine/web: spec.template.spec.volumes[1].cloudInitNoCloud.userData must be valid YAML: got "line 3, column 9: MULTILINE_IMPLICIT_KEY"; ${allowed} (cloud-config-yaml)`,
      `VirtualMachine/web: spec.template.spec.volumes[2].cloudInitConfigDrive.userDataBase64 must have a mapping at the top level: got "a list"; ${allowed} (cloud-config-yaml)`,
    ]);
    expect(found.join('\n')).not.toContain('hunter2');
  });

  test('fails when a GPU is named GPU 1! (device-resource-name)', () => {
    const allowed = "an extended resource name: a domain prefix outside kubernetes.io, '/', then a name of letters, digits, '-', '_' or '.' (e.g. nvidia.com/TU104GL_Tesla_T4)";
    const vm = vmWith(spec => {
      spec.domain.devices.gpus = [{ name: 'g', deviceName: 'GPU 1!' }, { name: 'h', deviceName: 'nvidia.com/GPU 1!' }];
      spec.domain.devices.hostDevices = [{ name: 'x', deviceName: 'kubernetes.io/foo' }];
    });
    expect(messages(vm)).toEqual([
      `VirtualMachine/web: spec.template.spec.domain.devices.gpus[0].deviceName must have a domain prefix and '/': got "GPU 1!"; ${allowed} (device-resource-name)`,
      `VirtualMachine/web: spec.template.spec.domain.devices.gpus[1].deviceName must be an extended resource name: got "nvidia.com/GPU 1!"; ${allowed} (device-resource-name)`,
      `VirtualMachine/web: spec.template.spec.domain.devices.hostDevices[0].deviceName must not use the kubernetes.io domain: got "kubernetes.io/foo"; ${allowed} (device-resource-name)`,
    ]);
  });

  test('fails when an exec probe has an empty command (probe-exec-command)', () => {
    const allowed = 'a non-empty list of strings, the first naming the program, e.g. ["cat", "/tmp/healthy"]';
    const vm = vmWith(spec => {
      spec.readinessProbe = { exec: { command: [] } };
      spec.livenessProbe = { exec: { command: [' ', 'x'] } };
    });
    expect(messages(vm)).toEqual([
      `VirtualMachine/web: spec.template.spec.readinessProbe.exec.command must not be empty: got []; ${allowed} (probe-exec-command)`,
      `VirtualMachine/web: spec.template.spec.livenessProbe.exec.command[0] must name a program: got " "; ${allowed} (probe-exec-command)`,
    ]);
  });
});

describe('shared small checks', () => {
  test('MAC addresses: Go net.ParseMAC forms of 6 bytes, multicast bit, comparison key', () => {
    for (const ok of ['52:54:00:12:34:56', '52-54-00-12-34-56', '5254.0012.3456', 'AA:bb:CC:00:11:22']) expect(isMacAddress(ok)).toBe(true);
    for (const bad of ['52:54:00:12:34', '52:54:00:12:34:56:78', '52:54-00:12:34:56', 'zz:54:00:12:34:56', 7]) expect(isMacAddress(bad)).toBe(false);
    expect(isMulticastMac('01:00:5e:00:00:01')).toBe(true);
    expect(isMulticastMac('ff:ff:ff:ff:ff:ff')).toBe(true);
    expect(isMulticastMac('02:00:00:00:00:01')).toBe(false);
    expect(macKey('AA-BB-CC-00-11-22')).toEqual(macKey('aa:bb:cc:00:11:22'));
  });

  test('ports: integers 1 to 65535', () => {
    expect([0, 1, 65535, 65536, 1.5, '80', NaN].map(isPortNumber)).toEqual([false, true, true, false, false, false, false]);
  });
});
