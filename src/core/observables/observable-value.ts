/**
 * One entry point over every observable kind: parse a value into its canonical form and the keys the index
 * stores it under (`indicatorKeys`), and list the keys to look up when the value is checked (`lookupKeys`).
 *
 * Keys carry a one-letter kind prefix so that kinds never collide in the shared index:
 * `u:` URL expression, `d:` domain, `i:` IP address, `p:` phone (E.164), `b:` bank account or card,
 * `e:` e-mail, `w:` wallet, `h:` file hash. IP ranges are not keys; they live in a CIDR table.
 */
import { asciiBytes } from './ascii-bytes.js';
import { parseBankAccount } from './bank-account.js';
import { refang } from './defang.js';
import { domainLookupKeyCount, domainLookupKeys, parseDomain } from './domain.js';
import { parseEmail } from './email.js';
import { parseFileHash } from './file-hash.js';
import { parseIp, type IpValue } from './ip.js';
import { fail, ok, type ObservableKind, type ParseResult } from './observable.js';
import { parsePhone } from './phone.js';
import { canonicalizeUrl, type CanonicalUrl } from './url.js';
import { urlExpression } from './url-expressions.js';
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

// The letters of the key prefixes, as char codes. A value of a simple kind (IP address, phone, bank account,
// wallet, file hash) has one key, its letter, ':' and its canonical value (parseObservable spells them out;
// observable-value.test.ts checks that lookupKeys agrees).
const KEY_URL = 0x75; // u
const KEY_DOMAIN = 0x64; // d
const KEY_IP = 0x69; // i
const KEY_PHONE = 0x70; // p
const KEY_BANK = 0x62; // b
const KEY_WALLET = 0x77; // w
const KEY_HASH = 0x68; // h

// `<letter>:` for each key letter, built once.
const KEY_HEADS: string[] = [];
for (const letter of [KEY_URL, KEY_DOMAIN, KEY_IP, KEY_PHONE, KEY_BANK, KEY_WALLET, KEY_HASH])
  KEY_HEADS[letter] = String.fromCharCode(letter) + ':';

const HOW_EXACT = 0;
const HOW_SUBDOMAIN = 1;
const HOW_URL_PREFIX = 2;
const HOWS: readonly MatchHow[] = ['exact', 'subdomain', 'url-prefix'];

/**
 * A value's lookup keys as slices of one string: key k is `<letter[k]>:` + `source.slice(start[k], end[k])`. A
 * URL's keys are all slices of its canonical form (`u:` + a host suffix and a path prefix, `d:` + a parent
 * domain), a phone's key is `p:` + its E.164 form, so the index can hash every key where it lies
 * (`fingerprintKey`) and no key string is built unless it is hit. One instance is reused from call to call.
 */
export class LookupSlices {
  source = '';
  count = 0;
  /**
   * Where a URL's domain slices begin when `lookupSlices` was asked for candidates (`count` otherwise): from
   * here on, the slices are `d:` + each suffix of the host of two labels or more, longest first, of which only
   * the first `domainKeyCount(host)` are keys.
   */
  domainFrom = 0;
  letter = new Uint16Array(32);
  start = new Int32Array(32);
  end = new Int32Array(32);
  howCode = new Uint8Array(32);

  /** Key k as a string. */
  key(k: number): string {
    const letter = this.letter[k]!;
    return (
      (KEY_HEADS[letter] ?? String.fromCharCode(letter) + ':') + this.source.slice(this.start[k], this.end[k])
    );
  }

  /** How a hit on key k matches. */
  how(k: number): MatchHow {
    return HOWS[this.howCode[k]!]!;
  }

  push(letter: number, start: number, end: number, how: number): void {
    this.reserve(1);
    const k = this.count++;
    this.letter[k] = letter;
    this.start[k] = start;
    this.end[k] = end;
    this.howCode[k] = how;
  }

  /** Makes room for `more` keys after the `count` held. */
  reserve(more: number): void {
    if (this.count + more > this.letter.length) this.grow(this.count + more);
  }

  private grow(least: number): void {
    let n = this.letter.length * 2;
    while (n < least) n *= 2;
    const letter = new Uint16Array(n);
    const start = new Int32Array(n);
    const end = new Int32Array(n);
    const howCode = new Uint8Array(n);
    letter.set(this.letter);
    start.set(this.start);
    end.set(this.end);
    howCode.set(this.howCode);
    this.letter = letter;
    this.start = start;
    this.end = end;
    this.howCode = howCode;
  }
}

/**
 * Fills `out` with the lookup keys of `v` as slices, the same keys in the same order as `lookupKeys`, and
 * returns true; returns false, leaving `out` empty, for the kinds whose keys are not slices of one string
 * (domain, e-mail): ask `lookupKeys` for those.
 *
 * With `domainCandidates`, a URL on a name gets, in place of its parent domains, every suffix of its host of
 * two labels or more (`out.domainFrom` says where they begin): a superset of its domain keys that needs no
 * Public Suffix List walk. The matcher walks the list (`domainKeyCount`) only when one of them is in the index.
 */
export function lookupSlices(v: ObservableValue, out: LookupSlices, domainCandidates = false): boolean {
  out.count = 0;
  out.domainFrom = 0;
  switch (v.kind) {
    case 'url':
      out.source = '';
      if (v.url !== undefined) urlSlices(v.url, out, domainCandidates);
      out.domainFrom = domainCandidates && v.url?.hostIsIp === false ? out.domainFrom : out.count;
      return true;
    case 'ip':
      return simpleSlice(v, KEY_IP, out);
    case 'phone':
      return simpleSlice(v, KEY_PHONE, out);
    case 'bank-account':
      return simpleSlice(v, KEY_BANK, out);
    case 'wallet':
      return simpleSlice(v, KEY_WALLET, out);
    case 'file-hash':
      return simpleSlice(v, KEY_HASH, out);
    case 'domain':
    case 'email':
      out.source = '';
      return false;
  }
}

// A simple kind has one key, its letter and canonical value (none for an IP range).
function simpleSlice(v: ObservableValue, letter: number, out: LookupSlices): true {
  out.source = v.canonical;
  if (v.indicatorKeys.length > 0) out.push(letter, 0, v.canonical.length, HOW_EXACT);
  out.domainFrom = out.count;
  return true;
}

const MAX_HOST_SUFFIXES = 5; // Safe Browsing walks the last five labels of a host
const MAX_PATH_PREFIXES = 4; // "/", "/a/", "/a/b/", "/a/b/c/"

// A URL's keys over its canonical form `scheme://host/path?query`: Safe Browsing's host-suffix / path-prefix
// expressions (`urlLookupExpressions`, in its order), then the host as an IP or the host and its parent domains.
function urlSlices(u: CanonicalUrl, out: LookupSlices, domainCandidates: boolean): void {
  const hostStart = u.scheme.length + 3;
  const pathStart = hostStart + u.host.length;
  const pathEnd = pathStart + u.path.length;
  const withQuery = u.query !== undefined && u.query !== '';
  let source = u.url;
  if (source.length !== pathEnd + (u.query === undefined ? 0 : u.query.length + 1))
    source = `${u.scheme}://${u.host}${u.path}${u.query === undefined ? '' : '?' + u.query}`;
  out.source = source;

  // The source's code units as bytes when it is ASCII (a canonical URL always is): scanned faster than the
  // string, and usually already written by the URL fast path.
  const bytes = asciiBytes(source);

  // The path ends, as lookupPaths in url-expressions.ts: with the query, without, then directory prefixes.
  const ends = pathEnds;
  let count = 0;
  if (withQuery) ends[count++] = source.length;
  ends[count++] = pathEnd;
  const pathLength = pathEnd - pathStart;
  let slash = 0; // the '/' closing the current prefix, in the path
  for (let p = 0; p < MAX_PATH_PREFIXES && slash >= 0; p++) {
    if (slash + 1 !== pathLength) ends[count++] = pathStart + slash + 1;
    if (bytes === undefined) slash = u.path.indexOf('/', slash + 1);
    else {
      let i = pathStart + slash + 1;
      while (i < pathEnd && bytes[i] !== 0x2f) i++;
      slash = i < pathEnd ? i - pathStart : -1;
    }
  }

  // The dots of the host, as offsets in it.
  const host = u.host;
  if (hostDots.length < pathStart - hostStart) hostDots = new Int32Array(2 * (pathStart - hostStart));
  const dots = hostDots;
  let labels = 1;
  if (bytes === undefined) {
    for (let dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) dots[labels++ - 1] = dot;
  } else {
    for (let i = hostStart; i < pathStart; i++) if (bytes[i] === 0x2e) dots[labels++ - 1] = i - hostStart;
  }
  out.reserve(count * MAX_HOST_SUFFIXES + labels + 1);
  const letter = out.letter;
  const start = out.start;
  const end = out.end;
  const howCode = out.howCode;
  let k = out.count;

  // The host itself, then the suffixes of its last five labels, longest first, down to two labels.
  for (let e = 0; e < count; e++, k++) {
    const at = ends[e]!;
    letter[k] = KEY_URL;
    start[k] = hostStart;
    end[k] = at;
    howCode[k] = at === pathEnd || (withQuery && e === 0) ? HOW_EXACT : HOW_URL_PREFIX;
  }
  if (u.hostIsIp) {
    letter[k] = KEY_IP;
    start[k] = hostStart;
    end[k] = pathStart;
    howCode[k] = HOW_EXACT;
    out.count = k + 1;
    return;
  }
  let drop = labels - MAX_HOST_SUFFIXES;
  if (drop < 1) drop = 1;
  // The suffix after the d-th dot starts at dots[d - 1] + 1.
  for (let kept = labels - drop, d = drop; kept >= 2; kept--, d++) {
    const cut = dots[d - 1]! + 1;
    for (let e = 0; e < count; e++, k++) {
      letter[k] = KEY_URL;
      start[k] = hostStart + cut;
      end[k] = ends[e]!;
      howCode[k] = HOW_URL_PREFIX;
    }
  }

  // The host and its parents down to the registrable domain, as domainLookupKeys gives them; or, for
  // candidates, every suffix of two labels or more (the registrable domain has two or more).
  out.domainFrom = k;
  const parents = domainCandidates ? labels - 1 : domainKeyCount(host);
  for (let p = 0; p < parents; p++, k++) {
    letter[k] = KEY_DOMAIN;
    start[k] = hostStart + (p === 0 ? 0 : dots[p - 1]! + 1);
    end[k] = pathStart;
    howCode[k] = p === 0 ? HOW_EXACT : HOW_SUBDOMAIN;
  }
  out.count = k;
}

let hostDots = new Int32Array(64);

// How many keys domainLookupKeys gives a host: the Public Suffix List walk is the dear part of a URL's keys, and
// checks repeat hosts (the big sites, a campaign's domains), so recent answers are kept in a small direct-mapped
// memo, its slot chosen from the host's length and a few of its characters. A clash only costs a walk.
const MEMO_SLOTS = 4096;
const memoHosts: string[] = new Array<string>(MEMO_SLOTS).fill('');
const memoCounts = new Int32Array(MEMO_SLOTS);

/** How many keys `domainLookupKeys` gives a host (the host and its parents), memoized. */
export function domainKeyCount(host: string): number {
  const n = host.length;
  let h = Math.imul(n, 0x9e3779b1);
  h ^= Math.imul(host.charCodeAt(0) | (host.charCodeAt(n - 1) << 16), 0x85ebca6b);
  h ^= Math.imul(host.charCodeAt(n >> 1) | (host.charCodeAt((n * 3) >> 2) << 16), 0xc2b2ae35);
  h ^= Math.imul(host.charCodeAt(n >> 2) | (host.charCodeAt(n > 6 ? n - 6 : 0) << 16), 0x27d4eb2f);
  const slot = (h ^ (h >>> 15)) & (MEMO_SLOTS - 1);
  if (memoHosts[slot] === host) return memoCounts[slot]!;
  const count = domainLookupKeyCount(host);
  memoHosts[slot] = host;
  memoCounts[slot] = count;
  return count;
}

const pathEnds = new Int32Array(2 + MAX_PATH_PREFIXES);
const scratchSlices = new LookupSlices();

/** The keys to look up when `v` is checked, each with how a hit on it matches. */
export function lookupKeys(v: ObservableValue): LookupKey[] {
  switch (v.kind) {
    case 'url':
    case 'ip':
    case 'phone':
    case 'bank-account':
    case 'wallet':
    case 'file-hash': {
      const slices = scratchSlices;
      lookupSlices(v, slices);
      const out: LookupKey[] = [];
      for (let k = 0; k < slices.count; k++) out.push({ key: slices.key(k), how: slices.how(k) });
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
export function candidateKinds(s: string): readonly ObservableKind[] {
  // Phone numbers are most of what is checked. Of the tests before the phone one, only two can take a string
  // of phone characters this short (no letter, no `@` or `:`, too short for a hash or a base58 wallet): go
  // straight to them. observable-value.test.ts holds this equal to the whole sequence.
  if (s.length <= PHONE_FAST_MAX && PHONE_CHARS.test(s)) {
    if (s.includes('.') && IPV4_DOTTED.test(s)) return K_IP;
    if (NAPAS_CARD.test(s)) return K_CARD_OR_PHONE;
    return s.includes('.') && IPV4.test(s) ? K_IP_OR_PHONE : K_PHONE;
  }
  if (SCHEME.test(s) || WWW.test(s)) return K_URL;
  if (s.includes('@')) return s.includes('/') ? K_URL : K_EMAIL;
  if (IPV4_DOTTED.test(s)) return K_IP;
  if (s.includes(':') && s.indexOf(':') !== s.lastIndexOf(':') && IPV6.test(s)) return K_IP;
  if (HASH.test(s)) return K_HASH;
  if (ETH.test(s) || BECH32.test(s) || BASE58_ADDRESS.test(s)) return K_WALLET;
  if (BANK.test(s)) return K_BANK;
  if (NAPAS_CARD.test(s)) return K_CARD_OR_PHONE;
  if (PHONE_CHARS.test(s)) return s.includes('.') && IPV4.test(s) ? K_IP_OR_PHONE : K_PHONE;
  if (s.includes('/')) return K_URL;
  if (s.includes('.')) return K_DOMAIN;
  return K_NONE;
}

/** Below the 25 characters of the shortest base58 wallet address (which may be all digits). */
const PHONE_FAST_MAX = 24;
// The answers, made once (a literal would be a new array per call).
const K_URL: readonly ObservableKind[] = Object.freeze(['url']);
const K_EMAIL: readonly ObservableKind[] = Object.freeze(['email']);
const K_IP: readonly ObservableKind[] = Object.freeze(['ip']);
const K_HASH: readonly ObservableKind[] = Object.freeze(['file-hash']);
const K_WALLET: readonly ObservableKind[] = Object.freeze(['wallet']);
const K_BANK: readonly ObservableKind[] = Object.freeze(['bank-account']);
const K_CARD_OR_PHONE: readonly ObservableKind[] = Object.freeze(['bank-account', 'phone']);
const K_IP_OR_PHONE: readonly ObservableKind[] = Object.freeze(['ip', 'phone']);
const K_PHONE: readonly ObservableKind[] = Object.freeze(['phone']);
const K_DOMAIN: readonly ObservableKind[] = Object.freeze(['domain']);
const K_NONE: readonly ObservableKind[] = Object.freeze([]);

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
