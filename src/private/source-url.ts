/**
 * CDI v1.66 import source URLs, as CDI's validating webhook reads them
 * (containerized-data-importer v1.66.0, `pkg/apiserver/webhooks/util.go`):
 * - `http`, `s3`, `gcs`, `imageio` and `vddk` sources: `validateHTTPSource`, `validateS3Source`,
 *   `validateGCSSource`, `validateImageIOSource` and `validateVDDKSource` all call `checkSourceURL` →
 *   `validateSourceURL`, which wants a non-empty URL that Go's `url.ParseRequestURI` accepts, with the
 *   scheme `http`, `https` or `gs` (so an `s3://` URL is rejected even for an S3 source);
 * - `registry` sources: `validateDataVolumeSourceRegistry` wants a URL that `url.Parse` accepts with the
 *   scheme `docker` or `oci-archive`; the importer then reads the rest of a `docker://` URL as an image
 *   reference (see image-reference.ts);
 * - `http.checksum`: `validateChecksum` → `pkg/util/checksum` `ParseAndValidate`: `algorithm:hex` with
 *   md5, sha1, sha256 or sha512 and the matching number of hex digits.
 *
 * The parse here is WHATWG's `URL`, which is stricter than Go's in the host (it rejects `http://%%%/`,
 * which Go also rejects) but also silently drops tabs and newlines, so whitespace and control
 * characters are refused before parsing: an importer could not fetch such a URL anyway.
 *
 * Credentials in a URL (`https://user:password@host/`) are refused: they would be written into the
 * manifest in clear text. Messages show the URL with its user information replaced by `***`.
 */
import { imageReferenceProblem } from './image-reference';

/** The CDI import sources that carry a URL. */
export const URL_SOURCES = ['http', 's3', 'gcs', 'imageio', 'vddk', 'registry'];

/** What each source's URL may be, for error messages. */
export function sourceUrlAllowed(source: string): string {
  return source === 'registry'
    ? 'a docker:// URL with an image reference (e.g. docker://quay.io/containerdisks/fedora:41) or an oci-archive:// URL'
    : 'an http://, https:// or gs:// URL without spaces or credentials';
}

/** A URL with its user information (if any) replaced by `***`, safe to print. */
export function redactUrl(url: string): string {
  return url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#]*@/, '$1***@');
}

/** A problem with a URL, and which rule it breaks. */
export interface UrlProblem {
  readonly problem: string;
  /** `source-url` or `source-url-credentials`. */
  readonly ruleId: string;
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** Why CDI rejects `url` as the URL of `source` (`http`, `s3`, `gcs`, `imageio`, `vddk`, `registry`), or undefined. */
export function sourceUrlProblem(source: string, url: string): UrlProblem | undefined {
  if (url === '') return { problem: 'must not be empty', ruleId: 'source-url' };
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(url)) return { problem: 'must not contain spaces or control characters', ruleId: 'source-url' };
  const parsed = parse(url);
  if (parsed === undefined) return { problem: 'must be a valid URL', ruleId: 'source-url' };
  if (parsed.username !== '' || parsed.password !== '') {
    return { problem: 'must not contain credentials (use the source\'s secretRef)', ruleId: 'source-url-credentials' };
  }
  const scheme = parsed.protocol.slice(0, -1);
  if (source === 'registry') {
    if (scheme !== 'docker' && scheme !== 'oci-archive') return { problem: 'must use the docker:// or oci-archive:// scheme', ruleId: 'source-url' };
    if (scheme === 'docker') {
      const ref = url.slice(url.indexOf('://') + 3);
      const problem = imageReferenceProblem(ref);
      if (problem !== undefined) return { problem: `must name a valid image reference (it ${problem})`, ruleId: 'image-reference' };
    }
    return undefined;
  }
  if (scheme !== 'http' && scheme !== 'https' && scheme !== 'gs') return { problem: 'must use the http://, https:// or gs:// scheme', ruleId: 'source-url' };
  if (parsed.host === '') return { problem: 'must name a host', ruleId: 'source-url' };
  return undefined;
}

const CHECKSUM_HEX: Record<string, number> = { md5: 32, sha1: 40, sha256: 64, sha512: 128 };

/** What a checksum may be, for error messages. */
export const CHECKSUM_ALLOWED = 'algorithm:hex with md5 (32 hex digits), sha1 (40), sha256 (64) or sha512 (128)';

/** Why CDI's `checksum.ParseAndValidate` rejects a non-empty checksum, or undefined. */
export function checksumProblem(checksum: string): string | undefined {
  const colon = checksum.indexOf(':');
  if (colon < 0) return "must have the form 'algorithm:hash'";
  const algorithm = checksum.slice(0, colon).trim().toLowerCase();
  const hash = checksum.slice(colon + 1).trim().toLowerCase();
  if (hash === '') return 'must have a hash value';
  const length = CHECKSUM_HEX[algorithm];
  if (length === undefined) return 'must use md5, sha1, sha256 or sha512';
  if (hash.length !== length || !/^[0-9a-f]+$/.test(hash)) return `must have ${length} hex digits for ${algorithm}`;
  return undefined;
}
