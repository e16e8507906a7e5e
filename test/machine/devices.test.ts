import { Architecture, InputBus, InputDevice, VideoType, Watchdog, WatchdogAction } from '../../src';
import { synthMachine, templateSpec } from '../support/synth';

const ERR = "Machine 'test/web'";

describe('Machine devices', () => {
  test('nothing new is emitted unless set', () => {
    const d = templateSpec(synthMachine().vm).domain;
    expect(Object.keys(d.devices).sort()).toEqual(['disks', 'interfaces']);
    expect(d.clock).toBeUndefined();
    expect(d.resources).toBeUndefined();
    expect(d.ioThreadsPolicy).toBeUndefined();
    expect(Object.keys(d.cpu).sort()).toEqual(['cores', 'sockets', 'threads']);
    expect(Object.keys(d.memory)).toEqual(['guest']);
  });

  test('rng, inputs, video, watchdog, downward metrics, multiqueue and the autoattach switches', () => {
    const { vm } = synthMachine({
      rng: true,
      inputs: [InputDevice.tablet(), InputDevice.tablet({ name: 'tablet2', bus: InputBus.VIRTIO })],
      video: VideoType.VIRTIO,
      watchdog: Watchdog.i6300esb(WatchdogAction.RESET),
      downwardMetrics: true,
      networkInterfaceMultiqueue: true,
      blockMultiQueue: true,
      autoattachGraphicsDevice: true,
      autoattachSerialConsole: false,
      autoattachMemBalloon: false,
      autoattachInputDevice: false,
      autoattachVSOCK: true,
    });
    const devices = templateSpec(vm).domain.devices;
    expect(devices.rng).toEqual({});
    expect(devices.inputs).toEqual([{ name: 'tablet', type: 'tablet', bus: 'usb' }, { name: 'tablet2', type: 'tablet', bus: 'virtio' }]);
    expect(devices.video).toEqual({ type: 'virtio' });
    expect(devices.watchdog).toEqual({ name: 'watchdog', i6300esb: { action: 'reset' } });
    expect(devices.downwardMetrics).toEqual({});
    expect(devices.networkInterfaceMultiqueue).toBe(true);
    expect(devices.blockMultiQueue).toBe(true);
    expect(devices.autoattachGraphicsDevice).toBe(true);
    expect(devices.autoattachSerialConsole).toBe(false);
    expect(devices.autoattachMemBalloon).toBe(false);
    expect(devices.autoattachInputDevice).toBe(false);
    expect(devices.autoattachVSOCK).toBe(true);
    expect(devices.autoattachPodInterface).toBeUndefined();
  });

  test('a custom video type and a diag288 watchdog', () => {
    const { vm } = synthMachine({ architecture: Architecture.S390X, video: VideoType.custom('bochs'), watchdog: Watchdog.diag288(WatchdogAction.POWEROFF, { name: 'wd' }) });
    expect(templateSpec(vm).domain.devices.video).toEqual({ type: 'bochs' });
    expect(templateSpec(vm).domain.devices.watchdog).toEqual({ name: 'wd', diag288: { action: 'poweroff' } });
  });

  test('an empty network list renders autoattachPodInterface: false and no networks or interfaces', () => {
    const { vm } = synthMachine({ networks: [] });
    const spec = templateSpec(vm);
    expect(spec.domain.devices.autoattachPodInterface).toBe(false);
    expect(spec.networks).toBeUndefined();
    expect(spec.domain.devices.interfaces).toBeUndefined();
    // An explicit value wins.
    expect(templateSpec(synthMachine({ networks: [], autoattachPodInterface: true }).vm).domain.devices.autoattachPodInterface).toBe(true);
    expect(templateSpec(synthMachine({ autoattachPodInterface: false }).vm).networks).toEqual([{ name: 'default', pod: {} }]);
  });

  test('fails when video is set with autoattachGraphicsDevice false', () => {
    expect(() => synthMachine({ video: VideoType.VGA, autoattachGraphicsDevice: false })).toThrow(
      `${ERR}: video cannot be set when autoattachGraphicsDevice is false: got "vga"; no video, or autoattachGraphicsDevice unset or true (video-autoattach-graphics)`);
  });

  test('fails when two input devices share a name', () => {
    expect(() => synthMachine({ inputs: [InputDevice.tablet(), InputDevice.tablet({ bus: InputBus.VIRTIO })] })).toThrow(
      `${ERR}: inputs has two input devices with the same name: got "tablet"; unique input device names`);
  });

  test('fails at synthesis when the watchdog model does not fit the architecture', () => {
    expect(() => synthMachine({ architecture: Architecture.AMD64, watchdog: Watchdog.diag288(WatchdogAction.RESET) })).toThrow(
      "Machine 'test/web': spec.template.spec.domain.devices.watchdog must use the i6300esb model alone on amd64: got [\"diag288\"]; i6300esb: { action: … } (watchdog-model)");
  });

  test('fails when names of devices are not DNS labels', () => {
    expect(() => InputDevice.tablet({ name: 'Tablet' })).toThrow('InputDevice.tablet: name must be a DNS-1123 label: got "Tablet"');
    expect(() => Watchdog.i6300esb(WatchdogAction.RESET, { name: 'wd_1' })).toThrow('Watchdog.i6300esb: name must be a DNS-1123 label: got "wd_1"');
    expect(() => VideoType.custom('Q X L')).toThrow('VideoType.custom: type must be a video model name: got "Q X L"');
  });
});

