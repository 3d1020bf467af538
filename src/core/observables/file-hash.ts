/**
 * File hashes (of malware, fake banking apps, phishing kits) as hex digests: MD5, SHA-1, SHA-256, SHA-512. The
 * algorithm follows from the length; an `md5:` / `sha1:` / `sha256:` / `sha512:` prefix (any case, `sha-256:`
 * too) is accepted and must agree with it.
 */
import type { ParseResult } from './observable.js';
import { fail, ok } from './observable.js';

export type HashAlgorithm = 'md5' | 'sha1' | 'sha256' | 'sha512';

export interface FileHash {
  readonly algorithm: HashAlgorithm;
  /** Lowercase hex. */
  readonly hex: string;
  /** `algorithm:hex`, e.g. `sha256:e3b0c442…`. */
  readonly canonical: string;
}

const HEX_LENGTH: Readonly<Record<HashAlgorithm, number>> = { md5: 32, sha1: 40, sha256: 64, sha512: 128 };

function algorithmOfLength(n: number): HashAlgorithm | undefined {
  switch (n) {
    case 32:
      return 'md5';
    case 40:
      return 'sha1';
    case 64:
      return 'sha256';
    case 128:
      return 'sha512';
    default:
      return undefined;
  }
}

function algorithmOfPrefix(name: string): HashAlgorithm | undefined {
  switch (name.toLowerCase().replace('-', '')) {
    case 'md5':
      return 'md5';
    case 'sha1':
      return 'sha1';
    case 'sha256':
      return 'sha256';
    case 'sha512':
      return 'sha512';
    default:
      return undefined;
  }
}

/** Parses a hex file hash, optionally prefixed with its algorithm (`sha256:…`). */
export function parseFileHash(input: string): ParseResult<FileHash> {
  if (input.length > 256) return fail('too long to be a file hash (SHA-512 is 128 hex digits)');
  const s = input.trim();
  const colon = s.indexOf(':');
  let named: HashAlgorithm | undefined;
  let hex = s;
  if (colon >= 0) {
    named = algorithmOfPrefix(s.slice(0, colon));
    if (named === undefined) {
      return fail(
        `"${s.slice(0, colon)}" is not a supported hash algorithm: use md5, sha1, sha256 or sha512`,
      );
    }
    hex = s.slice(colon + 1).trim();
  }
  if (hex.length === 0) return fail('empty: expected a hex digest such as an MD5, SHA-1, SHA-256 or SHA-512');
  let upper = false;
  for (let i = 0; i < hex.length; i++) {
    const c = hex.charCodeAt(i);
    if (c >= 0x41 && c <= 0x46) upper = true;
    else if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) {
      return fail(`the hash contains "${hex[i]}", which is not a hex digit`);
    }
  }
  const byLength = algorithmOfLength(hex.length);
  if (byLength === undefined) {
    return fail(
      `a hash of ${hex.length} hex digits is none of MD5 (32), SHA-1 (40), SHA-256 (64) or SHA-512 (128)`,
    );
  }
  if (named !== undefined && named !== byLength) {
    return fail(
      `a ${named} hash has ${HEX_LENGTH[named]} hex digits, not ${hex.length} (that is ${byLength})`,
    );
  }
  const lower = upper ? hex.toLowerCase() : hex;
  return ok({ algorithm: byLength, hex: lower, canonical: `${byLength}:${lower}` });
}
