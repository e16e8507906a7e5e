import { Duration } from 'cdk8s';
import { Probe } from '../../src';
import { synthMachine, templateSpec } from '../support/synth';

describe('Probe', () => {
  test('guestAgentPing readiness and tcpSocket liveness, with timings', () => {
    const { vm } = synthMachine({
      readinessProbe: Probe.guestAgentPing({ initialDelay: Duration.seconds(30), period: Duration.seconds(10), failureThreshold: 3 }),
      livenessProbe: Probe.tcpSocket(22, { timeout: Duration.seconds(5), successThreshold: 1 }),
    });
    expect(templateSpec(vm).readinessProbe).toEqual({ guestAgentPing: {}, initialDelaySeconds: 30, periodSeconds: 10, failureThreshold: 3 });
    expect(templateSpec(vm).livenessProbe).toEqual({ tcpSocket: { port: 22 }, timeoutSeconds: 5, successThreshold: 1 });
  });

  test('a zero initial delay is not emitted: KubeVirt stores no zero (omitempty), and zero is its default', () => {
    const { vm } = synthMachine({ readinessProbe: Probe.guestAgentPing({ initialDelay: Duration.seconds(0), period: Duration.seconds(5) }) });
    expect(templateSpec(vm).readinessProbe).toEqual({ guestAgentPing: {}, periodSeconds: 5 });
    expect(Object.values(templateSpec(vm).readinessProbe)).not.toContain(0);
  });

  test('fails when period or timeout is zero (KubeVirt would drop it and apply its default)', () => {
    expect(() => Probe.guestAgentPing({ period: Duration.seconds(0) })).toThrow(
      'Probe.guestAgentPing: period must be at least 1 second: got "0ms"; KubeVirt drops a zero and applies its default; leave it unset for the default');
    expect(() => Probe.tcpSocket(22, { timeout: Duration.millis(0) })).toThrow(
      'Probe.tcpSocket: timeout must be at least 1 second: got "0ms"; KubeVirt drops a zero and applies its default; leave it unset for the default');
  });

  test('httpGet and exec', () => {
    const { vm } = synthMachine({ readinessProbe: Probe.httpGet('/healthz', 8080), livenessProbe: Probe.exec(['systemctl', 'is-active', 'nginx']) });
    expect(templateSpec(vm).readinessProbe).toEqual({ httpGet: { path: '/healthz', port: 8080 } });
    expect(templateSpec(vm).livenessProbe).toEqual({ exec: { command: ['systemctl', 'is-active', 'nginx'] } });
  });

  test('fails when a timing is not whole seconds', () => {
    expect(() => Probe.guestAgentPing({ period: Duration.millis(1500) })).toThrow(
      'Probe.guestAgentPing: period must be a whole number of seconds: got "1500ms"; e.g. Duration.seconds(10)');
  });

  test('fails when a threshold is below 1', () => {
    expect(() => Probe.guestAgentPing({ failureThreshold: 0 })).toThrow(
      'Probe.guestAgentPing: failureThreshold must be a whole number of at least 1: got 0; an integer ≥ 1');
  });

  test('fails when a port is out of range', () => {
    expect(() => Probe.tcpSocket(0)).toThrow('Probe.tcpSocket: port must be a port number: got 0; an integer from 1 to 65535');
  });

  test('fails when an HTTP path is relative', () => {
    expect(() => Probe.httpGet('healthz', 80)).toThrow("Probe.httpGet: path must be an absolute URL path: got \"healthz\"; a path starting with '/'");
  });

  test('fails when an exec command is empty', () => {
    expect(() => Probe.exec([])).toThrow('Probe.exec: command must not be empty: got []; a command and its arguments');
  });
});
