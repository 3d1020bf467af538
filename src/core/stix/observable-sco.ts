/**
 * How Tocsin's observables become STIX Cyber-observable Objects: the spec's own SCOs where STIX has one
 * (url, domain-name, ipv4-addr, ipv6-addr, email-addr, file), Tocsin's extension types where it has none
 * (phone numbers, bank accounts, wallets). Every SCO gets its deterministic id, so the same observable
 * exported twice, or by two CERTs, is the same STIX object. Documented in docs/stix.md.
 */
import { parseBankAccount } from '../observables/bank-account.js';
import type { ObservableKind } from '../observables/observable.js';
import { scoId } from './sco-id.js';
import {
  TOCSIN_BANK_ACCOUNT,
  TOCSIN_CRYPTO_WALLET,
  TOCSIN_PHONE_NUMBER,
  bankAccountSco,
  tocsinSco,
} from './tocsin-extension.js';

/** An SCO as plain JSON. */
export type Sco = Readonly<Record<string, unknown>> & { readonly type: string; readonly id: string };

/** The STIX `hashes` key of each of Tocsin's file-hash algorithms (hash-algorithm-ov). */
export const STIX_HASH_NAMES = { md5: 'MD5', sha1: 'SHA-1', sha256: 'SHA-256', sha512: 'SHA-512' } as const;

/** The SCO type an observable kind maps to (for `ip`, the IPv4 one; `scoOfObservable` tells them apart). */
export const SCO_TYPE_OF_KIND: Readonly<Record<ObservableKind, string>> = {
  url: 'url',
  domain: 'domain-name',
  ip: 'ipv4-addr',
  email: 'email-addr',
  'file-hash': 'file',
  phone: TOCSIN_PHONE_NUMBER,
  'bank-account': TOCSIN_BANK_ACCOUNT,
  wallet: TOCSIN_CRYPTO_WALLET,
};

/**
 * The SCO of an observable of `kind` whose canonical value (as `parseObservable` gives it) is
 * `canonical`: `http://evil.example/login`, `10.0.0.0/8`, `sha256:e3b0…`, `+84912345678`,
 * `970436:0123456789`, `eth:0x…`. Undefined for a file hash that is not `algorithm:hex`.
 */
export function scoOfObservable(kind: ObservableKind, canonical: string): Sco | undefined {
  switch (kind) {
    case 'url':
    case 'domain':
    case 'email':
      return standard(SCO_TYPE_OF_KIND[kind], { value: canonical });
    case 'ip':
      return standard(canonical.includes(':') ? 'ipv6-addr' : 'ipv4-addr', { value: canonical });
    case 'file-hash':
      return fileOfHash(canonical);
    case 'phone':
      return tocsinSco(TOCSIN_PHONE_NUMBER, canonical);
    case 'bank-account': {
      // Re-parsing the canonical value recovers the BIN, number and bank name it stands for.
      const parsed = parseBankAccount(canonical);
      return parsed.ok ? bankAccountSco(parsed.value) : tocsinSco(TOCSIN_BANK_ACCOUNT, canonical);
    }
    case 'wallet':
      return tocsinSco(TOCSIN_CRYPTO_WALLET, canonical);
  }
}

function fileOfHash(canonical: string): Sco | undefined {
  const colon = canonical.indexOf(':');
  const algorithm = canonical.slice(0, colon) as keyof typeof STIX_HASH_NAMES;
  const name = STIX_HASH_NAMES[algorithm] as string | undefined;
  if (colon < 0 || name === undefined) return undefined;
  return standard('file', { hashes: { [name]: canonical.slice(colon + 1) } });
}

function standard(type: string, props: Record<string, unknown>): Sco {
  // Every mapped type has `value` or `hashes` among its ID contributing properties, so the id exists.
  return { type, spec_version: '2.1', id: scoId(type, props)!, ...props };
}
