/**
 * Kubernetes and CDI checks of single fields: Service ports, cron schedules and time zones, image
 * references, import URLs; and what only fails at run time: MAC addresses, `#cloud-config` that parses,
 * device names that are resource names, exec probes with a command.
 */
import { cloudConfigProblemByEntries } from './cloud-config-entries';
import { CRON_SCHEDULE_ALLOWED, cronScheduleProblem, TIME_ZONE_ALLOWED, timeZoneProblem } from './cron';
import { IMAGE_REFERENCE_ALLOWED, imageReferenceProblem } from './image-reference';
import { isPlainBlockMapping } from './k8s-plain-yaml';
import { isObj, KubernetesCheckOptions, v } from './k8s-violations';
import { yaml } from './lazy';
import { isMacAddress, isMulticastMac, isPortNumber, MAC_ADDRESS_ALLOWED } from './mac-port';
import { memoByString } from './memo';
import { DNS1123_LABEL_ALLOWED, EXTENDED_RESOURCE_ALLOWED, isDns1123Label, extendedResourceNameProblem, PORT_NAME_ALLOWED, portNameProblem } from './names';
import { CHECKSUM_ALLOWED, checksumProblem, redactUrl, sourceUrlAllowed, sourceUrlProblem, URL_SOURCES, UrlProblem } from './source-url';
import { Violation } from '../rules/types';
// ---------------------------------------------------------------------------------------------
// Services.

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
/** Kubernetes' default --service-node-port-range. */
const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;

/**
 * A Service's ports (k8s `pkg/apis/core/validation/validation.go` ValidateService and
 * validateServicePort; rules `service-port`, `service-port-name`, `service-target-port`,
 * `service-node-port`).
 */
export function servicePortsViolations(ports: unknown, type: unknown, path: string, options: KubernetesCheckOptions = {}): Violation[] {
  if (!Array.isArray(ports)) return [];
  const out: Violation[] = [];
  const names = new Set<string>();
  const seen = new Set<string>();
  const serviceType = typeof type === 'string' ? type : 'ClusterIP';
  ports.forEach((p, i) => {
    if (!isObj(p)) return;
    const at = `${path}[${i}]`;
    if (!isPortNumber(p.port)) out.push(v('service-port', `${at}.port`, 'must be a port number from 1 to 65535', p.port, 'an integer from 1 to 65535'));
    const protocol = p.protocol ?? 'TCP';
    if (!PROTOCOLS.includes(protocol)) out.push(v('service-port', `${at}.protocol`, 'must be TCP, UDP or SCTP', p.protocol, 'one of TCP, UDP, SCTP'));
    const pair = `${p.port}/${protocol}`;
    if (seen.has(pair)) out.push(v('service-port', `${at}.port`, `is used by another port with protocol ${protocol}`, p.port, 'a port and protocol no other port uses'));
    seen.add(pair);
    const name = p.name;
    if (name === undefined || name === null || name === '') {
      if (ports.length > 1) out.push(v('service-port-name', `${at}.name`, 'is required when a Service has more than one port', name, `${DNS1123_LABEL_ALLOWED}, unique among the ports`));
    } else if (typeof name !== 'string' || !isDns1123Label(name)) {
      out.push(v('service-port-name', `${at}.name`, 'must be a DNS-1123 label', name, DNS1123_LABEL_ALLOWED));
    } else if (names.has(name)) {
      out.push(v('service-port-name', `${at}.name`, 'is used by another port', name, 'a name no other port uses'));
    }
    if (typeof name === 'string') names.add(name);
    const target = p.targetPort;
    if (typeof target === 'number') {
      // 0 is the unset int-or-string; anything else must be a port number.
      if (target !== 0 && !isPortNumber(target)) out.push(v('service-target-port', `${at}.targetPort`, 'must be a port number from 1 to 65535', target, `an integer from 1 to 65535, or ${PORT_NAME_ALLOWED}`));
    } else if (typeof target === 'string') {
      const problem = portNameProblem(target);
      if (problem) out.push(v('service-target-port', `${at}.targetPort`, `must be a valid port name (it ${problem})`, target, PORT_NAME_ALLOWED));
    } else if (target !== undefined && target !== null) {
      out.push(v('service-target-port', `${at}.targetPort`, 'must be a port number or a port name', target, `an integer from 1 to 65535, or ${PORT_NAME_ALLOWED}`));
    }
    const nodePort = p.nodePort;
    if (nodePort !== undefined && nodePort !== null && nodePort !== 0) {
      if (serviceType !== 'NodePort' && serviceType !== 'LoadBalancer') {
        out.push(v('service-node-port', `${at}.nodePort`, `must not be set on a ${serviceType} Service`, nodePort, 'nodePort only with type NodePort or LoadBalancer'));
      } else if (!isPortNumber(nodePort)) {
        out.push(v('service-node-port', `${at}.nodePort`, 'must be a port number from 1 to 65535', nodePort, `an integer from ${NODE_PORT_MIN} to ${NODE_PORT_MAX} (the default node port range)`));
      } else if (options.clusterDependent && (nodePort < NODE_PORT_MIN || nodePort > NODE_PORT_MAX)) {
        out.push(v('service-node-port', `${at}.nodePort`, `must be within the node port range ${NODE_PORT_MIN}-${NODE_PORT_MAX}`, nodePort, `an integer from ${NODE_PORT_MIN} to ${NODE_PORT_MAX} (the default node port range)`));
      }
    }
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Schedules, images, URLs.

/** A CronJob's or DataImportCron's schedule (rule `cron-schedule`); see cron.ts. */
export function cronScheduleViolations(kind: string, schedule: unknown, path: string): Violation[] {
  if (typeof schedule !== 'string') return [v('cron-schedule', path, 'must be a cron schedule', schedule, CRON_SCHEDULE_ALLOWED)];
  const problem = cronScheduleProblem(schedule, { timeZonePrefix: kind !== 'CronJob' });
  return problem ? [v('cron-schedule', path, `must be a cron schedule as Kubernetes parses it (${problem})`, schedule, CRON_SCHEDULE_ALLOWED)] : [];
}

/** A CronJob's timeZone (k8s validateTimeZone; rule `cron-time-zone`); see cron.ts. */
export function timeZoneViolations(zone: unknown, path: string): Violation[] {
  if (zone === undefined || zone === null) return [];
  const problem = typeof zone === 'string' ? timeZoneProblem(zone) : 'must be a string';
  return problem ? [v('cron-time-zone', path, problem, zone, TIME_ZONE_ALLOWED)] : [];
}

/** A container image reference (rule `image-reference`); see image-reference.ts. */
export function imageReferenceViolations(image: unknown, path: string): Violation[] {
  const problem = typeof image === 'string' ? imageReferenceProblem(image) : 'must be a string';
  return problem ? [v('image-reference', path, problem, image, IMAGE_REFERENCE_ALLOWED)] : [];
}

/**
 * A CDI `source` object (DataVolume, dataVolumeTemplate, DataImportCron template): the URL of each
 * import source, and an http checksum (rules `source-url`, `source-url-credentials`,
 * `image-reference`, `source-checksum`); see source-url.ts. `path` may be given as a function, called
 * only for a violation (a walk builds no path text for a valid source).
 */
export function dataVolumeSourceViolations(source: unknown, pathOf: string | (() => string)): Violation[] {
  if (!isObj(source)) return [];
  const out: Violation[] = [];
  let built = typeof pathOf === 'string' ? pathOf : undefined;
  const path = (): string => built ??= (pathOf as () => string)();
  for (const kind of URL_SOURCES) {
    const s = source[kind];
    if (!isObj(s)) continue;
    // A registry source may name an ImageStream instead of a URL.
    if (kind === 'registry' && (s.url === undefined || s.url === null)) continue;
    if (typeof s.url !== 'string') {
      out.push(v('source-url', `${path()}.${kind}.url`, 'must be a URL', s.url, sourceUrlAllowed(kind)));
      continue;
    }
    const problem = urlProblem(kind, s.url);
    if (problem) out.push(v(problem.ruleId, `${path()}.${kind}.url`, problem.problem, redactUrl(s.url), sourceUrlAllowed(kind)));
    if (kind === 'http' && typeof s.checksum === 'string' && s.checksum !== '') {
      const cp = checksumProblem(s.checksum);
      if (cp) out.push(v('source-checksum', `${path()}.http.checksum`, cp, s.checksum, CHECKSUM_ALLOWED));
    }
  }
  return out;
}

/**
 * `sourceUrlProblem`, cached by source and URL (a fleet imports the same few images); undefined: no
 * problem. One cache per source, by the URL itself: no key string to build (and hash) for each lookup.
 */
function urlProblem(source: string, url: string): UrlProblem | undefined {
  let bySource = urlProblems.get(source);
  if (bySource === undefined) urlProblems.set(source, bySource = memoByString(u => sourceUrlProblem(source, u), 1000));
  return bySource(url);
}
const urlProblems = new Map<string, (url: string) => UrlProblem | undefined>();

// ---------------------------------------------------------------------------------------------
// Run-time breakage: MACs, cloud-config, devices, probes.

/** A MAC address: well-formed and unicast (rules `interface-mac-address`, `mac-address-unicast`). */
export function macAddressViolations(mac: unknown, path: string): Violation[] {
  if (!isMacAddress(mac)) return [v('interface-mac-address', path, 'must be a MAC address', mac, MAC_ADDRESS_ALLOWED)];
  return isMulticastMac(mac)
    ? [v('mac-address-unicast', path, 'must be a unicast MAC address (the first byte must be even)', mac, 'a unicast MAC address, e.g. 52:54:00:12:34:56 or 02:00:00:00:00:01')]
    : [];
}

/** The header that makes user data cloud-config. */
const CLOUD_CONFIG_HEADER = '#cloud-config';

/**
 * Inline cloud-config user data is YAML that cloud-init can load as a mapping (rule `cloud-config-yaml`).
 * cloud-init reads it with PyYAML, YAML 1.1; duplicate keys are allowed there (the last wins). Other
 * user-data formats (scripts, `#include`, jinja, MIME) are not checked here. The value in a violation
 * is the position and the parser's error code, never the user data (it may hold secrets).
 */
export function cloudConfigViolations(userData: unknown, path: string): Violation[] {
  const found = cloudConfigFinding(userData);
  return found === null ? [] : [cloudConfigViolation(found, path)];
}

/** What `cloudConfigViolations` finds, without a path (for a walk that builds it only for a violation); null: nothing. */
export function cloudConfigFinding(userData: unknown): CloudConfigFinding | null {
  return typeof userData !== 'string' || !userData.startsWith(CLOUD_CONFIG_HEADER) ? null : cloudConfigResult(userData);
}

/** The violation of a `cloudConfigFinding` at `path`. */
export function cloudConfigViolation(found: CloudConfigFinding, path: string): Violation {
  return v('cloud-config-yaml', path, found.problem, found.value, CLOUD_CONFIG_ALLOWED);
}

export interface CloudConfigFinding {
  readonly problem: string;
  readonly value: string;
}

const CLOUD_CONFIG_ALLOWED = 'YAML whose top level is a mapping, e.g. "#cloud-config\\npackages: [nginx]"';

function cloudConfigProblem(userData: string): { problem: string; value: string } | null {
  // The plainest block YAML parses into a mapping: no parse needed (see k8s-plain-yaml.ts).
  if (isPlainBlockMapping(userData)) return null;
  const { isMap, isSeq, parseDocument } = yaml();
  const doc = parseDocument(userData, { version: '1.1', uniqueKeys: false, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const before = userData.slice(0, e.pos[0]);
    const where = `line ${before.split('\n').length}, column ${before.length - before.lastIndexOf('\n')}`;
    return { problem: 'must be valid YAML', value: `${where}: ${e.code}` };
  }
  const contents = doc.contents;
  if (contents !== null && !isMap(contents)) return { problem: 'must have a mapping at the top level', value: isSeq(contents) ? 'a list' : 'a scalar' };
  return null;
}

/** A GPU's or host device's deviceName: an extended resource name (rule `device-resource-name`). */
export function deviceNameViolations(name: unknown, path: string): Violation[] {
  const problem = typeof name === 'string' ? extendedResourceNameProblem(name) : 'is required';
  return problem ? [v('device-resource-name', path, problem, name, EXTENDED_RESOURCE_ALLOWED)] : [];
}

/** An exec probe's command: a non-empty list of strings whose first is not empty (rule `probe-exec-command`). */
export function execCommandViolations(command: unknown, path: string): Violation[] {
  const allowed = 'a non-empty list of strings, the first naming the program, e.g. ["cat", "/tmp/healthy"]';
  if (!Array.isArray(command) || command.length === 0) return [v('probe-exec-command', path, 'must not be empty', command, allowed)];
  if (!command.every(c => typeof c === 'string')) return [v('probe-exec-command', path, 'must be a list of strings', command, allowed)];
  if (command[0].trim() === '') return [v('probe-exec-command', `${path}[0]`, 'must name a program', command[0], allowed)];
  return [];
}

/** Fleets repeat the same user data; parsing is the costly part (about 0.1 ms per document). */
const cloudConfigResult = memoByString(userData => cloudConfigProblemByEntries(userData, cloudConfigProblem), 1000);
