/**
 * Container image references, by the grammar of github.com/distribution/reference (`regexp.go`:
 * `referencePat`, `domainAndPort`, `remoteName`, `tag`, `digestPat`; `normalize.go`: `ParseNormalizedNamed`,
 * `splitDockerDomain`; `reference.go`: `Parse`, `NameTotalLengthMax`), which containerd, CRI-O and CDI's
 * importer (through containers/image) use to read an image name.
 *
 * Why by hand: the npm ports of this grammar (@swimlane/docker-reference, last published 2024;
 * @codefresh-io/docker-reference 0.1.0) are unmaintained copies of an older version of these regular
 * expressions, and the grammar itself is a handful of regular expressions that change rarely.
 */

const ALPHANUMERIC = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const DOMAIN_NAME_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN_NAME = `${DOMAIN_NAME_COMPONENT}(?:\\.${DOMAIN_NAME_COMPONENT})*`;
const IPV6 = '\\[(?:[a-fA-F0-9:]+)\\]';
const DOMAIN_AND_PORT = `(?:${DOMAIN_NAME}|${IPV6})(?::[0-9]+)?`;
const PATH_COMPONENT = `${ALPHANUMERIC}(?:${SEPARATOR}${ALPHANUMERIC})*`;
const REMOTE_NAME = `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const NAME = `(?:${DOMAIN_AND_PORT}/)?${REMOTE_NAME}`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const IDENTIFIER = /^[a-f0-9]{64}$/;
/** go-digest: the algorithms a digest may use, and the length of their lowercase hex. */
const DIGEST_HEX: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };
/** distribution/reference NameTotalLengthMax. */
const NAME_TOTAL_LENGTH_MAX = 255;

/** What an image reference may be, for error messages. */
export const IMAGE_REFERENCE_ALLOWED = '[registry[:port]/]repository[:tag][@digest], the repository in lowercase, e.g. quay.io/containerdisks/fedora:41';

/**
 * Why `ParseNormalizedNamed` (distribution/reference) rejects `ref`, or undefined when it accepts it.
 */
export function imageReferenceProblem(ref: string): string | undefined {
  if (ref === '') return 'is empty';
  if (IDENTIFIER.test(ref)) return 'must not be a 64-character hexadecimal image id';
  // splitDockerDomain: the first component is a registry when it is localhost, or has '.', ':' or capitals.
  const slash = ref.indexOf('/');
  if (slash >= 0) {
    const first = ref.slice(0, slash);
    const isDomain = first === 'localhost' || /[.:]/.test(first) || first.toLowerCase() !== first;
    const remote = isDomain ? ref.slice(slash + 1) : ref;
    const remoteName = remote.split(/[:@]/)[0];
    if (remoteName.toLowerCase() !== remoteName) return 'must have a lowercase repository name';
  }
  const m = REFERENCE.exec(ref);
  if (!m) {
    if (REFERENCE.test(ref.toLowerCase())) return 'must have a lowercase repository name';
    return 'is not a valid image reference';
  }
  if (m[1].length > NAME_TOTAL_LENGTH_MAX) return `must have a name of at most ${NAME_TOTAL_LENGTH_MAX} characters`;
  const digest = m[3];
  if (digest !== undefined) {
    const [algorithm, hex] = [digest.slice(0, digest.indexOf(':')), digest.slice(digest.indexOf(':') + 1)];
    const length = DIGEST_HEX[algorithm];
    if (length === undefined) return 'must use a sha256, sha384 or sha512 digest';
    if (hex.length !== length || !/^[a-f0-9]+$/.test(hex)) return `must have a ${algorithm} digest of ${length} lowercase hex digits`;
  }
  return undefined;
}
