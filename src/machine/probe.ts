import { Duration } from 'cdk8s';
import type * as kv from '../imports/kubevirt-json';
import { fail } from '../private/errors';
import { guardCall } from '../private/lazy-guard';
import { isPortNumber } from '../private/mac-port';
import { wholeSeconds, durationText } from '../private/units';

/** Timing options shared by every probe. */
export interface ProbeOptions {
  /**
   * Wait before the first probe. Zero is KubeVirt's default and is not emitted: KubeVirt's webhook
   * drops a zero `initialDelaySeconds` (Go `omitempty`) when it stores the VM.
   * @default - KubeVirt's default (0 seconds)
   */
  readonly initialDelay?: Duration;
  /**
   * Time between probes: at least 1 second (KubeVirt would drop a zero and apply its default).
   * @default - KubeVirt's default (10 seconds)
   */
  readonly period?: Duration;
  /**
   * Time after which a probe times out: at least 1 second (KubeVirt would drop a zero and apply its
   * default).
   * @default - KubeVirt's default (1 second)
   */
  readonly timeout?: Duration;
  /**
   * Consecutive failures before the probe fails.
   * @default - KubeVirt's default (3)
   */
  readonly failureThreshold?: number;
  /**
   * Consecutive successes before the probe succeeds.
   * @default - KubeVirt's default (1)
   */
  readonly successThreshold?: number;
}

/**
 * A readiness or liveness probe of a machine: exactly one handler.
 * `httpGet` and `tcpSocket` need the pod network.
 */
export class Probe {
  /** Succeeds when the QEMU guest agent answers (needs the agent in the guest). */
  public static guestAgentPing(options: ProbeOptions = {}): Probe {
    guardCall(undefined, 'cdk8s-kubevirt.Probe', 'guestAgentPing', [options]);
    return new Probe('guestAgentPing', { guestAgentPing: {} }, options);
  }

  /** Succeeds when a TCP connection to the port opens. */
  public static tcpSocket(port: number, options: ProbeOptions = {}): Probe {
    guardCall(undefined, 'cdk8s-kubevirt.Probe', 'tcpSocket', [port, options]);
    checkPort('tcpSocket', port);
    return new Probe('tcpSocket', { tcpSocket: { port } }, options);
  }

  /** Succeeds on an HTTP status from 200 to 399. */
  public static httpGet(path: string, port: number, options: ProbeOptions = {}): Probe {
    guardCall(undefined, 'cdk8s-kubevirt.Probe', 'httpGet', [path, port, options]);
    checkPort('httpGet', port);
    if (typeof path !== 'string' || !path.startsWith('/')) {
      fail('Probe.httpGet', { property: 'path', problem: 'must be an absolute URL path', value: path, allowed: "a path starting with '/'" });
    }
    return new Probe('httpGet', { httpGet: { path, port } }, options);
  }

  /** Succeeds when the command exits 0 in the guest (run through the guest agent). */
  public static exec(command: string[], options: ProbeOptions = {}): Probe {
    guardCall(undefined, 'cdk8s-kubevirt.Probe', 'exec', [command, options]);
    if (!Array.isArray(command) || command.length === 0) {
      fail('Probe.exec', { property: 'command', problem: 'must not be empty', value: command, allowed: 'a command and its arguments' });
    }
    return new Probe('exec', { exec: { command: [...command] } }, options);
  }

  private constructor(
    /** The handler: guestAgentPing, tcpSocket, httpGet or exec. */
    public readonly handler: string,
    private readonly spec: kv.Probe,
    options: ProbeOptions) {
    const who = `Probe.${handler}`;
    const timing: Array<['initialDelaySeconds' | 'periodSeconds' | 'timeoutSeconds', Duration | undefined]> = [
      ['initialDelaySeconds', options.initialDelay], ['periodSeconds', options.period], ['timeoutSeconds', options.timeout],
    ];
    for (const [field, d] of timing) {
      if (d === undefined) continue;
      const s = wholeSeconds(d);
      if (s === undefined) fail(who, { property: field.replace('Seconds', ''), problem: 'must be a whole number of seconds', value: durationText(d), allowed: 'e.g. Duration.seconds(10)' });
      // The probe's int32 fields are `omitempty`: KubeVirt's webhook stores no zero, so a zero in Git
      // would stay OutOfSync (kubevirt/gotypes virtualmachine.json). A zero delay is the default.
      if (s === 0 && field !== 'initialDelaySeconds') {
        fail(who, { property: field.replace('Seconds', ''), problem: 'must be at least 1 second', value: durationText(d), allowed: 'KubeVirt drops a zero and applies its default; leave it unset for the default' });
      }
      if (s !== 0) this.spec[field] = s;
    }
    for (const [field, n] of [['failureThreshold', options.failureThreshold], ['successThreshold', options.successThreshold]] as const) {
      if (n === undefined) continue;
      if (!(Number.isInteger(n) && n >= 1)) fail(who, { property: field, problem: 'must be a whole number of at least 1', value: n, allowed: 'an integer ≥ 1' });
      this.spec[field] = n;
    }
  }

  /** @internal */
  public _toKube(): kv.Probe {
    return this.spec;
  }
}

function checkPort(factory: string, port: number): void {
  if (!isPortNumber(port)) {
    fail(`Probe.${factory}`, { property: 'port', problem: 'must be a port number', value: port, allowed: 'an integer from 1 to 65535' });
  }
}
