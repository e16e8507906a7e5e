/**
 * Volume and cloud-init rules.
 * Source: pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go (KubeVirt v1.9),
 * validateVolumes and validateCloudInitNoCloud/ConfigDrive (constants cloudInitUserMaxLen and
 * cloudInitNetworkMaxLen are both 2048).
 */
import { CloudInit, cloudInits, isHole, repeatedNames, volumeItems } from './spec-view';
import { isSet, itemName, obj, Rule, setKeys, specRule, violation, Violation } from './types';

const SOURCE = 'pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go';

/** Every volume source a Volume can hold. */
export const VOLUME_SOURCES = [
  'cloudInitConfigDrive', 'cloudInitNoCloud', 'configMap', 'containerDisk', 'containerPath', 'dataVolume', 'downwardAPI',
  'downwardMetrics', 'emptyDisk', 'ephemeral', 'hostDisk', 'memoryDump', 'persistentVolumeClaim', 'secret', 'serviceAccount', 'sysprep',
];

/** Inline user data and network data limit, in bytes after decoding. */
export const CLOUD_INIT_MAX_BYTES = 2048;

/** Go's base64.StdEncoding: padded, standard alphabet (\r and \n are ignored by the decoder). */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const NEWLINES = /[\r\n]/g;

export const USER_DATA_FIELDS = ['userData', 'userDataBase64', 'secretRef'];
export const NETWORK_DATA_FIELDS = ['networkData', 'networkDataBase64', 'networkDataSecretRef'];

/** The names of required fields inside a volume source. */
const REQUIRED_NAMES: Array<[string, string]> = [
  ['dataVolume', 'name'],
  ['configMap', 'name'],
  ['secret', 'secretName'],
  ['serviceAccount', 'serviceAccountName'],
];

/** Sources of which a VMI may have at most one volume. */
const SINGLETONS = ['serviceAccount', 'downwardMetrics', 'memoryDump'];

/** `countSet(vol, VOLUME_SOURCES)`, written out: named reads stay fast where a keyed loop over the list does not. */
export function volumeSourceCount(v: any): number {
  return (isSet(v.cloudInitConfigDrive) ? 1 : 0) + (isSet(v.cloudInitNoCloud) ? 1 : 0) + (isSet(v.configMap) ? 1 : 0)
    + (isSet(v.containerDisk) ? 1 : 0) + (isSet(v.containerPath) ? 1 : 0) + (isSet(v.dataVolume) ? 1 : 0) + (isSet(v.downwardAPI) ? 1 : 0)
    + (isSet(v.downwardMetrics) ? 1 : 0) + (isSet(v.emptyDisk) ? 1 : 0) + (isSet(v.ephemeral) ? 1 : 0) + (isSet(v.hostDisk) ? 1 : 0)
    + (isSet(v.memoryDump) ? 1 : 0) + (isSet(v.persistentVolumeClaim) ? 1 : 0) + (isSet(v.secret) ? 1 : 0) + (isSet(v.serviceAccount) ? 1 : 0)
    + (isSet(v.sysprep) ? 1 : 0);
}

/** `userDataCount(ci)`, written out. */
export function userDataCount(ci: any): number {
  return (isSet(ci.userData) ? 1 : 0) + (isSet(ci.userDataBase64) ? 1 : 0) + (isSet(ci.secretRef) ? 1 : 0);
}

/** `networkDataCount(ci)`, written out. */
export function networkDataCount(ci: any): number {
  return (isSet(ci.networkData) ? 1 : 0) + (isSet(ci.networkDataBase64) ? 1 : 0) + (isSet(ci.networkDataSecretRef) ? 1 : 0);
}

const BASE64_FIELDS = ['userDataBase64', 'networkDataBase64'];

/** The decoded size of base64 text, or undefined when it does not decode. */
export function decodedBase64Length(text: string): number | undefined {
  const clean = text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0 ? text.replace(NEWLINES, '') : text;
  if (!BASE64.test(clean)) return undefined;
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return (clean.length / 4) * 3 - padding;
}

/** Adds to `out` the violation of the size limit by one cloud-init source, if any. */
function sizeCheck(out: Violation[], ruleId: string, c: CloudInit, plain: string, encoded: string, what: string, secretField: string): void {
  const ci = c.ci;
  let bytes: number | undefined;
  let field = plain;
  // Quick exits: UTF-8 takes at most 3 bytes per UTF-16 code unit, and base64 decodes to at most 3
  // bytes per 4 characters, so short text cannot be over the limit.
  if (typeof ci[plain] === 'string') {
    if (ci[plain].length * 3 <= CLOUD_INIT_MAX_BYTES) return;
    bytes = Buffer.byteLength(ci[plain], 'utf8');
  } else if (typeof ci[encoded] === 'string') {
    if (ci[encoded].length * 3 / 4 <= CLOUD_INIT_MAX_BYTES) return;
    field = encoded;
    bytes = decodedBase64Length(ci[encoded]);
  }
  if (bytes === undefined || bytes <= CLOUD_INIT_MAX_BYTES) return;
  out.push(violation(ruleId, `${c.path}.${field}`, `must be at most ${CLOUD_INIT_MAX_BYTES} bytes after decoding`, `${bytes} bytes`,
    `inline ${what} up to ${CLOUD_INIT_MAX_BYTES} bytes; put larger ${what} in a Secret and reference it with ${secretField}`));
}

export const VOLUME_RULES: Rule[] = [
  specRule({
    id: 'volume-name-unique',
    source: SOURCE,
    summary: 'rejects two volumes with the same name',
    check: ctx => {
      const vols = volumeItems(ctx);
      return repeatedNames(vols, 'volume-name-unique', 'volume');
    },
  }),
  specRule({
    id: 'volume-one-source',
    source: SOURCE,
    summary: 'rejects a volume with no source or more than one source',
    check: ctx => {
      const out: Violation[] = [];
      const vols = volumeItems(ctx);
      for (let i = 0; i < vols.objs.length; i++) {
        if (isHole(vols, i) || volumeSourceCount(vols.objs[i]) === 1) continue;
        const set = setKeys(vols.objs[i], VOLUME_SOURCES);
        out.push(violation('volume-one-source', vols.paths[i], `must set exactly one volume source (${itemName('volume', vols.raw[i], i)})`, set,
          `exactly one of ${VOLUME_SOURCES.join(', ')}`));
      }
      return out;
    },
  }),
  specRule({
    id: 'volume-source-name-required',
    source: SOURCE,
    summary: 'rejects a dataVolume without name, configMap without name, secret without secretName, serviceAccount without serviceAccountName',
    check: ctx => {
      const out: Violation[] = [];
      const vols = volumeItems(ctx);
      for (let i = 0; i < vols.objs.length; i++) {
        if (isHole(vols, i)) continue;
        const vol = vols.objs[i];
        // Named reads first: most volumes set none of the four sources, or one.
        if (!isSet(vol.dataVolume) && !isSet(vol.configMap) && !isSet(vol.secret) && !isSet(vol.serviceAccount)) continue;
        for (let r = 0; r < REQUIRED_NAMES.length; r++) {
          const source = REQUIRED_NAMES[r][0];
          if (!isSet(vol[source])) continue;
          const field = REQUIRED_NAMES[r][1];
          const value = obj(vol[source])[field];
          if (typeof value !== 'string' || value === '') {
            out.push(violation('volume-source-name-required', `${vols.paths[i]}.${source}.${field}`, 'must be set', value,
              `the name of the ${source === 'dataVolume' ? 'DataVolume' : source === 'configMap' ? 'ConfigMap' : source === 'secret' ? 'Secret' : 'ServiceAccount'}`));
          }
        }
      }
      return out;
    },
  }),
  specRule({
    id: 'volume-singleton',
    source: SOURCE,
    summary: 'rejects more than one serviceAccount, downwardMetrics or memoryDump volume',
    check: ctx => {
      const out: Violation[] = [];
      let seen: Set<string> | undefined; // made for the first singleton source: most specs have none
      const vols = volumeItems(ctx);
      for (let i = 0; i < vols.objs.length; i++) {
        if (isHole(vols, i)) continue;
        const vol = vols.objs[i];
        if (!isSet(vol.serviceAccount) && !isSet(vol.downwardMetrics) && !isSet(vol.memoryDump)) continue; // none of SINGLETONS
        for (let k = 0; k < SINGLETONS.length; k++) {
          const source = SINGLETONS[k];
          if (!isSet(vol[source])) continue;
          seen ??= new Set();
          if (seen.has(source)) {
            out.push(violation('volume-singleton', `${vols.paths[i]}.${source}`, `must not appear in more than one volume (${itemName('volume', vols.raw[i], i)})`,
              vol[source], `at most one ${source} volume`));
          }
          seen.add(source);
        }
      }
      return out;
    },
  }),
  specRule({
    id: 'cloud-init-user-data-one-of',
    source: SOURCE,
    summary: 'rejects a cloud-init volume that sets more than one of userData, userDataBase64, secretRef',
    check: ctx => {
      const out: Violation[] = [];
      for (const c of cloudInits(ctx)) {
        if (userDataCount(c.ci) <= 1) continue;
        const set = setKeys(c.ci, USER_DATA_FIELDS);
        out.push(violation('cloud-init-user-data-one-of', c.path, 'must set at most one of userData, userDataBase64, secretRef', set,
          'one of userData, userDataBase64, secretRef'));
      }
      return out;
    },
  }),
  specRule({
    id: 'cloud-init-network-data-one-of',
    source: SOURCE,
    summary: 'rejects a cloud-init volume that sets more than one of networkData, networkDataBase64, networkDataSecretRef',
    check: ctx => {
      const out: Violation[] = [];
      for (const c of cloudInits(ctx)) {
        if (networkDataCount(c.ci) <= 1) continue;
        const set = setKeys(c.ci, NETWORK_DATA_FIELDS);
        out.push(violation('cloud-init-network-data-one-of', c.path, 'must set at most one of networkData, networkDataBase64, networkDataSecretRef', set,
          'one of networkData, networkDataBase64, networkDataSecretRef'));
      }
      return out;
    },
  }),
  specRule({
    id: 'cloud-init-data-required',
    source: SOURCE,
    summary: 'rejects a cloud-init volume with neither user data nor network data',
    check: ctx => {
      const out: Violation[] = [];
      for (const c of cloudInits(ctx)) {
        if (userDataCount(c.ci) === 0 && networkDataCount(c.ci) === 0) {
          out.push(violation('cloud-init-data-required', c.path, 'must set user data or network data', c.ci,
            'at least one of userData, userDataBase64, secretRef, networkData, networkDataBase64, networkDataSecretRef'));
        }
      }
      return out;
    },
  }),
  specRule({
    id: 'cloud-init-user-data-size',
    source: SOURCE,
    summary: 'rejects inline cloud-init user data over 2048 bytes (after base64 decoding)',
    check: ctx => {
      const out: Violation[] = [];
      for (const c of cloudInits(ctx)) sizeCheck(out, 'cloud-init-user-data-size', c, 'userData', 'userDataBase64', 'user data', 'secretRef');
      return out;
    },
  }),
  specRule({
    id: 'cloud-init-network-data-size',
    source: SOURCE,
    summary: 'rejects inline cloud-init network data over 2048 bytes (after base64 decoding)',
    check: ctx => {
      const out: Violation[] = [];
      for (const c of cloudInits(ctx)) sizeCheck(out, 'cloud-init-network-data-size', c, 'networkData', 'networkDataBase64', 'network data', 'networkDataSecretRef');
      return out;
    },
  }),
  specRule({
    id: 'cloud-init-base64',
    source: SOURCE,
    summary: 'rejects userDataBase64 or networkDataBase64 that is not valid (padded, standard) base64',
    check: ctx => {
      const out: Violation[] = [];
      for (const c of cloudInits(ctx)) {
        for (const field of BASE64_FIELDS) {
          const value = c.ci[field];
          if (isSet(value) && (typeof value !== 'string' || decodedBase64Length(value) === undefined)) {
            out.push(violation('cloud-init-base64', `${c.path}.${field}`, 'must be valid base64', value,
              'standard base64 with padding (A-Z, a-z, 0-9, +, /, =)'));
          }
        }
      }
      return out;
    },
  }),
];
