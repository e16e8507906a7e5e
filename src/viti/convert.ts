/**
 * The Viti converter's reading of one manifest into Machine props (see `Viti` in converter.ts for
 * the mapping): every field checked, every problem collected and thrown at once, then the value objects
 * built.
 */
import { Size } from 'cdk8s';
import {
  API_VERSION, BOOT_DEVICES, detectDialect, DISK_FIELDS, DROPPED_ANNOTATIONS, KIND, MACHINE_LABEL, MACHINE_TYPE, MACHINE_TYPES,
  OVERVIEW_FIELDS, overviewTemplates, REFERENCE_FIELDS, REFERENCE_TEMPLATES, SERVER_METADATA, SIZE_NAMES,
} from './fields';
import { isMapping, Reader } from './reader';
import { CloudInit } from '../cloud-init/cloud-init';
import { NetworkData } from '../cloud-init/network-data';
import { DomainFeatures, Firmware, HypervPreset } from '../machine/firmware';
import { Machine } from '../machine/machine';
import { MachineTemplate } from '../machine/machine-template';
import { InterfaceModel, Network } from '../network/network';
import { formatProblem, KubevirtError, Problem } from '../private/errors';
import { isMacAddress } from '../private/mac-port';
import { DNS1123_LABEL_ALLOWED, isDns1123Label, isDns1123Subdomain, isInterfaceName, isNetworkAttachmentName } from '../private/names';
import { AccessMode, DiskOptions, DiskSet, DiskEmission, VolumeMode } from '../storage/disk-set';
type Props = NonNullable<ConstructorParameters<typeof Machine>[2]>;

/** The result of reading one manifest. */
export interface Conversion {
  readonly props: Props;
  readonly unmapped: string[];
}
/** `Viti Machine '<namespace>/<name>'`, from what the manifest says. */
export function describe(manifest: any): string {
  const meta = isMapping(manifest) && isMapping(manifest.metadata) ? manifest.metadata : {};
  const name = typeof meta.name === 'string' ? meta.name : '<unnamed>';
  return `Viti Machine '${typeof meta.namespace === 'string' ? `${meta.namespace}/` : ''}${name}'`;
}

export function templateNotFound(field: string, name: unknown): string {
  return formatProblem({
    property: `spec.${field}`,
    problem: field === 'template' ? 'is not a known template (TemplateNotFound)' : 'is not a known instance type (TemplateNotFound)',
    value: name,
    allowed: `one of ${SIZE_NAMES.join(', ')}`,
  });
}

/** What `convert` reads of `VitiOptions` (converter.ts, which imports this file; documented there). */
export interface ConvertOptions {
  readonly namespace?: string;
  readonly diskEmission?: DiskEmission;
  readonly allowPasswords?: boolean;
  readonly allowSecrets?: boolean;
}

/** Reads a manifest into Machine props, collecting every problem; throws them all at once. */
export function convert(manifest: any, options: ConvertOptions): Conversion {
  const problems: string[] = [];
  const report = (p: Problem) => problems.push(formatProblem(p));
  const who = describe(manifest);
  const r = new Reader(report);
  const unmapped: string[] = [];

  if (!isMapping(manifest)) {
    throw new KubevirtError(`${who}: ${formatProblem({ property: '(document)', problem: 'must be a mapping', value: manifest, allowed: 'a vitistack.io/v1alpha1 Machine object' })}`);
  }
  r.fields(manifest, '', ['apiVersion', 'kind', 'metadata', 'spec', 'status'], 'a Kubernetes object field: apiVersion, kind, metadata, spec, status');
  if (manifest.apiVersion !== API_VERSION) {
    report({ property: 'apiVersion', problem: 'is not the Viti Machine API version', value: manifest.apiVersion, allowed: `${API_VERSION} (the only version the converter reads)` });
  }
  if (manifest.kind !== KIND) {
    report({ property: 'kind', problem: 'is not a Viti Machine', value: manifest.kind, allowed: `${KIND} (other vitistack.io kinds, such as NetworkConfiguration, need the Viti operator)` });
  }

  // metadata
  const meta = r.mapping(manifest.metadata, 'metadata', true) ?? {};
  r.fields(meta, 'metadata', ['name', 'namespace', 'labels', 'annotations', ...SERVER_METADATA], 'name, namespace, labels, annotations (and the fields the API server fills in, which are ignored)');
  const name = r.string(meta.name, 'metadata.name', true);
  if (name !== undefined && !isDns1123Label(name)) {
    report({ property: 'metadata.name', problem: 'must be a DNS-1123 label (it names the VirtualMachine)', value: name, allowed: DNS1123_LABEL_ALLOWED });
  }
  const namespace = options.namespace ?? r.string(meta.namespace, 'metadata.namespace', false);
  if (namespace !== undefined && !isDns1123Label(namespace)) {
    report({ property: options.namespace !== undefined ? 'namespace (option)' : 'metadata.namespace', problem: 'must be a namespace name', value: namespace, allowed: DNS1123_LABEL_ALLOWED });
  }
  const labels = r.stringMap(meta.labels, 'metadata.labels') ?? {};
  const annotations = r.stringMap(meta.annotations, 'metadata.annotations') ?? {};
  for (const a of DROPPED_ANNOTATIONS) delete annotations[a];
  if (name !== undefined) labels[MACHINE_LABEL] = name;

  // spec
  const spec = r.mapping(manifest.spec, 'spec', true) ?? {};
  const before = problems.length;
  const dialect = detectDialect(spec, report);
  const overview = dialect === 'overview';
  if (problems.length > before) {
    // Mixed dialects: reported once above; only fields of neither dialect are reported below.
    r.fields(spec, 'spec', [...REFERENCE_FIELDS, ...OVERVIEW_FIELDS], `one of ${[...new Set([...REFERENCE_FIELDS, ...OVERVIEW_FIELDS])].join(', ')}`);
  } else {
    r.fields(spec, 'spec', overview ? OVERVIEW_FIELDS : REFERENCE_FIELDS,
      overview ? `one of ${OVERVIEW_FIELDS.join(', ')} (overview dialect)` : `one of ${REFERENCE_FIELDS.join(', ')} (reference dialect)`);
  }

  const templateField = overview ? 'instanceType' : 'template';
  const templateName = r.string(spec[templateField], `spec.${templateField}`, false);
  let template: MachineTemplate | undefined;
  if (templateName === undefined) {
    if (spec[templateField] === undefined && isMapping(manifest.spec)) {
      report({ property: `spec.${templateField}`, problem: 'is required', value: undefined, allowed: `one of ${SIZE_NAMES.join(', ')}` });
    }
  } else if (!SIZE_NAMES.includes(templateName)) {
    problems.push(templateNotFound(templateField, templateName));
  } else {
    template = (overview ? overviewTemplates() : REFERENCE_TEMPLATES)[templateName];
  }

  let vmName = name;
  let cpu: { cores?: number; sockets?: number; threads?: number } | undefined;
  let memory: Size | undefined;
  if (overview) {
    const specName = r.string(spec.name, 'spec.name', false);
    if (specName !== undefined) {
      if (!isDns1123Label(specName)) report({ property: 'spec.name', problem: 'must be a DNS-1123 label (it names the VirtualMachine)', value: specName, allowed: DNS1123_LABEL_ALLOWED });
      vmName = specName;
    }
    const c = r.mapping(spec.cpu, 'spec.cpu', false);
    if (c) {
      r.fields(c, 'spec.cpu', ['cores', 'sockets', 'threadsPerCore'], 'one of cores, sockets, threadsPerCore');
      cpu = { cores: r.count(c.cores, 'spec.cpu.cores'), sockets: r.count(c.sockets, 'spec.cpu.sockets'), threads: r.count(c.threadsPerCore, 'spec.cpu.threadsPerCore') };
    }
    if (spec.memory !== undefined && spec.memory !== null) {
      if (typeof spec.memory !== 'number') {
        report({ property: 'spec.memory', problem: 'must be a number of bytes (overview dialect)', value: spec.memory, allowed: 'a whole number of kibibytes in bytes, e.g. 4294967296 for 4Gi' });
      } else {
        memory = r.bytes(spec.memory, 'spec.memory');
      }
    }
  } else {
    const res = r.mapping(spec.resources, 'spec.resources', false);
    if (res) {
      r.fields(res, 'spec.resources', ['cpu', 'memory'], 'one of cpu, memory');
      const c = r.mapping(res.cpu, 'spec.resources.cpu', false);
      if (c) {
        r.fields(c, 'spec.resources.cpu', ['cores', 'threads', 'sockets'], 'one of cores, threads, sockets');
        cpu = { cores: r.count(c.cores, 'spec.resources.cpu.cores'), sockets: r.count(c.sockets, 'spec.resources.cpu.sockets'), threads: r.count(c.threads, 'spec.resources.cpu.threads') };
      }
      const m = r.mapping(res.memory, 'spec.resources.memory', false);
      if (m) {
        r.fields(m, 'spec.resources.memory', ['size'], 'size');
        memory = r.quantity(m.size, 'spec.resources.memory.size', true);
      }
    }
  }

  // boot order
  const boot: Record<string, number> = {};
  const bootList = r.list(spec.bootOrder, 'spec.bootOrder') ?? [];
  bootList.forEach((device, i) => {
    const at = `spec.bootOrder[${i}]`;
    if (typeof device !== 'string' || !BOOT_DEVICES.includes(device)) {
      report({ property: at, problem: 'is not a boot device', value: device, allowed: `one of ${BOOT_DEVICES.join(', ')}` });
    } else if (boot[device] !== undefined) {
      report({ property: at, problem: 'is listed twice', value: device, allowed: 'each boot device at most once' });
    } else {
      boot[device] = i + 1;
      if (device === 'cdrom') unmapped.push(`${at}: "cdrom" is skipped; a Viti Machine declares no CD-ROM, so there is no device to boot from`);
    }
  });

  // disks
  const emission = options.diskEmission ?? DiskEmission.PERSISTENT_VOLUME_CLAIMS;
  let root: DiskOptions = {};
  const dataDisks: Array<{ name: string; options: DiskOptions }> = [];
  const diskNames = new Set<string>();
  (r.list(spec.disks, 'spec.disks') ?? []).forEach((d, i) => {
    const at = `spec.disks[${i}]`;
    const disk = r.mapping(d, at, true);
    if (!disk) return;
    r.fields(disk, at, DISK_FIELDS, `one of ${DISK_FIELDS.join(', ')}`);
    const diskName = r.string(disk.name, `${at}.name`, true);
    if (diskName !== undefined) {
      if (!isDns1123Label(diskName)) {
        report({ property: `${at}.name`, problem: 'must be a DNS-1123 label', value: diskName, allowed: DNS1123_LABEL_ALLOWED, ruleId: 'disk-name-dns1123' });
      } else if (diskNames.has(diskName)) {
        report({ property: `${at}.name`, problem: 'is used by another disk', value: diskName, allowed: 'unique disk names', ruleId: 'disk-name-unique' });
      }
      diskNames.add(diskName);
    }
    const isRoot = diskName === 'root';
    const size = r.quantity(disk.size, `${at}.size`, !isRoot);
    const storageClass = r.string(disk.storageClass, `${at}.storageClass`, false);
    if (storageClass !== undefined && storageClass !== 'default' && !isDns1123Subdomain(storageClass)) {
      report({ property: `${at}.storageClass`, problem: 'must be a StorageClass name', value: storageClass, allowed: "a DNS-1123 subdomain, or 'default' for the cluster's default StorageClass" });
    }
    const accessMode = r.enumValue(disk.accessMode, `${at}.accessMode`, Object.values(AccessMode)) as AccessMode | undefined;
    const volumeMode = r.enumValue(disk.volumeMode, `${at}.volumeMode`, Object.values(VolumeMode)) as VolumeMode | undefined;
    const opts: DiskOptions = {
      size,
      storageClass: storageClass === 'default' ? undefined : storageClass,
      accessMode,
      volumeMode,
      readOnly: accessMode === AccessMode.READ_ONLY_MANY ? true : undefined,
    };
    if (isRoot) root = opts;
    else if (diskName !== undefined) dataDisks.push({ name: diskName, options: opts });
  });

  // networks
  const networks: Network[] = [];
  const netSpecs: Array<{ networkName: string; name: string; model?: InterfaceModel; macAddress?: string }> = [];
  const netNames = new Set<string>();
  (r.list(spec.networks, 'spec.networks') ?? []).forEach((n, i) => {
    const at = `spec.networks[${i}]`;
    const net = r.mapping(n, at, true);
    if (!net) return;
    r.fields(net, at, ['name', 'networkName', 'model', 'macAddress'], 'one of name, networkName, model, macAddress');
    const ifName = r.string(net.name, `${at}.name`, true);
    if (ifName !== undefined) {
      if (!isInterfaceName(ifName)) {
        report({ property: `${at}.name`, problem: 'must be a valid interface name', value: ifName, allowed: "letters, digits, '_' and '-'", ruleId: 'interface-name-format' });
      } else if (netNames.has(ifName)) {
        report({ property: `${at}.name`, problem: 'is used by another network', value: ifName, allowed: 'unique network names', ruleId: 'network-name-unique' });
      }
      netNames.add(ifName);
    }
    const networkName = r.string(net.networkName, `${at}.networkName`, true);
    if (networkName !== undefined && !isNetworkAttachmentName(networkName)) {
      report({ property: `${at}.networkName`, problem: 'must name a NetworkAttachmentDefinition', value: networkName, allowed: "'name' or 'namespace/name' (DNS-1123)", ruleId: 'network-multus-name' });
    }
    const model = r.enumValue(net.model, `${at}.model`, Object.values(InterfaceModel)) as InterfaceModel | undefined;
    const macAddress = r.string(net.macAddress, `${at}.macAddress`, false);
    if (macAddress !== undefined && !(isMacAddress(macAddress) && macAddress.includes(':'))) {
      report({ property: `${at}.macAddress`, problem: 'must be a MAC address', value: macAddress, allowed: 'six hex pairs separated by colons, e.g. 52:54:00:12:34:56', ruleId: 'interface-mac-address' });
    }
    if (ifName !== undefined && networkName !== undefined) netSpecs.push({ name: ifName, networkName, model, macAddress });
  });

  // cloud-init
  let cloudInit: (() => CloudInit) | undefined;
  const ci = r.mapping(spec.cloudInit, 'spec.cloudInit', false);
  if (ci) {
    r.fields(ci, 'spec.cloudInit', ['userData', 'networkData', 'secretRef'], 'one of userData, networkData, secretRef');
    const userData = r.string(ci.userData, 'spec.cloudInit.userData', false);
    const networkData = r.string(ci.networkData, 'spec.cloudInit.networkData', false);
    let secretName: string | undefined;
    const ref = r.mapping(ci.secretRef, 'spec.cloudInit.secretRef', false);
    if (ref) {
      r.fields(ref, 'spec.cloudInit.secretRef', ['name', 'key'], 'one of name, key');
      secretName = r.string(ref.name, 'spec.cloudInit.secretRef.name', true);
      const key = r.string(ref.key, 'spec.cloudInit.secretRef.key', false);
      if (key !== undefined && key !== 'userdata' && key !== 'userData') {
        report({ property: 'spec.cloudInit.secretRef.key', problem: 'is not a key KubeVirt reads', value: key, allowed: "'userdata' or 'userData': KubeVirt reads the user data from one of these keys of the Secret, so rename the key in the Secret" });
      }
      if (userData !== undefined) {
        unmapped.push('spec.cloudInit.secretRef: ignored because spec.cloudInit.userData is set; the VM gets the inline userData, as in the operator\'s example');
        secretName = undefined;
      }
    }
    if (userData === undefined && networkData === undefined && secretName === undefined && ci.secretRef === undefined) {
      report({ property: 'spec.cloudInit', problem: 'sets no cloud-init data', value: ci, allowed: 'userData, networkData or secretRef' });
    }
    const nd = networkData !== undefined && networkData.trim() !== '' ? networkData : undefined;
    const ciOptions = { allowPasswords: options.allowPasswords, allowSecrets: options.allowSecrets };
    if (userData !== undefined) {
      cloudInit = () => CloudInit.fromUserData(userData, { ...ciOptions, networkData: nd !== undefined ? NetworkData.fromText(nd) : undefined });
    } else if (secretName !== undefined) {
      const s = secretName;
      cloudInit = () => CloudInit.fromSecret(s, { networkData: nd !== undefined ? NetworkData.fromText(nd) : undefined });
    } else if (nd !== undefined) {
      cloudInit = () => CloudInit.fromNetworkData(NetworkData.fromText(nd));
    }
  }

  // domain
  let machineType: string | undefined;
  let firmware: Firmware | undefined;
  let features: DomainFeatures | undefined;
  const domain = r.mapping(spec.domain, 'spec.domain', false);
  if (domain) {
    r.fields(domain, 'spec.domain', ['machine', 'features', 'firmware'], 'one of machine, features, firmware');
    const machine = r.mapping(domain.machine, 'spec.domain.machine', false);
    if (machine) {
      r.fields(machine, 'spec.domain.machine', ['type'], 'type');
      const type = r.string(machine.type, 'spec.domain.machine.type', false);
      if (type !== undefined && !MACHINE_TYPE.test(type)) {
        report({ property: 'spec.domain.machine.type', problem: 'must be a machine type', value: type, allowed: 'pc-q35, pc-i440fx, or a QEMU machine type such as q35 or pc-q35-rhel9.4.0' });
      } else if (type !== undefined) {
        machineType = MACHINE_TYPES[type] ?? type;
      }
    }
    const f = r.mapping(domain.features, 'spec.domain.features', false);
    if (f) {
      r.fields(f, 'spec.domain.features', ['acpi', 'apic', 'hyperv'], 'one of acpi, apic, hyperv');
      const hyperv = r.bool(f.hyperv, 'spec.domain.features.hyperv');
      features = {
        acpi: r.bool(f.acpi, 'spec.domain.features.acpi'),
        apic: r.bool(f.apic, 'spec.domain.features.apic'),
        hyperv: hyperv === undefined ? undefined : hyperv ? HypervPreset.WINDOWS : HypervPreset.NONE,
      };
    }
    const fw = r.mapping(domain.firmware, 'spec.domain.firmware', false);
    if (fw) {
      r.fields(fw, 'spec.domain.firmware', ['bootloader'], 'bootloader');
      const bl = r.mapping(fw.bootloader, 'spec.domain.firmware.bootloader', false);
      if (bl) {
        r.fields(bl, 'spec.domain.firmware.bootloader', ['efi', 'secureBoot'], 'one of efi, secureBoot');
        const efi = r.bool(bl.efi, 'spec.domain.firmware.bootloader.efi');
        const secureBoot = r.bool(bl.secureBoot, 'spec.domain.firmware.bootloader.secureBoot');
        if (secureBoot && !efi) {
          report({ property: 'spec.domain.firmware.bootloader.secureBoot', problem: 'needs EFI', value: secureBoot, allowed: 'efi: true together with secureBoot: true, or secureBoot: false' });
        } else if (efi) {
          firmware = Firmware.efi({ secureBoot: secureBoot ?? false });
        } else if (efi === false) {
          firmware = Firmware.bios();
        }
      }
    }
  }

  if (problems.length > 0) throw new KubevirtError(problems.map(p => `${who}: ${p}`).join('\n'));

  // Every field is valid; build the value objects. They re-check what they own, and a rejection is
  // reported with the field it came from.
  const built = <T>(property: string, make: () => T): T => {
    try {
      return make();
    } catch (e) {
      if (e instanceof KubevirtError) throw new KubevirtError(`${who}: ${property}: ${e.message}`);
      throw e;
    }
  };
  const disks = built('spec.disks', () => {
    const set = new DiskSet({ emit: emission, root: { ...root, bootOrder: boot.disk } });
    for (const d of dataDisks) set.addDisk(d.name, d.options);
    return set;
  });
  netSpecs.forEach((n, i) => {
    networks.push(built(`spec.networks[${i}]`, () => Network.multus(n.networkName, {
      name: n.name, model: n.model, macAddress: n.macAddress?.toLowerCase(), bootOrder: i === 0 ? boot.network : undefined,
    })));
  });
  if (networks.length === 0 && boot.network !== undefined) networks.push(Network.pod({ bootOrder: boot.network }));

  return {
    props: {
      name: vmName,
      namespace,
      labels,
      annotations: Object.keys(annotations).length > 0 ? annotations : undefined,
      template,
      cpu: cpu && (cpu.cores ?? cpu.sockets ?? cpu.threads) !== undefined ? cpu : undefined,
      memory,
      disks,
      networks: networks.length > 0 ? networks : undefined,
      cloudInit: cloudInit ? built('spec.cloudInit', cloudInit) : undefined,
      firmware,
      machineType,
      features,
    },
    unmapped,
  };
}
