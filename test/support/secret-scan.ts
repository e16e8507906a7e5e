/**
 * The tests' view of the library's one secret scanner (src/private/secret-scan.ts): the same code that
 * guards synthesis, `lint` and `convert`, applied to lists of objects or to YAML text, with each
 * finding labelled by its object (`<kind>/<name>`).
 */
import * as YAML from 'yaml';
import { scanManifest, SecretFinding } from '../../src/private/secret-scan';
import { SecretKind } from '../../src/secret-kind';

/** A finding, with the object it is in. */
export interface ObjectFinding extends SecretFinding {
  /** `<kind>/<name>` of the object, or `document/<index>`. */
  readonly object: string;
}

/** Scans parsed manifests (e.g. from a synthesized app or a dist/ folder); nothing is allowed unless named. */
export function scanObjects(objects: any[], allowed: ReadonlySet<SecretKind> = new Set()): ObjectFinding[] {
  return objects.flatMap((o, i) => {
    const object = `${o?.kind ?? 'document'}/${o?.metadata?.name ?? i}`;
    return scanManifest(o, allowed).map(f => ({ ...f, object }));
  });
}

/** Scans YAML text (one or many documents). Text that does not parse is scanned as one string. */
export function scanYaml(text: string, allowed: ReadonlySet<SecretKind> = new Set()): ObjectFinding[] {
  let objects: any[];
  try {
    objects = YAML.parseAllDocuments(text).map(d => {
      if (d.errors.length > 0) throw d.errors[0];
      return d.toJS();
    }).filter(d => d !== null && d !== undefined);
  } catch {
    return scanManifest(text, allowed).map(f => ({ ...f, object: 'text' }));
  }
  return scanObjects(objects, allowed);
}
