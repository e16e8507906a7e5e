import type * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { MachineDefinition } from './machine-spec';
import { NetworkPort, PortProtocol } from '../network/network';
import { fail } from '../private/errors';
import { kplus as loadKplus } from '../private/lazy';
import { isDns1035Label } from '../private/names';

/** Options for exposing a machine or a pool with a Service. */
export interface ExposeOptions {
  /** Ports of the Service. `targetPort` is the port in the guest (default: `port`). */
  readonly ports: kplus.ServicePort[];
  /**
   * Service type.
   * @default kplus.ServiceType.CLUSTER_IP
   */
  readonly type?: kplus.ServiceType;
  /**
   * Service name.
   * @default - `{machine}-{id}` in lowercase, e.g. `web-ssh`
   */
  readonly name?: string;
}

/**
 * Creates a cdk8s-plus Service selecting the owner's pods, and forwards its target ports on the pod
 * network interface when that interface lists ports.
 * @internal
 */
export function exposeDefinition(owner: Construct, id: string, ownerName: string, namespace: string | undefined,
  selector: { [key: string]: string }, definition: MachineDefinition, options: ExposeOptions): kplus.Service {
  const who = `${owner.constructor.name} '${owner.node.path}'`;
  if (options.ports.length === 0) {
    fail(who, { property: 'expose.ports', problem: 'must not be empty', value: [], allowed: 'at least one port' });
  }
  const name = options.name ?? `${ownerName}-${id.toLowerCase()}`;
  if (!isDns1035Label(name)) {
    fail(who, { property: 'expose.name', problem: 'must be a DNS-1035 label (a Service name)', value: name, allowed: "lowercase letters, digits and '-', starting with a letter, at most 63 characters; set options.name" });
  }
  const guestPorts: NetworkPort[] = options.ports.map(p => ({
    port: p.targetPort ?? p.port,
    protocol: p.protocol === loadKplus().Protocol.UDP ? PortProtocol.UDP : PortProtocol.TCP,
  }));
  definition.exposePorts(guestPorts, 'expose');
  const service = new (loadKplus().Service)(owner, id, { metadata: { name, namespace }, type: options.type, ports: options.ports });
  for (const key of Object.keys(selector).sort()) service.selectLabel(key, selector[key]);
  return service;
}
