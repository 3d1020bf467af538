/**
 * The STIX pattern that matches one Tocsin observable: the same object type and property as `scoOfObservable`
 * (docs/stix.md), compared with `=`. `simpleObservables` reads each of these back as the kind and value it was
 * made from, so an exported indicator is enforced again when it comes back.
 */
import type { ObservableKind } from '../../observables/observable.js';
import { formatLiteral } from '../pattern/format.js';
import { STIX_HASH_NAMES } from '../observable-sco.js';
import { TOCSIN_BANK_ACCOUNT, TOCSIN_CRYPTO_WALLET, TOCSIN_PHONE_NUMBER } from '../tocsin-extension.js';

/** A string constant in pattern syntax: quoted, with `\` and `'` escaped (`'it\'s'`). */
export function patternString(value: string): string {
  return formatLiteral({ kind: 'string', value });
}

/** `[type:path = 'value']`. */
function equals(objectType: string, path: string, value: string): string {
  return `[${objectType}:${path} = ${patternString(value)}]`;
}

/** A hash name as a path step: bare when it is a plain identifier (`MD5`), quoted otherwise (`'SHA-256'`). */
export function hashStep(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : patternString(name);
}

/**
 * The pattern for an observable of `kind` with canonical value `canonical` (as `parseObservable` gives it):
 * `[url:value = 'http://evil.example/']`, `[file:hashes.'SHA-256' = 'e3b0…']`,
 * `[x-tocsin-phone-number:value = '+84912345678']`. Undefined for a file hash not written `algorithm:hex`.
 */
export function observablePattern(kind: ObservableKind, canonical: string): string | undefined {
  switch (kind) {
    case 'url':
      return equals('url', 'value', canonical);
    case 'domain':
      return equals('domain-name', 'value', canonical);
    case 'ip':
      // CIDR ranges too: `=` on an address value holding a range, as the OASIS examples and misp-stix write it.
      return equals(canonical.includes(':') ? 'ipv6-addr' : 'ipv4-addr', 'value', canonical);
    case 'email':
      return equals('email-addr', 'value', canonical);
    case 'file-hash': {
      const colon = canonical.indexOf(':');
      const algorithm = canonical.slice(0, colon);
      const name = Object.hasOwn(STIX_HASH_NAMES, algorithm)
        ? STIX_HASH_NAMES[algorithm as keyof typeof STIX_HASH_NAMES]
        : undefined;
      if (colon < 0 || name === undefined) return undefined;
      return equals('file', `hashes.${hashStep(name)}`, canonical.slice(colon + 1));
    }
    case 'phone':
      return equals(TOCSIN_PHONE_NUMBER, 'value', canonical);
    case 'bank-account':
      return equals(TOCSIN_BANK_ACCOUNT, 'value', canonical);
    case 'wallet':
      return equals(TOCSIN_CRYPTO_WALLET, 'value', canonical);
  }
}
