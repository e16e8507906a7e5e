/**
 * A kind of secret that the library's secret scanner finds in synthesized output.
 *
 * Every emitted object is scanned after all patches: plain strings, base64 and gzip content,
 * every cloud-init user-data form (`#cloud-config`, jinja templates, MIME multipart, `#include`,
 * scripts), network data, URLs, metadata, probes and commands. A finding refuses synthesis
 * unless the construct that emits the object opts in to that kind of secret. Opting in to one
 * kind never allows another.
 *
 * What is not a secret: SSH public keys, `-----BEGIN PUBLIC KEY-----` blocks, well-formed
 * crypt(3) password hashes (`$6$…`, `$5$…`, `$y$…`, `$2b$…`, `$1$…`), `lock_passwd`, references
 * to variables (`$PASSWORD`, `${TOKEN}`, `{{ ds.meta_data.pw }}`) and `RANDOM` chpasswd entries.
 * A hash is not plaintext, so it is not reported; a value in a hash field that is not shaped
 * like a hash is treated as a plaintext password.
 */
export enum SecretKind {
  /**
   * A private key: a PEM block (`-----BEGIN … PRIVATE KEY-----`, also when folded or split), an
   * OpenSSH key body, or a PuTTY key file (`PuTTY-User-Key-File-`).
   */
  PRIVATE_KEY = 'private-key',
  /**
   * A plaintext password: a `password`, `passwd`, `plain_text_passwd` or `hashed_passwd` field
   * whose value is not a crypt hash, a `chpasswd` list or pipe (`echo root:x | chpasswd`), a
   * Wi-Fi password in network data, or an `Authorization: Basic` header.
   */
  PASSWORD = 'password',
  /**
   * An access token of a well-known shape: AWS access key ids and secret keys, GitHub, GitLab and
   * Slack tokens, JWTs, `Authorization: Bearer` headers, and `token`/`api_key` fields.
   */
  TOKEN = 'token',
  /** Credentials in a URL (`https://user:password@host/…`). */
  URL_CREDENTIALS = 'url-credentials',
}
