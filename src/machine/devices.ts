
/**
 * Virtual devices: the `domain.devices` switches, and the `domain.clock` of clock.ts together with them.
 * Each value renders only what was set, so KubeVirt's own defaults stay in force otherwise.
 */
import { Clock } from './clock';
import type * as kv from '../imports/kubevirt-json';
import { fail } from '../private/errors';
import { guardCall } from '../private/lazy-guard';
import { DNS1123_LABEL_ALLOWED, isDns1123Label } from '../private/names';

/** Bus of an input device. */
export enum InputBus {
  /** USB; Windows has drivers built in. */
  USB = 'usb',
  /** Paravirtualized; needs virtio-input drivers in the guest. */
  VIRTIO = 'virtio',
}

/** Options of a tablet input device. */
export interface TabletOptions {
  /**
   * Name of the device (a DNS-1123 label).
   * @default 'tablet'
   */
  readonly name?: string;
  /**
   * Bus.
   * @default InputBus.USB
   */
  readonly bus?: InputBus;
}

/**
 * An input device. KubeVirt supports only tablets (absolute pointing, so a VNC cursor tracks the
 * guest's), on the usb or virtio bus.
 *
 * @see https://kubevirt.io/user-guide/virtual_machines/devices/#input-devices
 */
export class InputDevice {
  /** A tablet. */
  public static tablet(options: TabletOptions = {}): InputDevice {
    guardCall(undefined, 'cdk8s-kubevirt.InputDevice', 'tablet', [options]);
    const name = options.name ?? 'tablet';
    if (!isDns1123Label(name)) {
      fail('InputDevice.tablet', { property: 'name', problem: 'must be a DNS-1123 label', value: name, allowed: DNS1123_LABEL_ALLOWED });
    }
    return new InputDevice(name, options.bus ?? InputBus.USB);
  }

  private constructor(
    /** Name of the device. */
    public readonly name: string,
    /** Bus. */
    public readonly bus: InputBus) {}

  /** @internal */
  public _toKube(): kv.Input {
    return { name: this.name, type: 'tablet', bus: this.bus };
  }
}

/**
 * Type of the video device. amd64 accepts vga, cirrus, virtio, ramfb and bochs
 * (pkg/virt-api/webhooks/amd64.go, validateVideoTypeAmd64); other architectures have their own lists.
 * Setting a video type needs the VideoConfig feature gate.
 *
 * @see https://kubevirt.io/user-guide/compute/video_configuration/
 */
export class VideoType {
  /** Standard VGA. */
  public static readonly VGA = new VideoType('vga');
  /** Cirrus Logic (old guests). */
  public static readonly CIRRUS = new VideoType('cirrus');
  /** virtio-gpu. */
  public static readonly VIRTIO = new VideoType('virtio');
  /** ramfb (a simple framebuffer in guest RAM). */
  public static readonly RAMFB = new VideoType('ramfb');
  /** Bochs display (a VGA without legacy modes, fit for EFI guests). */
  public static readonly BOCHS = new VideoType('bochs');

  /** Any other type the cluster's architecture accepts. */
  public static custom(type: string): VideoType {
    guardCall(undefined, 'cdk8s-kubevirt.VideoType', 'custom', [type]);
    if (typeof type !== 'string' || !/^[a-z0-9_-]+$/.test(type)) {
      fail('VideoType.custom', { property: 'type', problem: 'must be a video model name', value: type, allowed: 'lowercase letters, digits, - and _, e.g. virtio' });
    }
    return new VideoType(type);
  }

  private constructor(
    /** The `video.type` value. */
    public readonly type: string) {}
}

/** What happens when the guest stops feeding the watchdog. */
export enum WatchdogAction {
  /** Power the VM off. */
  POWEROFF = 'poweroff',
  /** Reset the VM. */
  RESET = 'reset',
  /** Shut the VM down gracefully. */
  SHUTDOWN = 'shutdown',
}

/** Options of a watchdog device. */
export interface WatchdogOptions {
  /**
   * Name of the device (a DNS-1123 label).
   * @default 'watchdog'
   */
  readonly name?: string;
}

/**
 * A watchdog device. amd64 accepts only i6300esb, s390x only diag288, and arm64 none
 * (pkg/virt-api/webhooks/amd64.go, s390x.go, arm64.go).
 *
 * @see https://kubevirt.io/user-guide/virtual_machines/devices/#watchdog
 */
export class Watchdog {
  /** An Intel 6300ESB watchdog (amd64). */
  public static i6300esb(action: WatchdogAction, options: WatchdogOptions = {}): Watchdog {
    guardCall(undefined, 'cdk8s-kubevirt.Watchdog', 'i6300esb', [action, options]);
    return new Watchdog('i6300esb', action, options);
  }

  /** A diag288 watchdog (s390x). */
  public static diag288(action: WatchdogAction, options: WatchdogOptions = {}): Watchdog {
    guardCall(undefined, 'cdk8s-kubevirt.Watchdog', 'diag288', [action, options]);
    return new Watchdog('diag288', action, options);
  }

  /** Name of the device. */
  public readonly name: string;

  private constructor(
    /** `i6300esb` or `diag288`. */
    public readonly model: string,
    /** Action taken when the watchdog fires. */
    public readonly action: WatchdogAction,
    options: WatchdogOptions) {
    this.name = options.name ?? 'watchdog';
    if (!isDns1123Label(this.name)) {
      fail(`Watchdog.${model}`, { property: 'name', problem: 'must be a DNS-1123 label', value: this.name, allowed: DNS1123_LABEL_ALLOWED });
    }
  }

  /** @internal */
  public _toKube(): kv.At<kv.Devices, 'watchdog'> {
    return { name: this.name, [this.model]: { action: this.action } };
  }
}

/**
 * Devices and device switches of a machine (`domain.devices`). Every field is emitted only when set.
 *
 * @example
 * new Machine(chart, 'web', {
 *   rng: true,
 *   inputs: [InputDevice.tablet()],
 *   watchdog: Watchdog.i6300esb(WatchdogAction.RESET),
 *   networks: [], // no NIC: renders autoattachPodInterface: false
 * });
 */
export interface DeviceOptions {
  /**
   * Add a virtio RNG device, which feeds the guest entropy from the host.
   * @default false
   * @see https://kubevirt.io/user-guide/virtual_machines/devices/#rng
   */
  readonly rng?: boolean;
  /**
   * Input devices.
   * @default - none: KubeVirt adds none unless a preference asks
   * @see https://kubevirt.io/user-guide/virtual_machines/devices/#input-devices
   */
  readonly inputs?: InputDevice[];
  /**
   * Video device type (needs the VideoConfig feature gate).
   * @default - KubeVirt's default for the architecture
   * @see https://kubevirt.io/user-guide/compute/video_configuration/
   */
  readonly video?: VideoType;
  /**
   * A watchdog device.
   * @default - none
   * @see https://kubevirt.io/user-guide/virtual_machines/devices/#watchdog
   */
  readonly watchdog?: Watchdog;
  /**
   * Expose host and VM metrics to the guest on a virtio-serial port (needs the DownwardMetrics feature gate).
   * @default false
   * @see https://kubevirt.io/user-guide/user_workloads/guest_agent_information/
   */
  readonly downwardMetrics?: boolean;
  /**
   * One queue per vCPU on virtio network interfaces.
   * @default - KubeVirt's default (off)
   * @see https://kubevirt.io/user-guide/network/interfaces_and_networks/#virtio-net-multiqueue
   */
  readonly networkInterfaceMultiqueue?: boolean;
  /**
   * One queue per vCPU on virtio block devices.
   * @default - KubeVirt's default (off)
   * @see https://kubevirt.io/user-guide/storage/disks_and_volumes/#virtio-block-multi-queue
   */
  readonly blockMultiQueue?: boolean;
  /**
   * The guest clock and its timers.
   * @default - KubeVirt's default (UTC, no timers)
   * @see https://kubevirt.io/user-guide/compute/clock/
   */
  readonly clock?: Clock;
  /**
   * Attach a graphics device (VNC). `false` cannot be combined with `video`.
   * @default - KubeVirt's default (true)
   * @see https://kubevirt.io/user-guide/virtual_machines/devices/
   */
  readonly autoattachGraphicsDevice?: boolean;
  /**
   * Attach a serial console.
   * @default - KubeVirt's default (true)
   */
  readonly autoattachSerialConsole?: boolean;
  /**
   * Attach a memory balloon device.
   * @default - KubeVirt's default (true)
   */
  readonly autoattachMemBalloon?: boolean;
  /**
   * Attach a pod network interface when no interface is listed.
   * @default - false when `networks` is an empty list (a machine with no network), else KubeVirt's default (true)
   * @see https://kubevirt.io/user-guide/network/interfaces_and_networks/
   */
  readonly autoattachPodInterface?: boolean;
  /**
   * Attach an input device when none is listed (a tablet, on the bus a preference prefers).
   * @default - KubeVirt's default (false)
   */
  readonly autoattachInputDevice?: boolean;
  /**
   * Attach a VSOCK device (needs the VSOCK feature gate).
   * @default - KubeVirt's default (false)
   */
  readonly autoattachVSOCK?: boolean;
}

/** Adds the device switches to a rendered `domain.devices`. Never throws. */
export function renderDevices(p: DeviceOptions, devices: kv.Devices, defaults: { inputs?: InputDevice[]; noNetworks: boolean }): void {
  if (p.autoattachGraphicsDevice !== undefined) devices.autoattachGraphicsDevice = p.autoattachGraphicsDevice;
  if (p.autoattachInputDevice !== undefined) devices.autoattachInputDevice = p.autoattachInputDevice;
  if (p.autoattachMemBalloon !== undefined) devices.autoattachMemBalloon = p.autoattachMemBalloon;
  const pod = p.autoattachPodInterface ?? (defaults.noNetworks ? false : undefined);
  if (pod !== undefined) devices.autoattachPodInterface = pod;
  if (p.autoattachSerialConsole !== undefined) devices.autoattachSerialConsole = p.autoattachSerialConsole;
  if (p.autoattachVSOCK !== undefined) devices.autoattachVSOCK = p.autoattachVSOCK;
  if (p.blockMultiQueue !== undefined) devices.blockMultiQueue = p.blockMultiQueue;
  if (p.downwardMetrics) devices.downwardMetrics = {};
  const inputs = p.inputs ?? defaults.inputs;
  if (inputs?.length) devices.inputs = inputs.map(i => i._toKube());
  if (p.networkInterfaceMultiqueue !== undefined) devices.networkInterfaceMultiqueue = p.networkInterfaceMultiqueue;
  if (p.rng) devices.rng = {};
  if (p.video) devices.video = { type: p.video.type };
  if (p.watchdog) devices.watchdog = p.watchdog._toKube();
}

/** Fails on device options that KubeVirt rejects and that can be told locally. */
export function checkDevices(who: string, p: DeviceOptions): void {
  if (p.video && p.autoattachGraphicsDevice === false) {
    fail(who, { property: 'video', problem: 'cannot be set when autoattachGraphicsDevice is false', value: p.video.type, allowed: 'no video, or autoattachGraphicsDevice unset or true', ruleId: 'video-autoattach-graphics' });
  }
  const names = new Set<string>();
  for (const i of p.inputs ?? []) {
    if (names.has(i.name)) {
      fail(who, { property: 'inputs', problem: 'has two input devices with the same name', value: i.name, allowed: 'unique input device names' });
    }
    names.add(i.name);
  }
}
