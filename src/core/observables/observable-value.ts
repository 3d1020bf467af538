/**
 * One entry point over every observable kind: parse a value into its canonical form and the keys the index
 * stores it under (`indicatorKeys`), and list the keys to look up when the value is checked (`lookupKeys`).
 *
 * Keys carry a one-letter kind prefix so that kinds never collide in the shared index:
 * `u:` URL expression, `d:` domain, `i:` IP address, `p:` phone (E.164), `b:` bank account or card,
 * `e:` e-mail, `w:` wallet, `h:` file hash. IP ranges are not keys; they live in a CIDR table.
 */
import { parseBankAccount } from './bank-account.js';
import { refang } from './defang.js';
import { domainLookupKeys, parseDomain } from './domain.js';
import { parseEmail } from './email.js';
import { parseFileHash } from './file-hash.js';
import { parseIp, type IpValue } from './ip.js';
import { fail, ok, type ObservableKind, type ParseResult } from './observable.js';
import { parsePhone } from './phone.js';
import { canonicalizeUrl, type CanonicalUrl } from './url.js';
import { urlExpression, urlLookupExpressions } from './url-expressions.js';
import { parseWallet } from './wallet.js';

/** How a checked value met an indicator. */
export type MatchHow = 'exact' | 'subdomain' | 'url-prefix' | 'cidr';

export interface LookupKey {
  readonly key: string;
  readonly how: MatchHow;
}

export type ObservableDetails = Readonly<Record<string, string | number | boolean>>;

export interface ObservableValue {
  readonly kind: ObservableKind;
  /** The canonical value, as shown and stored: `http://evil.example/login`, `+84912345678`, `970436:0123456789`. */
  readonly canonical: string;
  /** The keys an indicator on this value is indexed under (none for an IP range: see `ip`). */
  readonly indicatorKeys: readonly string[];
  /** For `ip`: the address or range, for the CIDR table. */
  readonly ip?: IpValue;
  /** For `url`: the canonical parts, for lookups. */
  readonly url?: CanonicalUrl;
  /** What else the parser learnt: phone type and region, bank, wallet chain, hash algorithm. */
  readonly details: ObservableDetails;
}

export const OBSERVABLE_KINDS: readonly ObservableKind[] = [
  'url',
  'domain',
  'ip',
  'phone',
  'bank-account',
  'email',
  'wallet',
  'file-hash',
];

export function isObservableKind(s: string): s is ObservableKind {
  return (OBSERVABLE_KINDS as readonly string[]).includes(s);
}

/** Parses `input` as an observable of `kind`. */
export function parseObservable(kind: ObservableKind, input: string): ParseResult<ObservableValue> {
  switch (kind) {
    case 'url': {
      // An indicator may name a URL without a scheme (`evil.example/login/`); both read the same.
      const u = canonicalizeUrl(input);
      if (!u.ok) return u;
      return ok({
        kind,
        canonical: u.value.url,
        indicatorKeys: [`u:${urlExpression(u.value)}`],
        url: u.value,
        details: { host: u.value.host },
      });
    }
    case 'domain': {
      // A domain written as a link (`hxxps://evil[.]example/`) means the link's host.
      const asUrl = SCHEME.test(input.trim()) ? canonicalizeUrl(input) : undefined;
      if (asUrl !== undefined && !asUrl.ok) return asUrl;
      const d = parseDomain(asUrl === undefined ? input : asUrl.value.host);
      if (!d.ok) return d;
      return ok({
        kind,
        canonical: d.value.domain,
        indicatorKeys: [`d:${d.value.domain}`],
        details: { registrable: d.value.registrable ?? '' },
      });
    }
    case 'ip': {
      const ip = parseIp(input);
      if (!ip.ok) return ip;
      return ok({
        kind,
        canonical: ip.value.canonical,
        indicatorKeys: ip.value.isRange ? [] : [`i:${ip.value.canonical}`],
        ip: ip.value,
        details: { version: ip.value.version, range: ip.value.isRange },
      });
    }
    case 'phone': {
      const p = parsePhone(input);
      if (!p.ok) return p;
      return ok({
        kind,
        canonical: p.value.e164,
        indicatorKeys: [`p:${p.value.e164}`],
        details: { type: p.value.type, region: p.value.region ?? '' },
      });
    }
    case 'bank-account': {
      const b = parseBankAccount(input);
      if (!b.ok) return b;
      return ok({
        kind,
        canonical: b.value.canonical,
        indicatorKeys: [`b:${b.value.canonical}`],
        details: { bank: b.value.bank, bin: b.value.bin, card: b.value.isCard },
      });
    }
    case 'email': {
      const e = parseEmail(input);
      if (!e.ok) return e;
      return ok({
        kind,
        canonical: e.value.canonical,
        indicatorKeys: [`e:${e.value.matchKey}`],
        details: { domain: e.value.domain },
      });
    }
    case 'wallet': {
      const w = parseWallet(input);
      if (!w.ok) return w;
      return ok({
        kind,
        canonical: w.value.canonical,
        indicatorKeys: [`w:${w.value.canonical}`],
        details: { chain: w.value.chain },
      });
    }
    case 'file-hash': {
      const h = parseFileHash(input);
      if (!h.ok) return h;
      return ok({
        kind,
        canonical: h.value.canonical,
        indicatorKeys: [`h:${h.value.canonical}`],
        details: { algorithm: h.value.algorithm },
      });
    }
  }
}

/** The keys to look up when `v` is checked, each with how a hit on it matches. */
export function lookupKeys(v: ObservableValue): LookupKey[] {
  switch (v.kind) {
    case 'url': {
      const u = v.url;
      if (u === undefined) return [];
      const out: LookupKey[] = [];
      // The first expressions are the URL itself (with, then without, its query); the rest are prefixes.
      const full = urlExpression(u);
      const bare = u.host + u.path;
      for (const e of urlLookupExpressions(u))
        out.push({ key: `u:${e}`, how: e === full || e === bare ? 'exact' : 'url-prefix' });
      if (u.hostIsIp) out.push({ key: `i:${u.host}`, how: 'exact' });
      else domainKeys(u.host, out);
      return out;
    }
    case 'domain': {
      const out: LookupKey[] = [];
      domainKeys(v.canonical, out);
      // A URL indicator on a host's root (`evil.example/`) covers the whole host.
      for (const k of domainLookupKeys(v.canonical)) out.push({ key: `u:${k}/`, how: 'url-prefix' });
      return out;
    }
    case 'email': {
      const out: LookupKey[] = v.indicatorKeys.map((key) => ({ key, how: 'exact' as const }));
      const domain = v.details['domain'];
      if (typeof domain === 'string')
        for (const k of domainLookupKeys(domain)) out.push({ key: `d:${k}`, how: 'subdomain' });
      return out;
    }
    case 'ip':
    case 'phone':
    case 'bank-account':
    case 'wallet':
    case 'file-hash':
      return v.indicatorKeys.map((key) => ({ key, how: 'exact' as const }));
  }
}

function domainKeys(host: string, out: LookupKey[]): void {
  const keys = domainLookupKeys(host);
  for (let i = 0; i < keys.length; i++)
    out.push({ key: `d:${keys[i]!}`, how: i === 0 && keys[i] === host ? 'exact' : 'subdomain' });
}

const SCHEME = /^(?:[a-zA-Z][a-zA-Z0-9+.-]*|hxxps?|hXXps?):\/\//;
const WWW = /^www\./i;
const IPV4 = /^\d{1,10}(?:\.\d{1,3}){0,3}(?:\/\d{1,2})?$/;
const IPV4_DOTTED = /^\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?$/;
const IPV6 = /^\[?[0-9a-fA-F:.]+\]?(?:\/\d{1,3})?$/;
const HASH = /^(?:(?:md5|sha-?1|sha-?256|sha-?512):)?[0-9a-fA-F]{32,128}$/i;
const ETH = /^0x[0-9a-fA-F]{40}$/;
const BASE58_ADDRESS = /^(?:[13][1-9A-HJ-NP-Za-km-z]{24,33}|T[1-9A-HJ-NP-Za-km-z]{33})$/;
const BECH32 = /^bc1[02-9ac-hj-np-z]{6,87}$/i;
const BANK = /^[\p{L}\d .-]{2,60}:\s*[\d .-]{4,30}$/u;
const NAPAS_CARD = /^9704[\d .-]{12,}$/;
const PHONE_CHARS = /^[+(]?[\d\s.()+-]{2,30}$/;

/**
 * The kinds a bare value may be, from its shape alone, most likely first: a scheme means a URL, `@` an
 * e-mail, dotted digits an IPv4 address, colons and hex an IPv6 one, hex of a hash's length a hash, then
 * wallets, bank accounts (`BANK:NUMBER`, NAPAS cards), phone numbers, and last domains (with a path, a URL).
 * Each test is one anchored, linear pattern; the parser of each candidate then decides.
 */
function candidateKinds(s: string): readonly ObservableKind[] {
  if (SCHEME.test(s) || WWW.test(s)) return ['url'];
  if (s.includes('@')) return s.includes('/') ? ['url'] : ['email'];
  if (IPV4_DOTTED.test(s)) return ['ip'];
  if (s.includes(':') && s.indexOf(':') !== s.lastIndexOf(':') && IPV6.test(s)) return ['ip'];
  if (HASH.test(s)) return ['file-hash'];
  if (ETH.test(s) || BECH32.test(s) || BASE58_ADDRESS.test(s)) return ['wallet'];
  if (BANK.test(s)) return ['bank-account'];
  if (NAPAS_CARD.test(s)) return ['bank-account', 'phone'];
  if (PHONE_CHARS.test(s)) return IPV4.test(s) && s.includes('.') ? ['ip', 'phone'] : ['phone'];
  if (s.includes('/')) return ['url'];
  if (s.includes('.')) return ['domain'];
  return [];
}

/** Parses a value whose kind is not given: the first candidate kind whose parser takes it. */
export function parseAnyObservable(input: string): ParseResult<ObservableValue> {
  // Refanged first, so that `1.2.3[.]4` looks like the address it is.
  const s = refang(input.trim());
  const kinds = s === '' ? [] : candidateKinds(s);
  let first: ParseResult<ObservableValue> | undefined;
  for (const k of kinds) {
    const r = parseObservable(k, s);
    if (r.ok) return r;
    first ??= r;
  }
  return (
    first ??
    fail(
      'cannot tell what kind of value this is; give its kind (url, domain, ip, phone, bank-account, email, wallet, file-hash)',
    )
  );
}

/** The kind of a bare value, when one of its candidate kinds parses it. */
export function detectKind(raw: string): ObservableKind | undefined {
  const r = parseAnyObservable(raw);
  return r.ok ? r.value.kind : undefined;
}
