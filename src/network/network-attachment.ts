import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { InterfaceBinding, MultusNetworkOptions, Network } from './network';
import { registerWithApp } from '../private/app-registration';
import { fail } from '../private/errors';
import { jsonCopy, JsonObject, sortKeysDeep } from '../private/json';
import { keptApiObject } from '../private/lazy';
import { guardNew, guardCall } from '../private/lazy-guard';
import { DNS1123_LABEL_ALLOWED, extendedResourceNameProblem, isDns1123Label } from '../private/names';
import { sortedMap } from '../private/units';

/** The annotation that ties an SR-IOV NetworkAttachmentDefinition to its device-plugin resource. */
const SRIOV_RESOURCE_ANNOTATION = 'k8s.v1.cni.cncf.io/resourceName';

/** The CNI version written into typed configs when none is given. */
const DEFAULT_CNI_VERSION = '0.3.1';

/** Options shared by the typed CNI configs. */
export interface CniConfigOptions {
  /**
   * `cniVersion` of the config.
   * @default '0.3.1' (as in the KubeVirt user guide)
   */
  readonly cniVersion?: string;
  /**
   * The `ipam` section, as the CNI IPAM plugin expects it (e.g. `{ type: 'whereabouts', range: '10.0.0.0/24' }`).
   * Keys are sorted in the output.
   * @default - no IPAM: a layer-2 network; the guest configures its own address
   */
  readonly ipam?: { [key: string]: any };
}

/** Options of a Linux bridge network. */
export interface BridgeConfigOptions extends CniConfigOptions {
  /** The Linux bridge on the node, e.g. `br1` (at most 15 characters). It must exist on every node. */
  readonly bridge: string;
  /**
   * VLAN tag (1 to 4094) put on the VM's port of the bridge.
   * @default - untagged
   */
  readonly vlan?: number;
  /**
   * MTU of the VM's link (68 to 65535).
   * @default - the bridge plugin's default (the bridge's MTU)
   */
  readonly mtu?: number;
  /**
   * Drop frames whose source MAC is not the interface's own (`macspoofchk`, CNI plugins ≥ 1.0).
   * @default - the bridge plugin's default, off
   */
  readonly macspoofchk?: boolean;
}

/** Link state of an SR-IOV virtual function. */
export enum SriovLinkState {
  /** Follow the physical function's link. */
  AUTO = 'auto',
  /** Always up. */
  ENABLE = 'enable',
  /** Always down. */
  DISABLE = 'disable',
}

/** Options of an SR-IOV network. */
export interface SriovConfigOptions extends CniConfigOptions {
  /**
   * The SR-IOV device plugin resource the VFs come from, e.g. `intel.com/sriov_netdevice`. It becomes
   * the `k8s.v1.cni.cncf.io/resourceName` annotation.
   */
  readonly resourceName: string;
  /**
   * VLAN tag (1 to 4094) of the VF.
   * @default - untagged
   */
  readonly vlan?: number;
  /**
   * VLAN QoS priority (0 to 7).
   * @default - the SR-IOV plugin's default, 0
   */
  readonly vlanQos?: number;
  /**
   * MAC spoof checking on the VF (`spoofchk`).
   * @default - the driver's default
   */
  readonly spoofChk?: boolean;
  /**
   * Trusted VF mode (`trust`).
   * @default - the driver's default
   */
  readonly trust?: boolean;
  /**
   * Link state of the VF (`link_state`).
   * @default - the driver's default
   */
  readonly linkState?: SriovLinkState;
  /**
   * Minimum transmit rate in Mbps (`min_tx_rate`).
   * @default - no minimum
   */
  readonly minTxRateMbps?: number;
  /**
   * Maximum transmit rate in Mbps (`max_tx_rate`).
   * @default - no limit
   */
  readonly maxTxRateMbps?: number;
}

/** Options of a custom CNI config. */
export interface CustomConfigOptions {
  /**
   * The binding machines use on this network.
   * @default - InterfaceBinding.SRIOV when the config's `type` is `sriov`, else InterfaceBinding.BRIDGE
   */
  readonly binding?: InterfaceBinding;
  /**
   * A device-plugin resource, written as the `k8s.v1.cni.cncf.io/resourceName` annotation.
   * @default - none
   */
  readonly resourceName?: string;
}

const CNI_VERSION = /^\d+\.\d+\.\d+$/;
const LINUX_IFNAME = /^[A-Za-z0-9_.-]{1,15}$/;

/**
 * The CNI configuration of a NetworkAttachmentDefinition: a Linux bridge, SR-IOV, or any JSON.
 *
 * The config is written into `spec.config` as JSON with every object's keys sorted, and its `name` set
 * to the NetworkAttachmentDefinition's name when the config has none.
 */
export class NetworkAttachmentConfig {
  /**
   * A Linux bridge on the node (the upstream `bridge` CNI plugin, `"type": "bridge"`), optionally
   * VLAN-tagged. OpenShift Virtualization's `cnv-bridge` plugin takes the same fields; use
   * `custom()` with `type: 'cnv-bridge'` there if you need it.
   *
   * @see https://www.cni.dev/plugins/current/main/bridge/
   * @see https://kubevirt.io/user-guide/network/interfaces_and_networks/#multus
   */
  public static bridge(options: BridgeConfigOptions): NetworkAttachmentConfig {
    guardCall(undefined, 'cdk8s-kubevirt.NetworkAttachmentConfig', 'bridge', [options]);
    const who = 'NetworkAttachmentConfig.bridge';
    if (typeof options.bridge !== 'string' || !LINUX_IFNAME.test(options.bridge)) {
      fail(who, { property: 'bridge', problem: 'must be a Linux interface name', value: options.bridge, allowed: "1 to 15 letters, digits, '_', '.' or '-'" });
    }
    checkInt(who, 'vlan', options.vlan, 1, 4094);
    checkInt(who, 'mtu', options.mtu, 68, 65535);
    const config: JsonObject = { ...common(who, options), type: 'bridge', bridge: options.bridge };
    if (options.vlan !== undefined) config.vlan = options.vlan;
    if (options.mtu !== undefined) config.mtu = options.mtu;
    if (options.macspoofchk !== undefined) config.macspoofchk = options.macspoofchk;
    return new NetworkAttachmentConfig('bridge', InterfaceBinding.BRIDGE, config, undefined);
  }

  /**
   * An SR-IOV virtual function (the `sriov` CNI plugin). Machines attach with the SR-IOV binding.
   *
   * @see https://github.com/k8snetworkplumbingwg/sriov-cni
   * @see https://kubevirt.io/user-guide/network/interfaces_and_networks/#sriov
   */
  public static sriov(options: SriovConfigOptions): NetworkAttachmentConfig {
    guardCall(undefined, 'cdk8s-kubevirt.NetworkAttachmentConfig', 'sriov', [options]);
    const who = 'NetworkAttachmentConfig.sriov';
    checkResourceName(who, options.resourceName);
    checkInt(who, 'vlan', options.vlan, 1, 4094);
    checkInt(who, 'vlanQos', options.vlanQos, 0, 7);
    checkInt(who, 'minTxRateMbps', options.minTxRateMbps, 0, Number.MAX_SAFE_INTEGER);
    checkInt(who, 'maxTxRateMbps', options.maxTxRateMbps, 0, Number.MAX_SAFE_INTEGER);
    if (options.minTxRateMbps !== undefined && options.maxTxRateMbps !== undefined && options.maxTxRateMbps > 0
      && options.minTxRateMbps > options.maxTxRateMbps) {
      fail(who, { property: 'minTxRateMbps', problem: 'must not exceed maxTxRateMbps', value: options.minTxRateMbps, allowed: `at most ${options.maxTxRateMbps}` });
    }
    const config: JsonObject = { ...common(who, options), type: 'sriov' };
    if (options.vlan !== undefined) config.vlan = options.vlan;
    if (options.vlanQos !== undefined) config.vlanQoS = options.vlanQos;
    if (options.spoofChk !== undefined) config.spoofchk = options.spoofChk ? 'on' : 'off';
    if (options.trust !== undefined) config.trust = options.trust ? 'on' : 'off';
    if (options.linkState !== undefined) config.link_state = options.linkState;
    if (options.minTxRateMbps !== undefined) config.min_tx_rate = options.minTxRateMbps;
    if (options.maxTxRateMbps !== undefined) config.max_tx_rate = options.maxTxRateMbps;
    return new NetworkAttachmentConfig('sriov', InterfaceBinding.SRIOV, config, options.resourceName);
  }

  /**
   * Any CNI config, as JSON: it must have a `cniVersion` and either a `type` or a `plugins` list
   * (a conflist).
   */
  public static custom(config: { [key: string]: any }, options: CustomConfigOptions = {}): NetworkAttachmentConfig {
    guardCall(undefined, 'cdk8s-kubevirt.NetworkAttachmentConfig', 'custom', [config, options]);
    const who = 'NetworkAttachmentConfig.custom';
    if (typeof config !== 'object' || config === null || Array.isArray(config)) {
      fail(who, { property: 'config', problem: 'must be a JSON object', value: config, allowed: "e.g. { cniVersion: '0.3.1', type: 'macvlan', master: 'eth1' }" });
    }
    if (typeof config.cniVersion !== 'string' || !CNI_VERSION.test(config.cniVersion)) {
      fail(who, { property: 'config.cniVersion', problem: 'must be a CNI version', value: config.cniVersion, allowed: "e.g. '0.3.1' or '1.0.0'" });
    }
    const isList = Array.isArray(config.plugins);
    if (!isList && (typeof config.type !== 'string' || config.type.length === 0)) {
      fail(who, { property: 'config.type', problem: 'must name a CNI plugin', value: config.type, allowed: "a plugin type such as 'bridge', or a 'plugins' list" });
    }
    if (isList) {
      for (const [i, p] of (config.plugins as Array<{ type?: unknown } | null>).entries()) {
        const pluginType = p?.type;
        if (typeof pluginType !== 'string' || pluginType.length === 0) {
          fail(who, { property: `config.plugins[${i}].type`, problem: 'must name a CNI plugin', value: p?.type, allowed: "a plugin type such as 'bridge'" });
        }
      }
    }
    if (options.resourceName !== undefined) checkResourceName(who, options.resourceName);
    try {
      JSON.stringify(config);
    } catch (e) {
      fail(who, { property: 'config', problem: 'must be serializable as JSON', value: String((e as { message?: unknown } | undefined)?.message ?? e), allowed: 'plain JSON values' });
    }
    const type = isList ? 'conflist' : config.type;
    const binding = options.binding ?? (type === 'sriov' ? InterfaceBinding.SRIOV : InterfaceBinding.BRIDGE);
    if (binding === InterfaceBinding.MASQUERADE) {
      fail(who, { property: 'binding', problem: 'cannot be masquerade on a multus network', value: binding, allowed: 'bridge or sriov', ruleId: 'interface-masquerade-pod' });
    }
    return new NetworkAttachmentConfig(type, binding, jsonCopy<JsonObject>(config), options.resourceName);
  }

  private constructor(
    /** The CNI plugin type (`bridge`, `sriov`, …; `conflist` for a plugin list). */
    public readonly type: string,
    /** The binding machines use on this network. */
    public readonly binding: InterfaceBinding,
    private readonly config: JsonObject,
    /** The device-plugin resource, for SR-IOV. */
    public readonly resourceName?: string) {}

  /**
   * The `spec.config` string: the config as JSON (2-space indented, every object's keys sorted), with
   * `name` set to `name` when the config has none.
   * @internal
   */
  public _render(name: string): string {
    const config = this.config.name === undefined ? { ...this.config, name } : this.config;
    return JSON.stringify(sortKeysDeep(config), undefined, 2);
  }
}

/** Properties of a `NetworkAttachment`. */
export interface NetworkAttachmentProps {
  /** The CNI configuration. */
  readonly config: NetworkAttachmentConfig;
  /**
   * `metadata.name` of the NetworkAttachmentDefinition (a DNS-1123 label, so that it can also be the
   * name of a machine's interface).
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Namespace.
   * @default - the chart's namespace
   */
  readonly namespace?: string;
  /**
   * Labels.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations (the SR-IOV resource annotation is added for you).
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

/**
 * A Multus `NetworkAttachmentDefinition` (k8s.cni.cncf.io/v1): a secondary network that machines can
 * attach to, with `attachment.network()`.
 *
 * @example
 * const prod = new NetworkAttachment(chart, 'prod-vlan-100', {
 *   config: NetworkAttachmentConfig.bridge({ bridge: 'br-prod', vlan: 100 }),
 * });
 * new Machine(chart, 'app-server', { networks: [Network.pod(), prod.network({ name: 'prod' })] });
 * @see https://github.com/k8snetworkplumbingwg/multi-net-spec
 */
export class NetworkAttachment extends Construct {
  /** The annotation that ties an SR-IOV NetworkAttachmentDefinition to its device-plugin resource. */
  public static readonly SRIOV_RESOURCE_ANNOTATION = SRIOV_RESOURCE_ANNOTATION;
  /** The CNI version written into typed configs when none is given. */
  public static readonly DEFAULT_CNI_VERSION = DEFAULT_CNI_VERSION;

  /** `metadata.name` of the NetworkAttachmentDefinition. */
  public readonly name: string;
  /** Its namespace, if any. */
  public readonly namespace?: string;
  /**
   * How a VM refers to it in `multus.networkName`: `{namespace}/{name}` when the attachment has a
   * namespace, else `{name}`.
   */
  public readonly networkName: string;
  /** The CNI configuration. */
  public readonly config: NetworkAttachmentConfig;
  /** The generated NetworkAttachmentDefinition object (the default child). */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: NetworkAttachmentProps) {
    guardNew('cdk8s-kubevirt.NetworkAttachment', [scope, id, props]);
    super(scope, id);
    registerWithApp(this);
    this.name = props.name ?? id;
    this.namespace = props.namespace ?? Chart.of(this).namespace;
    this.config = props.config;
    if (!isDns1123Label(this.name)) {
      fail(this, {
        property: props.name === undefined ? 'name (from the construct id)' : 'name',
        problem: 'must be a DNS-1123 label',
        value: this.name,
        allowed: `${DNS1123_LABEL_ALLOWED}; set props.name when the construct id is not one`,
      });
    }
    if (this.namespace !== undefined && !isDns1123Label(this.namespace)) {
      fail(this, { property: 'namespace', problem: 'must be a namespace name', value: this.namespace, allowed: DNS1123_LABEL_ALLOWED });
    }
    const userAnnotation = props.annotations?.[SRIOV_RESOURCE_ANNOTATION];
    if (userAnnotation !== undefined && this.config.resourceName !== undefined && userAnnotation !== this.config.resourceName) {
      fail(this, {
        property: `annotations.${SRIOV_RESOURCE_ANNOTATION}`,
        problem: "must match the config's resourceName",
        value: userAnnotation,
        allowed: `'${this.config.resourceName}', or leave the annotation out`,
      });
    }
    this.networkName = this.namespace !== undefined ? `${this.namespace}/${this.name}` : this.name;
    const annotations = { ...props.annotations };
    if (this.config.resourceName !== undefined) annotations[SRIOV_RESOURCE_ANNOTATION] = this.config.resourceName;
    this.apiObject = keptApiObject(this, 'Resource', {
      apiVersion: 'k8s.cni.cncf.io/v1',
      kind: 'NetworkAttachmentDefinition',
      metadata: { name: this.name, namespace: this.namespace, labels: sortedMap(props.labels), annotations: sortedMap(annotations) },
      spec: { config: this.config._render(this.name) } satisfies NetworkAttachmentDefinitionSpec,
    });
  }

  /**
   * A machine network on this attachment: `Network.multus(networkName, …)` with the binding the
   * config needs (SR-IOV for `sriov` configs, else bridge). The interface is named after the
   * attachment unless `options.name` says otherwise.
   */
  public network(options: MultusNetworkOptions = {}): Network {
    guardCall(this, 'cdk8s-kubevirt.NetworkAttachment', 'network', [options]);
    if (options.binding !== undefined && options.binding !== this.config.binding) {
      fail(this, {
        property: 'binding',
        problem: `does not fit a '${this.config.type}' network`,
        value: options.binding,
        allowed: `${this.config.binding} (or leave it out)`,
      });
    }
    return Network.multus(this.networkName, { ...options, binding: this.config.binding });
  }
}

/**
 * The spec of a Multus NetworkAttachmentDefinition (k8s.cni.cncf.io/v1): its CNI configuration as a JSON
 * string. No CRD of it is pinned here, so the shape is written by hand (Multus's network-attachment-definition
 * CRD: spec.config, a string).
 */
interface NetworkAttachmentDefinitionSpec {
  config: string;
}

function common(who: string, options: CniConfigOptions): JsonObject {
  const cniVersion = options.cniVersion ?? DEFAULT_CNI_VERSION;
  if (typeof cniVersion !== 'string' || !CNI_VERSION.test(cniVersion)) {
    fail(who, { property: 'cniVersion', problem: 'must be a CNI version', value: cniVersion, allowed: "e.g. '0.3.1' or '1.0.0'" });
  }
  const out: JsonObject = { cniVersion };
  if (options.ipam !== undefined) {
    if (typeof options.ipam !== 'object' || options.ipam === null || Array.isArray(options.ipam)) {
      fail(who, { property: 'ipam', problem: 'must be a JSON object', value: options.ipam, allowed: "e.g. { type: 'whereabouts', range: '10.0.0.0/24' }" });
    }
    out.ipam = jsonCopy<JsonObject>(options.ipam);
  }
  return out;
}

function checkInt(who: string, property: string, value: number | undefined, min: number, max: number): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= min && value <= max)) {
    fail(who, { property, problem: 'is out of range', value, allowed: max === Number.MAX_SAFE_INTEGER ? `a whole number ≥ ${min}` : `a whole number from ${min} to ${max}` });
  }
}

function checkResourceName(who: string, resourceName: string): void {
  if (typeof resourceName !== 'string' || extendedResourceNameProblem(resourceName) !== undefined) {
    fail(who, { property: 'resourceName', problem: 'must be a device-plugin resource name', value: resourceName, allowed: "'<vendor domain>/<resource>', e.g. intel.com/sriov_netdevice" });
  }
}

