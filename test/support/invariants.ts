/**
 * An independent checker of synthesized output: the properties every program's YAML must keep, written
 * from KubeVirt's rules (../shared/kubevirt/RULES.md) without using the library's own rules or
 * validation code (nothing here imports from src/). When the library's rules and this checker disagree,
 * one of them is wrong, and the fuzz tests say which program showed it.
 *
 * `invariantViolations(objects)` takes every object of one app (parsed YAML) and returns a list of
 * human-readable violations, `<kind>/<name>: <path> <what>`; an empty list means every invariant holds.
 */

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const INLINE_LIMIT = 2048;
const CLOUD_INIT_SOURCES = ['cloudInitNoCloud', 'cloudInitConfigDrive'];

function isObject(v: unknown): v is Record<string, any> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function arr(v: unknown): any[] {
  return Array.isArray(v) ? v : [];
}

function bytes(s: string): number {
  return Buffer.byteLength(s, 'utf-8');
}

function duplicates(values: string[]): string[] {
  return [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
}

/** True when the keys of a map are in sorted (code point) order, as deterministic output needs. */
function sortedKeys(m: unknown): boolean {
  if (!isObject(m)) return true;
  const keys = Object.keys(m);
  return keys.every((k, i) => i === 0 || keys[i - 1] < k);
}

/** Checks one VirtualMachine; `all` is every object of the app (for Secrets it refers to). */
function checkVm(vm: any, all: any[], out: string[]): void {
  const name = vm?.metadata?.name;
  const say = (path: string, what: string) => out.push(`VirtualMachine/${name}: ${path} ${what}`);
  if (typeof name !== 'string' || name.length > 63 || !DNS_LABEL.test(name)) say('metadata.name', `must be a DNS-1123 label of at most 63 characters: got ${JSON.stringify(name)}`);
  const spec = vm.spec ?? {};
  if (spec.running !== undefined) say('spec.running', 'must not be emitted (runStrategy only)');
  if (!['Always', 'Halted', 'Manual', 'RerunOnFailure', 'Once'].includes(spec.runStrategy)) say('spec.runStrategy', `must be a known run strategy: got ${JSON.stringify(spec.runStrategy)}`);
  for (const [where, meta] of [['metadata', vm.metadata], ['spec.template.metadata', spec.template?.metadata]] as const) {
    for (const field of ['labels', 'annotations']) {
      if (!sortedKeys(meta?.[field])) say(`${where}.${field}`, 'must have sorted keys');
    }
  }
  const t = spec.template?.spec;
  if (!isObject(t)) {
    say('spec.template.spec', 'must be an object');
    return;
  }
  if (!sortedKeys(t.nodeSelector)) say('spec.template.spec.nodeSelector', 'must have sorted keys');
  const domain = t.domain ?? {};
  const devices = domain.devices ?? {};
  const disks = arr(devices.disks);
  const volumes = arr(t.volumes);
  const interfaces = arr(devices.interfaces);
  const networks = arr(t.networks);

  // Names.
  const diskNames = disks.map(d => d?.name);
  const volumeNames = volumes.map(v => v?.name);
  const ifaceNames = interfaces.map(i => i?.name);
  const netNames = networks.map(n => n?.name);
  for (const [what, names] of [['disk', diskNames], ['volume', volumeNames], ['interface', ifaceNames], ['network', netNames]] as const) {
    for (const n of names) {
      if (typeof n !== 'string' || n.length === 0 || n.length > 63) say(`${what} names`, `must be 1 to 63 characters: got ${JSON.stringify(n)}`);
    }
    for (const d of duplicates(names)) say(`${what} names`, `must be unique: ${JSON.stringify(d)} is used twice`);
  }
  for (const n of diskNames) if (typeof n === 'string' && !DNS_LABEL.test(n)) say('disk names', `must be DNS-1123 labels: got ${JSON.stringify(n)}`);

  // Pairing.
  for (const n of diskNames) if (!volumeNames.includes(n)) say('disks', `disk ${JSON.stringify(n)} has no volume`);
  for (const n of volumeNames) if (!diskNames.includes(n)) say('volumes', `volume ${JSON.stringify(n)} has no disk`);
  for (const n of netNames) if (!ifaceNames.includes(n)) say('networks', `network ${JSON.stringify(n)} has no interface`);
  for (const n of ifaceNames) if (!netNames.includes(n)) say('interfaces', `interface ${JSON.stringify(n)} has no network`);

  // Each disk and volume is exactly one thing.
  for (const d of disks) {
    const targets = ['disk', 'cdrom', 'lun'].filter(k => d?.[k] !== undefined);
    if (targets.length !== 1) say(`disk ${JSON.stringify(d?.name)}`, `must be exactly one of disk, cdrom, lun: got ${JSON.stringify(targets)}`);
    const target = d?.[targets[0]] ?? {};
    if (d?.cdrom && target.bus === 'virtio') say(`disk ${JSON.stringify(d.name)}`, 'is a cdrom on virtio');
    if (d?.disk && target.bus === 'sata' && target.readonly) say(`disk ${JSON.stringify(d.name)}`, 'is read-only on sata');
    if (target.bus !== undefined && !['virtio', 'sata', 'scsi', 'usb'].includes(target.bus)) say(`disk ${JSON.stringify(d.name)}`, `has bus ${JSON.stringify(target.bus)}`);
  }
  for (const v of volumes) {
    const sources = Object.keys(v ?? {}).filter(k => k !== 'name');
    if (sources.length !== 1) say(`volume ${JSON.stringify(v?.name)}`, `must have exactly one source: got ${JSON.stringify(sources)}`);
  }

  // Boot orders: at least 1, unique across disks and interfaces together.
  const orders = [...disks, ...interfaces].map(x => x?.bootOrder).filter(b => b !== undefined);
  for (const b of orders) if (!Number.isInteger(b) || b < 1) say('bootOrder', `must be an integer ≥ 1: got ${JSON.stringify(b)}`);
  for (const b of duplicates(orders.map(String))) say('bootOrder', `must be unique across disks and interfaces: ${b} is used twice`);

  // Networks: one default at most; ports only on the pod network; masquerade only on the pod network.
  const pod = networks.filter(n => n?.pod !== undefined);
  const multusDefault = networks.filter(n => n?.multus?.default === true);
  if (pod.length + multusDefault.length > 1) say('networks', 'must have at most one default network (pod or multus default)');
  for (const i of interfaces) {
    const net = networks.find(n => n?.name === i?.name);
    const isPod = net?.pod !== undefined;
    if (i?.masquerade !== undefined && !isPod) say(`interface ${JSON.stringify(i.name)}`, 'uses masquerade off the pod network');
    if (i?.ports !== undefined && !isPod) say(`interface ${JSON.stringify(i.name)}`, 'has ports off the pod network');
    for (const p of arr(i?.ports)) if (!(Number.isInteger(p?.port) && p.port >= 1 && p.port <= 65535)) say(`interface ${JSON.stringify(i.name)}`, `has port ${JSON.stringify(p?.port)}`);
    if (i?.macAddress !== undefined && !/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(i.macAddress)) say(`interface ${JSON.stringify(i.name)}`, `has MAC ${JSON.stringify(i.macAddress)} (expected lowercase, colon-separated)`);
  }
  for (const probe of ['readinessProbe', 'livenessProbe']) {
    const p = t[probe];
    if (!p) continue;
    const handlers = ['httpGet', 'tcpSocket', 'exec', 'guestAgentPing'].filter(h => p[h] !== undefined);
    if (handlers.length !== 1) say(probe, `must have exactly one handler: got ${JSON.stringify(handlers)}`);
    if ((p.httpGet || p.tcpSocket) && pod.length === 0) say(probe, 'uses httpGet/tcpSocket without a pod network');
  }

  // Cloud-init: inline data within 2048 bytes (UTF-8); generated Secrets exist and hold the data.
  const ciVolumes = volumes.filter(v => CLOUD_INIT_SOURCES.some(k => v?.[k] !== undefined));
  if (ciVolumes.length > 1) say('volumes', 'must have at most one cloud-init volume');
  for (const v of ciVolumes) {
    const key = CLOUD_INIT_SOURCES.find(k => v[k] !== undefined)!;
    const src = v[key] ?? {};
    const user = ['userData', 'userDataBase64', 'secretRef'].filter(k => src[k] !== undefined);
    const network = ['networkData', 'networkDataBase64', 'networkDataSecretRef'].filter(k => src[k] !== undefined);
    if (user.length > 1) say(`volume ${v.name}.${key}`, `sets more than one of userData, userDataBase64, secretRef: ${JSON.stringify(user)}`);
    if (network.length > 1) say(`volume ${v.name}.${key}`, `sets more than one of networkData, networkDataBase64, networkDataSecretRef: ${JSON.stringify(network)}`);
    if (user.length + network.length === 0) say(`volume ${v.name}.${key}`, 'has neither user data nor network data');
    for (const field of ['userData', 'networkData']) {
      if (typeof src[field] === 'string' && bytes(src[field]) > INLINE_LIMIT) say(`volume ${v.name}.${key}.${field}`, `is ${bytes(src[field])} bytes inline: at most ${INLINE_LIMIT}`);
      const b64 = src[`${field}Base64`];
      if (typeof b64 === 'string' && Buffer.from(b64, 'base64').length > INLINE_LIMIT) say(`volume ${v.name}.${key}.${field}Base64`, `decodes to more than ${INLINE_LIMIT} bytes`);
    }
    for (const [ref, dataKey] of [['secretRef', 'userdata'], ['networkDataSecretRef', 'networkdata']] as const) {
      const secretName = src[ref]?.name;
      if (src[ref] !== undefined && (typeof secretName !== 'string' || !DNS_SUBDOMAIN.test(secretName))) say(`volume ${v.name}.${key}.${ref}`, `must name a Secret: got ${JSON.stringify(secretName)}`);
      const generated = all.find(o => o?.kind === 'Secret' && o.metadata?.name === secretName && (o.metadata?.namespace ?? vm.metadata?.namespace) === vm.metadata?.namespace);
      if (generated) {
        const data = generated.data?.[dataKey];
        if (typeof data !== 'string') say(`volume ${v.name}.${key}.${ref}`, `refers to the generated Secret ${secretName}, which has no ${dataKey}`);
        else if (bytes(Buffer.from(data, 'base64').toString('utf-8')) <= INLINE_LIMIT) say(`volume ${v.name}.${key}.${ref}`, `moved ${dataKey} of at most ${INLINE_LIMIT} bytes out of line`);
      }
    }
  }

  // Access credentials need the matching cloud-init datasource; Secret names fit the launcher's volume name.
  for (const c of arr(t.accessCredentials)) {
    const kinds = ['sshPublicKey', 'userPassword'].filter(k => c?.[k] !== undefined);
    if (kinds.length !== 1) say('accessCredentials', `entry must be exactly one of sshPublicKey, userPassword: got ${JSON.stringify(kinds)}`);
    const cred = c?.[kinds[0]] ?? {};
    const method = cred.propagationMethod ?? {};
    const secretName = cred.source?.secret?.secretName;
    if (typeof secretName !== 'string' || secretName.length > 51) say('accessCredentials', `secretName must be at most 51 characters: got ${JSON.stringify(secretName)}`);
    if (method.noCloud !== undefined && !ciVolumes.some(v => v.cloudInitNoCloud !== undefined)) say('accessCredentials', 'uses noCloud propagation without a cloudInitNoCloud volume');
    if (method.configDrive !== undefined && !ciVolumes.some(v => v.cloudInitConfigDrive !== undefined)) say('accessCredentials', 'uses configDrive propagation without a cloudInitConfigDrive volume');
    if (method.qemuGuestAgent !== undefined && kinds[0] === 'sshPublicKey' && arr(method.qemuGuestAgent.users).length === 0) say('accessCredentials', 'uses qemuGuestAgent propagation without users');
  }

  // Firmware: a stable UUID, an explicit machine type, EFI's secureBoot explicit and only with SMM.
  const firmware = domain.firmware ?? {};
  if (typeof firmware.uuid !== 'string' || !UUID.test(firmware.uuid)) say('domain.firmware.uuid', `must be a lowercase UUID: got ${JSON.stringify(firmware.uuid)}`);
  // Machine type and architecture are the cluster's unless the program sets them; when set, they are valid.
  if (domain.machine !== undefined && (typeof domain.machine.type !== 'string' || domain.machine.type === '')) say('domain.machine.type', `must be a non-empty string when emitted: got ${JSON.stringify(domain.machine.type)}`);
  if (t.architecture !== undefined && !['amd64', 'arm64', 's390x'].includes(t.architecture)) say('architecture', `must be amd64, arm64 or s390x when emitted: got ${JSON.stringify(t.architecture)}`);
  if (t.architecture === 'amd64' && domain.machine?.type !== undefined && !/^(pc-)?q35/.test(domain.machine.type)) say('domain.machine.type', `must be a q35 type on amd64: got ${JSON.stringify(domain.machine.type)}`);
  const bootloader = firmware.bootloader ?? {};
  if (bootloader.efi !== undefined && bootloader.bios !== undefined) say('domain.firmware.bootloader', 'sets both efi and bios');
  if (bootloader.efi !== undefined) {
    if (typeof bootloader.efi.secureBoot !== 'boolean') say('domain.firmware.bootloader.efi.secureBoot', `must be emitted explicitly (KubeVirt defaults it to true): got ${JSON.stringify(bootloader.efi.secureBoot)}`);
    if (bootloader.efi.secureBoot === true && domain.features?.smm?.enabled !== true) say('domain.firmware.bootloader.efi.secureBoot', 'is true without features.smm.enabled: true');
  }

  // Instancetype: no inline CPU topology, guest memory or resources; without it, memory must be given.
  if (spec.instancetype !== undefined) {
    for (const f of ['sockets', 'cores', 'threads']) if (domain.cpu?.[f] !== undefined) say(`domain.cpu.${f}`, 'must not be set with spec.instancetype');
    if (domain.memory?.guest !== undefined) say('domain.memory.guest', 'must not be set with spec.instancetype');
    if (domain.resources !== undefined) say('domain.resources', 'must not be set with spec.instancetype');
    if (typeof spec.instancetype.name !== 'string' || !DNS_SUBDOMAIN.test(spec.instancetype.name)) say('spec.instancetype.name', 'must be a DNS-1123 subdomain');
  } else if (domain.memory?.guest === undefined && domain.memory?.hugepages === undefined && domain.resources?.requests?.memory === undefined) {
    say('domain.memory', 'must give guest memory, hugepages or a memory request');
  }
  if (domain.cpu?.dedicatedCpuPlacement === true && (domain.cpu.threads ?? 1) > 2) say('domain.cpu.threads', 'must be at most 2 with dedicatedCpuPlacement');

  // DataVolume templates: named, referenced by a volume, in the VM's namespace, one storage spec.
  const referenced = new Set(volumes.flatMap(v => [v?.dataVolume?.name, v?.persistentVolumeClaim?.claimName]).filter(Boolean));
  const dvNames = arr(spec.dataVolumeTemplates).map(d => d?.metadata?.name);
  for (const d of duplicates(dvNames)) say('spec.dataVolumeTemplates', `names ${JSON.stringify(d)} twice`);
  for (const dv of arr(spec.dataVolumeTemplates)) {
    const n = dv?.metadata?.name;
    if (typeof n !== 'string' || n.length > 253 || !DNS_SUBDOMAIN.test(n)) say('spec.dataVolumeTemplates', `has a name that is not a DNS-1123 subdomain: ${JSON.stringify(n)}`);
    if (!referenced.has(n)) say('spec.dataVolumeTemplates', `template ${JSON.stringify(n)} is not referenced by any volume`);
    if (dv?.metadata?.namespace !== undefined && dv.metadata.namespace !== vm.metadata?.namespace) say('spec.dataVolumeTemplates', `template ${JSON.stringify(n)} is in another namespace`);
    const storage = ['pvc', 'storage'].filter(k => dv?.spec?.[k] !== undefined);
    if (storage.length !== 1) say('spec.dataVolumeTemplates', `template ${JSON.stringify(n)} must set exactly one of pvc, storage`);
    const sources = ['source', 'sourceRef'].filter(k => dv?.spec?.[k] !== undefined);
    if (sources.length !== 1) say('spec.dataVolumeTemplates', `template ${JSON.stringify(n)} must set exactly one of source, sourceRef`);
    else if (sources[0] === 'source' && Object.keys(dv.spec.source ?? {}).length !== 1) say('spec.dataVolumeTemplates', `template ${JSON.stringify(n)} must have exactly one source type`);
  }
}

/** Checks every object of one app; returns every violation (empty when all invariants hold). */
export function invariantViolations(objects: any[]): string[] {
  const out: string[] = [];
  // Object identity: (kind, namespace, name) unique, counting DataVolumes from dataVolumeTemplates too.
  const identities: string[] = [];
  for (const o of objects) {
    const ns = o?.metadata?.namespace ?? '';
    identities.push(`${o?.kind}/${ns}/${o?.metadata?.name}`);
    if (o?.kind === 'VirtualMachine') {
      for (const dv of arr(o.spec?.dataVolumeTemplates)) identities.push(`DataVolume/${ns}/${dv?.metadata?.name}`);
    }
    const name = o?.metadata?.name;
    if (typeof name !== 'string' || name.length > 253 || !DNS_SUBDOMAIN.test(name)) out.push(`${o?.kind}/${name}: metadata.name must be a DNS-1123 subdomain`);
    if (o?.metadata?.namespace !== undefined && !DNS_LABEL.test(o.metadata.namespace)) out.push(`${o?.kind}/${name}: metadata.namespace must be a DNS-1123 label`);
  }
  // A DataVolume and the PVC CDI makes for it share a name, so they compete too.
  const claimLike = identities.map(i => i.replace(/^(DataVolume|PersistentVolumeClaim)\//, 'Claim/'));
  for (const d of duplicates(claimLike)) out.push(`${d}: two objects (or DataVolume templates) claim the same name`);
  for (const d of duplicates(identities.filter(i => !/^(DataVolume|PersistentVolumeClaim)\//.test(i)))) out.push(`${d}: emitted twice`);
  for (const o of objects) if (o?.kind === 'VirtualMachine') checkVm(o, objects, out);
  return out;
}
