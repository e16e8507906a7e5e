/**
 * The library's one secret scanner. It reads every string of a manifest (any kind), after all
 * patches, and everything those strings decode or parse to:
 *
 * - base64: `Secret.data`, `ConfigMap.binaryData`, `*Base64` fields (`userDataBase64`,
 *   `networkDataBase64`), cloud-config `write_files` content with a `b64`/`gz+b64` encoding, and any
 *   other string (or run of lines inside a text) that looks like base64 of at least 24 characters;
 *   gzip is unpacked when the decoded bytes start with the gzip magic;
 * - user data in every form cloud-init reads (cloudinit/handlers and user_data.py): `#cloud-config`
 *   and `#cloud-config-archive` (parsed as YAML 1.1, flow style included), `## template: jinja`,
 *   MIME multipart (base64 and quoted-printable parts), `#include`, scripts and boothooks (as text);
 * - network data (netplan v1/v2 YAML, e.g. Wi-Fi `access-points` passwords), URLs (`user:pass@`),
 *   metadata, probes (HTTP headers), commands and apt sources, as ordinary strings.
 *
 * What it finds is described on {@link SecretKind}. A finding never holds the secret: only its
 * JSON path, where inside the string it is, what matched, and a redacted form (first two
 * characters of values of at least 8 characters, and the length).
 *
 * It is fast enough to run over every object of a fleet: a cheap pre-filter decides whether a
 * string needs the detailed patterns, base64 is decoded only for strings shaped like base64,
 * gunzip runs only on the gzip magic, and results for long strings (user data shared by many
 * machines) are cached by content.
 */
import { SecretKind } from '../secret-kind';
import { NO_HINT, Placed } from './secret-patterns';
import { Companion, keyHits, walk, walkManifest } from './secret-text';

export { isBenign, redact } from './secret-patterns';

/** One secret found in a manifest. It never contains the secret value. */
export interface SecretFinding {
  /** JSON path of the string in the manifest, e.g. `$.spec.template.spec.volumes[1].cloudInitNoCloud.userData`. */
  readonly path: string;
  /** The kind of secret. */
  readonly kind: SecretKind;
  /** What matched, e.g. `key 'plain_text_passwd'`, `GitHub token`, `PEM private key (OPENSSH)`. */
  readonly what: string;
  /** A redacted form of the value, e.g. `hu… (7 chars)`. */
  readonly redacted: string;
  /** Where inside the string, e.g. `base64-decoded, cloud-config users[0].passwd` or `line 12`; `value` for the whole string. */
  readonly where: string;
}

export type { Companion } from './secret-text';

/** Whether `scanManifest` takes a companion walk along through `manifest`: only through a plain object. */
export function takesAlong(manifest: unknown): manifest is object {
  return manifest !== null && typeof manifest === 'object' && Object.getPrototypeOf(manifest) === Object.prototype;
}

/**
 * Scans one manifest and returns the findings whose kind is not in `allowed`, in document order,
 * one per path, kind, place and pattern. `along`: a walk to make along the scan's (the Kubernetes
 * checks) when `takesAlong(manifest)` (else the caller makes it alone); the findings are the same.
 */
export function scanManifest(manifest: unknown, allowed: ReadonlySet<SecretKind> = new Set(), along?: Companion): SecretFinding[] {
  const placed: Placed[] = [];
  if (along !== undefined && takesAlong(manifest)) walkManifest(manifest, placed, along);
  else walk(manifest, '$', 0, placed, NO_HINT, manifest, true);
  const seen = new Set<string>();
  const out: SecretFinding[] = [];
  for (const { rel, hit: h } of placed) {
    if (allowed.has(h.kind)) continue;
    const where = h.where.length > 0 ? h.where.join(', ') : 'value';
    const key = `${rel}\u0000${h.kind}\u0000${where}\u0000${h.what}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path: rel, kind: h.kind, what: h.what, redacted: h.redacted, where });
  }
  return out;
}

/** One line for a message: `password (key 'passwd') at $.spec… (cloud-config users[0].passwd): hu… (7 chars)`. */
export function describeFinding(f: SecretFinding): string {
  return `${f.kind} (${f.what}) at ${f.path} (${f.where}): ${f.redacted}`;
}

/**
 * A finding in the library's message format, naming where the secret is and its redacted form, never
 * the value: `<path> holds a <kind> (<what>, <where>): got "<redacted>"; <what to do> (secret-<kind>)`.
 * `optIn` says how to allow it where the caller is not the library's API (the CLI's flags).
 * (Formatted here rather than with errors.ts, which imports this scanner to redact every message.)
 */
export function describeSecretFinding(f: SecretFinding, optIn = `or opt in with allowSecrets: [SecretKind.${SECRET_KIND_NAMES[f.kind]}]`): string {
  return `${redactKeys(f.path.replace(/^\$\.?/, ''))} holds a ${f.kind.replace('-', ' ')} (${f.what}, ${f.where}): got ${JSON.stringify(f.redacted)}; `
    + `no secrets in output that goes to Git: reference a Secret managed outside the app, ${optIn} (secret-${f.kind})`;
}

/** A JSON path with each quoted map key that holds a secret (`annotations["a/AKIA…"]`) redacted, for messages. */
export function redactKeys(path: string): string {
  if (!path.includes('[')) return path;
  return path.replace(/\[("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\]/g, (whole, key: string) => {
    const found = keyHits(key.slice(1, -1));
    return found.length === 0 ? whole : `[<redacted key: ${key.length - 2} chars holding a ${found[0].kind.replace('-', ' ')}>]`;
  });
}

const SECRET_KIND_NAMES: Record<SecretKind, string> = {
  [SecretKind.PRIVATE_KEY]: 'PRIVATE_KEY',
  [SecretKind.PASSWORD]: 'PASSWORD',
  [SecretKind.TOKEN]: 'TOKEN',
  [SecretKind.URL_CREDENTIALS]: 'URL_CREDENTIALS',
};
