'use strict';
// The fleet workload, built four ways that must give byte-identical YAML:
//   library - cdk8s-kubevirt Machines (all validations on), app.synthYaml()
//   raw     - plain-object cdk8s ApiObjects, app.synthYaml()
//   l1      - the generated L1 class kubevirt.VirtualMachine, app.synthYaml()
//   yaml    - the `yaml` package on plain objects, with cdk8s's options (the floor)
// and a fifth, `json`, that is not YAML: JSON.stringify of the same plain objects, one document a line
// (the cost of building the objects at all). It is checked by parsing the library's YAML back.
// A sixth, `unchecked`, is a diagnostic: the library variant with the checks made at synthesis (strict
// schema, secret scan, Kubernetes validation, name claims, KubeVirt rules) replaced by no-ops in the
// process that runs it, so that library - unchecked is what those checks cost and unchecked - raw what
// building and rendering the constructs costs. The library itself has no switch for this.
//
// Each machine: MachineTemplate.MEDIUM, a root disk imported over HTTP (30Gi), a blank 100Gi data
// disk, cloud-init (hostname, one user with sudo, shell and an SSH key, three packages), the pod
// network (masquerade) plus a multus NIC (bridge).
const crypto = require('crypto');
const path = require('path');

const NAMESPACE = 'fleet';
const IMAGE_URL = 'https://images.example.com/fedora-41.qcow2';
const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGV4YW1wbGUta2V5LW9ubHktZm9yLWRvY3MtMDAwMDAwMDA ops@example.com';
const SUDO = 'ALL=(ALL) NOPASSWD:ALL';
const PACKAGES = ['qemu-guest-agent', 'curl', 'vim'];
const NAD = 'vlan-100';
const MANAGED_BY = 'app.kubernetes.io/managed-by';
const SHARD = 'fleet.example.com/shard';
const MACHINE_LABEL = 'cdk8s-kubevirt/machine';
// The library's UUID namespace for derived firmware UUIDs (RFC 4122 v5); the hand-written variants
// derive the same stable UUID, as a careful user would, so that KubeVirt does not invent one.
const UUID_NAMESPACE = Buffer.from('3f1b6a52c0e94d8f9a7e1c2d4b5a6978', 'hex');

function machineName(i) {
  return `vm-${String(i).padStart(5, '0')}`;
}

function firmwareUuid(namespace, name) {
  const h = crypto.createHash('sha1').update(UUID_NAMESPACE).update(`${namespace}/${name}`).digest('hex').slice(0, 32);
  const variant = ((Number.parseInt(h[16], 16) % 4) + 8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20)}`;
}

/** The user data as a hand-written template (what the raw variants would write). */
function userData(name) {
  return '#cloud-config\n'
    + `hostname: ${name}\n`
    + 'packages:\n' + PACKAGES.map(p => `  - ${p}\n`).join('')
    + 'users:\n'
    + '  - name: ops\n'
    + '    shell: /bin/bash\n'
    + '    ssh_authorized_keys:\n'
    + `      - ${SSH_KEY}\n`
    + `    sudo: ${SUDO}\n`;
}

/** The VirtualMachine as plain JSON, keys already in the order cdk8s emits (sorted). */
function plainVm(i) {
  const name = machineName(i);
  const shard = String(i % 10);
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: {
      labels: { [MANAGED_BY]: 'cdk8s-kubevirt', [SHARD]: shard },
      name,
      namespace: NAMESPACE,
    },
    spec: {
      dataVolumeTemplates: [
        { metadata: { name: `${name}-root` }, spec: { source: { http: { url: IMAGE_URL } }, storage: { resources: { requests: { storage: '30Gi' } } } } },
        { metadata: { name: `${name}-data` }, spec: { source: { blank: {} }, storage: { resources: { requests: { storage: '100Gi' } } } } },
      ],
      runStrategy: 'Always',
      template: {
        metadata: { labels: { [MANAGED_BY]: 'cdk8s-kubevirt', [MACHINE_LABEL]: name, [SHARD]: shard } },
        spec: {
          domain: {
            cpu: { cores: 2, sockets: 1, threads: 1 },
            devices: {
              disks: [
                { disk: { bus: 'virtio' }, name: 'root' },
                { disk: { bus: 'virtio' }, name: 'data' },
                { disk: { bus: 'virtio' }, name: 'cloudinitdisk' },
              ],
              interfaces: [
                { masquerade: {}, name: 'default' },
                { bridge: {}, name: NAD },
              ],
            },
            firmware: { uuid: firmwareUuid(NAMESPACE, name) },
            memory: { guest: '4Gi' },
          },
          networks: [
            { name: 'default', pod: {} },
            { multus: { networkName: NAD }, name: NAD },
          ],
          volumes: [
            { dataVolume: { name: `${name}-root` }, name: 'root' },
            { dataVolume: { name: `${name}-data` }, name: 'data' },
            { cloudInitNoCloud: { userData: userData(name) }, name: 'cloudinitdisk' },
          ],
        },
      },
    },
  };
}

/** Loads the modules a variant needs, from the lib directory under test. */
function load(variant, libDir) {
  const req = m => require(require.resolve(m, { paths: [libDir] }));
  switch (variant) {
    case 'library': return { cdk8s: req('cdk8s'), lib: require(libDir) };
    case 'unchecked': return {
      cdk8s: req('cdk8s'),
      lib: require(libDir),
      appIndex: require(path.join(libDir, 'private', 'app-index.js')),
      rules: require(path.join(libDir, 'rules', 'check.js')),
    };
    case 'raw': return { cdk8s: req('cdk8s') };
    case 'l1': return { cdk8s: req('cdk8s'), kubevirt: require(path.join(libDir, 'imports', 'kubevirt.io.js')) };
    case 'yaml': return { yaml: req('yaml') };
    case 'json': return {};
    default: throw new Error(`unknown variant '${variant}'`);
  }
}

function buildLibrary(m, n) {
  const { App, Chart, Size } = m.cdk8s;
  const L = m.lib;
  const app = new App({ outdir: path.join(require('os').tmpdir(), 'cdk8s-kubevirt-bench') });
  const chart = new Chart(app, 'fleet', { namespace: NAMESPACE });
  for (let i = 0; i < n; i++) {
    const name = machineName(i);
    const disks = new L.DiskSet({ root: { source: L.DiskSource.http(IMAGE_URL), size: Size.gibibytes(30) } })
      .addDisk('data', { size: Size.gibibytes(100) });
    new L.Machine(chart, name, {
      template: L.MachineTemplate.MEDIUM,
      disks,
      labels: { [SHARD]: String(i % 10) },
      cloudInit: L.CloudInit.fromConfig({
        hostname: name,
        users: [{ name: 'ops', sudo: SUDO, shell: '/bin/bash', sshAuthorizedKeys: [SSH_KEY] }],
        packages: PACKAGES,
      }),
      networks: [L.Network.pod(), L.Network.multus(NAD)],
    });
  }
  return app.synthYaml();
}

/**
 * The library variant with the synthesis-time checks stubbed out for the duration of the build (and put
 * back after, so that a process that builds every variant is not affected). The checks made when a
 * construct is built (argument guards, template and option checks) still run.
 */
function buildUnchecked(m, n) {
  const proto = m.appIndex.AppIndex.prototype;
  const build = proto.build;
  const checkManifest = m.rules.checkManifest;
  if (typeof build !== 'function' || typeof checkManifest !== 'function') {
    throw new Error('unchecked: AppIndex.prototype.build or rules checkManifest is gone; update bench/workload.js');
  }
  proto.build = () => new Map();
  m.rules.checkManifest = () => [];
  try {
    return buildLibrary(m, n);
  } finally {
    proto.build = build;
    m.rules.checkManifest = checkManifest;
  }
}

function buildRaw(m, n) {
  const { App, Chart, ApiObject } = m.cdk8s;
  const app = new App({ outdir: path.join(require('os').tmpdir(), 'cdk8s-kubevirt-bench') });
  const chart = new Chart(app, 'fleet', { namespace: NAMESPACE });
  for (let i = 0; i < n; i++) {
    const vm = plainVm(i);
    new ApiObject(chart, vm.metadata.name, vm);
  }
  return app.synthYaml();
}

function buildL1(m, n) {
  const { App, Chart } = m.cdk8s;
  const k = m.kubevirt;
  const app = new App({ outdir: path.join(require('os').tmpdir(), 'cdk8s-kubevirt-bench') });
  const chart = new Chart(app, 'fleet', { namespace: NAMESPACE });
  for (let i = 0; i < n; i++) {
    const name = machineName(i);
    const shard = String(i % 10);
    // The int-or-string trap: quantities must be wrapped, or the L1 serializer drops them.
    const storage = q => ({ resources: { requests: { storage: k.VirtualMachineSpecDataVolumeTemplatesSpecStorageResourcesRequests.fromString(q) } } });
    new k.VirtualMachine(chart, name, {
      metadata: { name, namespace: NAMESPACE, labels: { [MANAGED_BY]: 'cdk8s-kubevirt', [SHARD]: shard } },
      spec: {
        runStrategy: 'Always',
        dataVolumeTemplates: [
          { metadata: { name: `${name}-root` }, spec: { source: { http: { url: IMAGE_URL } }, storage: storage('30Gi') } },
          { metadata: { name: `${name}-data` }, spec: { source: { blank: {} }, storage: storage('100Gi') } },
        ],
        template: {
          metadata: { labels: { [MANAGED_BY]: 'cdk8s-kubevirt', [MACHINE_LABEL]: name, [SHARD]: shard } },
          spec: {
            domain: {
              cpu: { cores: 2, sockets: 1, threads: 1 },
              memory: { guest: k.VirtualMachineSpecTemplateSpecDomainMemoryGuest.fromString('4Gi') },
              firmware: { uuid: firmwareUuid(NAMESPACE, name) },
              devices: {
                disks: [
                  { name: 'root', disk: { bus: 'virtio' } },
                  { name: 'data', disk: { bus: 'virtio' } },
                  { name: 'cloudinitdisk', disk: { bus: 'virtio' } },
                ],
                interfaces: [
                  { name: 'default', masquerade: {} },
                  { name: NAD, bridge: {} },
                ],
              },
            },
            networks: [
              { name: 'default', pod: {} },
              { name: NAD, multus: { networkName: NAD } },
            ],
            volumes: [
              { name: 'root', dataVolume: { name: `${name}-root` } },
              { name: 'data', dataVolume: { name: `${name}-data` } },
              { name: 'cloudinitdisk', cloudInitNoCloud: { userData: userData(name) } },
            ],
          },
        },
      },
    });
  }
  return app.synthYaml();
}

function buildYaml(m, n) {
  // Exactly what cdk8s's Yaml.stringify does per document (node_modules/cdk8s/lib/yaml.js).
  const opts = { keepUndefined: true, lineWidth: 0, version: '1.1' };
  const docs = [];
  for (let i = 0; i < n; i++) docs.push(m.yaml.stringify(plainVm(i), opts));
  return docs.join('---\n');
}

function buildJson(_m, n) {
  const docs = [];
  for (let i = 0; i < n; i++) docs.push(JSON.stringify(plainVm(i)));
  return docs.join('\n') + '\n';
}

const BUILDERS = { library: buildLibrary, raw: buildRaw, l1: buildL1, yaml: buildYaml, json: buildJson, unchecked: buildUnchecked };
/** Every variant, in table order. */
const VARIANTS = Object.keys(BUILDERS);
/** The variants whose output must be byte-identical to the library's YAML. */
const YAML_VARIANTS = VARIANTS.filter(v => v !== 'json');

function build(variant, modules, n) {
  return BUILDERS[variant](modules, n);
}

module.exports = { VARIANTS, YAML_VARIANTS, load, build, plainVm, machineName };
