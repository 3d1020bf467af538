/**
 * Deterministic, seeded generation of realistic indicators, and the real block lists when they are present.
 *
 * Uniqueness. Every generator takes an index `i` and gives distinct values for distinct indices, by construction
 * (a bijection of `i` onto the value's number space), so a 10-million-indicator index holds 10 million distinct
 * keys without a 10-million-entry Set to deduplicate them. The seeded `Rng` only varies what does not carry the
 * identity (spelling, top-level domain, path). Indices from `MISS` upwards give values that no index below
 * `MISS` gives: the lookup benchmarks draw their misses there.
 *
 * Limits: indices below MISS (30 million) per kind for hits, below MISS + 14 million for misses.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BANKS } from '../../src/core/observables/banks.js';
import type { ObservableKind } from '../../src/core/observables/observable.js';

/** Indices from here up give values disjoint from those of indices below it. */
export const MISS = 30_000_000;

// ── PRNG ────────────────────────────────────────────────────────────────────────────────────────────────────

/** sfc32 seeded through splitmix32: small, fast, 128 bits of state. */
export class Rng {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const split = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
      z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
      return (z ^ (z >>> 15)) >>> 0;
    };
    this.#a = split();
    this.#b = split();
    this.#c = split();
    this.#d = split();
    for (let k = 0; k < 12; k++) this.next();
  }

  /** A uniform 32-bit unsigned integer. */
  next(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** Picks by weight: `[[value, weight], …]`. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let x = this.float() * total;
    for (const [v, w] of items) {
      x -= w;
      if (x < 0) return v;
    }
    return items[items.length - 1]![0];
  }
}

/** Shuffles in place (Fisher–Yates). */
export function shuffle<T>(items: T[], rng: Rng): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = items[i]!;
    items[i] = items[j]!;
    items[j] = t;
  }
  return items;
}

/**
 * A bijection of [0, m) onto itself that scatters neighbours: i·a + c mod m, with `a` near m/φ and coprime to m.
 */
function permute(i: number, m: number, c = 0): number {
  const a = multiplierFor(m);
  const x = i * a + c;
  if (x <= Number.MAX_SAFE_INTEGER) return x % m;
  return Number((BigInt(i) * BigInt(a) + BigInt(c)) % BigInt(m));
}

const multipliers = new Map<number, number>();

function multiplierFor(m: number): number {
  let a = multipliers.get(m);
  if (a === undefined) {
    a = Math.floor(m * 0.6180339887498949) | 1;
    while (gcd(a, m) !== 1) a += 2;
    multipliers.set(m, a);
  }
  return a;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';
const TOKEN_SPACE = 36 ** 5; // 60 466 176

/** A 5-character base-36 token, distinct for each i < 36^5. */
function token(i: number): string {
  if (i >= TOKEN_SPACE) throw new RangeError(`token index ${i} out of range`);
  let x = permute(i, TOKEN_SPACE, 7_919_113);
  let out = '';
  for (let k = 0; k < 5; k++) {
    out += BASE36[x % 36]!;
    x = Math.floor(x / 36);
  }
  return out;
}

// ── Phones ──────────────────────────────────────────────────────────────────────────────────────────────────

// Vietnamese mobile prefixes after the 2018 renumbering (the national significant number's first digits).
// prettier-ignore
const MOBILE_PREFIXES = [
  '32', '33', '34', '35', '36', '37', '38', '39', '86', '96', '97', '98', // Viettel
  '70', '76', '77', '78', '79', '90', '93', '896', '897', '898', '899',   // MobiFone
  '81', '82', '83', '84', '85', '88', '91', '94',                         // VinaPhone
  '56', '58', '92', '522', '523', '528',                                  // Vietnamobile
  '59', '990', '991', '993', '994', '995', '996', '997', '998', '999',    // Gmobile
  '87', '559',                                                            // iTel, Reddi
];

/** A Vietnamese mobile number's 9-digit national significant number, distinct for each i. */
export function phoneNsn(i: number): string {
  const prefix = MOBILE_PREFIXES[i % MOBILE_PREFIXES.length]!;
  const j = Math.floor(i / MOBILE_PREFIXES.length);
  const width = 9 - prefix.length;
  const space = 10 ** width;
  if (j >= space) throw new RangeError(`phone index ${i} out of range`);
  return prefix + String(permute(j, space, 4_711)).padStart(width, '0');
}

/** The number as a citizen types it: `0912 345 678`. */
export function phoneDisplay(nsn: string): string {
  return `0${nsn.slice(0, 3)} ${nsn.slice(3, 6)} ${nsn.slice(6)}`;
}

/** The number as reports spell it: `0912345678`, `0912.345.678`, `+84 912 345 678`, `84912345678`… */
export function spellPhone(nsn: string, rng: Rng): string {
  const a = nsn.slice(0, 3);
  const b = nsn.slice(3, 6);
  const c = nsn.slice(6);
  switch (rng.int(8)) {
    case 0:
    case 1:
      return `0${nsn}`;
    case 2:
      return `0${a} ${b} ${c}`;
    case 3:
      return `0${a}.${b}.${c}`;
    case 4:
      return `+84${nsn}`;
    case 5:
      return `+84 ${a} ${b} ${c}`;
    case 6:
      return `84${nsn}`;
    default:
      return `(+84) ${a}-${b}-${c}`;
  }
}

// ── Bank accounts ───────────────────────────────────────────────────────────────────────────────────────────

/** The real BINs from src/core/observables/banks.ts. */
export const BANK_BINS: readonly string[] = BANKS.map((b) => b.bin);
const BANK_SHORT = new Map(BANKS.map((b) => [b.bin, b.short] as const));
const BANK_NAME = new Map(BANKS.map((b) => [b.bin, b.name] as const));
const ACCOUNT_LENGTHS = [8, 9, 10, 11, 12, 13, 14] as const;

/** A bank account (BIN and digits), distinct for each i. */
export function bankAccount(i: number): { readonly bin: string; readonly account: string } {
  const bin = BANK_BINS[i % BANK_BINS.length]!;
  const r = Math.floor(i / BANK_BINS.length);
  const length = ACCOUNT_LENGTHS[r % ACCOUNT_LENGTHS.length]!;
  const j = Math.floor(r / ACCOUNT_LENGTHS.length);
  const space = 10 ** length;
  if (j >= space) throw new RangeError(`bank index ${i} out of range`);
  const account = String(permute(j, space, 12_345)).padStart(length, '0');
  return { bin, account };
}

/** The account as reports write it: `970436:0123456789`, `VCB:0123456789`, `Vietcombank: 0123 456 789`. */
export function spellBankAccount(a: { readonly bin: string; readonly account: string }, rng: Rng): string {
  switch (rng.int(6)) {
    case 0:
    case 1:
    case 2:
      return `${a.bin}:${a.account}`;
    case 3:
      return `${BANK_SHORT.get(a.bin) ?? a.bin}:${a.account}`;
    case 4:
      return `${BANK_NAME.get(a.bin) ?? a.bin}: ${a.account.replace(/(\d{4})(?=\d)/g, '$1 ')}`;
    default:
      return `${BANK_SHORT.get(a.bin) ?? a.bin}:${a.account.replace(/(\d{3})(?=\d)/g, '$1.')}`;
  }
}

// ── Domains and URLs ────────────────────────────────────────────────────────────────────────────────────────

// prettier-ignore
const NAME_WORDS = [
  'vietcombank', 'vcb', 'techcombank', 'tcb', 'mbbank', 'bidv', 'agribank', 'vietinbank', 'acb', 'tpbank',
  'sacombank', 'vpbank', 'shopee', 'lazada', 'tiki', 'momo', 'zalopay', 'zalo', 'viettel', 'vnpt', 'mobifone',
  'vinaphone', 'evn', 'vnpost', 'ghtk', 'ghn', 'dichvucong', 'congan', 'baohiem', 'thue', 'tiktok', 'fb',
  'garena', 'freefire', 'lienquan', 'nganhang', 'vaytien', 'taichinh', 'dautu', 'forex', 'coin', 'xoso',
  'nohu', 'banca', 'taixiu', 'game', 'shop', 'quatang', 'vongquay', 'trungthuong', 'tuyendung', 'vieclam',
  'ctv', 'donhang', 'hoantien', 'khuyenmai', 'giftcode', 'sukien', 'kubet', 'hi88', 'v88', 'sodo',
];
// prettier-ignore
const SUFFIX_WORDS = [
  'online', '24h', '247', '365', 'vn', 'vip', 'pro', 'club', 'hotro', 'xacminh', 'xacthuc', 'dangnhap',
  'taikhoan', 'khachhang', 'nhanqua', 'trian', 'uudai', 'capnhat', 'kichhoat', 'baomat', 'support', 'login',
  'secure', 'app', 'mobile', 'service', 'center', 'today', '88', '99', '68', '86', '2024', '2025',
];
const TLDS: readonly (readonly [string, number])[] = [
  ['vn', 12],
  ['com.vn', 8],
  ['com', 25],
  ['xyz', 10],
  ['top', 10],
  ['net', 7],
  ['online', 5],
  ['site', 4],
  ['shop', 4],
  ['info', 3],
  ['cc', 3],
  ['vip', 3],
  ['club', 3],
  ['live', 3],
];
const SUBDOMAINS = ['www', 'm', 'login', 'app', 'secure', 'hotro', 'id', 'my'] as const;
const URL_SPACE = 14_000_000; // URL hosts take tokens above the domains'

/** A scam-looking registrable name, distinct for each i: `vietcombank-xacminh7k2fq.top`. */
export function domainName(i: number, rng: Rng): string {
  const w1 = rng.pick(NAME_WORDS);
  const w2 = rng.pick(SUFFIX_WORDS);
  const t = token(i);
  const tld = rng.weighted(TLDS);
  switch (rng.int(4)) {
    case 0:
      return `${w1}-${w2}-${t}.${tld}`;
    case 1:
      return `${w1}${t}.${tld}`;
    default:
      return `${w1}${w2}${t}.${tld}`;
  }
}

/** A domain indicator: the name, sometimes under a subdomain (`www.`, `login.`…). */
export function domainIndicator(i: number, rng: Rng): string {
  const name = domainName(i, rng);
  return rng.chance(0.2) ? `${rng.pick(SUBDOMAINS)}.${name}` : name;
}

// prettier-ignore
const PATH_WORDS = [
  'dang-nhap', 'login', 'xac-minh', 'xac-thuc', 'tai-khoan', 'nhan-qua', 'khuyen-mai', 'hoan-tien', 'cap-nhat',
  'vay-tien', 'nap-tien', 'rut-tien', 'su-kien', 'tri-an-khach-hang', 'vong-quay', 'app', 'mobile', 'vi', 'user',
  'account', 'verify', 'auth', 'secure', 'ebanking', 'ib', 'portal', 'home', 'checkout', 'don-hang', 'giao-hang',
];
const PAGES = [
  '',
  'index.html',
  'index.php',
  'login.php',
  'verify.php',
  'home',
  'main.html',
  'otp.php',
] as const;
// Legitimate hosting that scams live on: an indicator there must name a path, not the host.
const HOSTED: readonly ((t: string, rng: Rng) => string)[] = [
  (t, rng) => `sites.google.com/view/${rng.pick(NAME_WORDS)}${t}/`,
  (t) => `www.facebook.com/${t}.${t}.page/`,
  (t) => `zalo.me/g/${t}${t}`,
  (t, rng) => `${rng.pick(NAME_WORDS)}-${t}.weebly.com/`,
  (t, rng) => `${rng.pick(NAME_WORDS)}${t}.blogspot.com/`,
  (t, rng) => `${rng.pick(NAME_WORDS)}-${t}.web.app/`,
  (t) => `forms.gle/${t}${t}${t}`,
  (t, rng) => `docs.google.com/forms/d/e/1FAIpQL${t}${rng.next().toString(36)}/viewform`,
];

/** A path under a phishing host: `/vi/xac-minh/`, `/dang-nhap/login.php`, `/app/tai-khoan/index.html`. */
export function phishingPath(rng: Rng): string {
  let path = '/';
  const depth = rng.weighted([
    [0, 2],
    [1, 4],
    [2, 3],
    [3, 1],
  ] as const);
  for (let d = 0; d < depth; d++) path += `${rng.pick(PATH_WORDS)}/`;
  return path + rng.pick(PAGES);
}

/** A URL indicator (as reports give it: scheme or not), distinct for each i. */
export function urlIndicator(i: number, rng: Rng): string {
  // URL hosts take the tokens above the domains': [14M, 28M) for hits, [44M, 58M) for misses.
  const t = token(URL_SPACE + i);
  let rest: string;
  if (rng.chance(0.3)) {
    rest = rng.pick(HOSTED)(t, rng);
  } else {
    const name = domainName(URL_SPACE + i, rng);
    const host = rng.chance(0.3) ? `${rng.pick(SUBDOMAINS)}.${name}` : name;
    let path = phishingPath(rng);
    if (path === '/' && rng.chance(0.5)) path = `/${rng.pick(PATH_WORDS)}/`;
    rest = `${host}${path}${rng.chance(0.1) ? `?id=${t}` : ''}`;
  }
  switch (rng.int(4)) {
    case 0:
      return rest;
    case 1:
      return `http://${rest}`;
    default:
      return `https://${rest}`;
  }
}

// ── IPs ─────────────────────────────────────────────────────────────────────────────────────────────────────

// First octets of public unicast IPv4 space (no 0, 10, 100, 127, 169, 172, 192, 198, multicast or reserved).
const PUBLIC_FIRST_OCTETS: readonly number[] = (() => {
  const out: number[] = [];
  for (let o = 1; o <= 223; o++) if (![10, 100, 127, 169, 172, 192, 198].includes(o)) out.push(o);
  return out;
})();

function dotted(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** A public IPv4 address, distinct for each i. */
export function ipv4Address(i: number): string {
  const first = PUBLIC_FIRST_OCTETS[i % PUBLIC_FIRST_OCTETS.length]!;
  const j = Math.floor(i / PUBLIC_FIRST_OCTETS.length);
  if (j >= 2 ** 24) throw new RangeError(`ip index ${i} out of range`);
  return dotted(((first << 24) >>> 0) + permute(j, 2 ** 24, 977));
}

/** A public IPv4 range, /24 mostly, sometimes /22 or /20 (a hosting provider's block): distinct for each i. */
export function ipv4Range(i: number, rng: Rng): string {
  const first = PUBLIC_FIRST_OCTETS[i % PUBLIC_FIRST_OCTETS.length]!;
  const j = Math.floor(i / PUBLIC_FIRST_OCTETS.length);
  if (j >= 2 ** 12) throw new RangeError(`ip range index ${i} out of range`);
  // A /20 per index, so different indices never give the same range (one may still hold another's addresses).
  const net = ((first << 24) >>> 0) + permute(j, 2 ** 12, 17) * 4096;
  const prefix = rng.weighted([
    [24, 8],
    [22, 1],
    [20, 1],
  ] as const);
  return `${dotted(net)}/${prefix}`;
}

// ── E-mails and hashes ──────────────────────────────────────────────────────────────────────────────────────

const MAIL_PROVIDERS = [
  'gmail.com',
  'gmail.com',
  'gmail.com',
  'yahoo.com',
  'outlook.com',
  'hotmail.com',
  'icloud.com',
];

/** An e-mail address, distinct for each i: `hotro.vietcombank.k3f9x@gmail.com`. */
export function emailAddress(i: number, rng: Rng): string {
  const local = `${rng.pick(SUFFIX_WORDS)}.${rng.pick(NAME_WORDS)}.${token(i)}`;
  const domain = rng.chance(0.8) ? rng.pick(MAIL_PROVIDERS) : domainName(i, rng);
  return `${rng.chance(0.1) ? local.toUpperCase() : local}@${domain}`;
}

/** A random SHA-256 digest in hex (256 bits from the generator: distinct in practice). */
export function sha256Hex(rng: Rng): string {
  let out = '';
  for (let k = 0; k < 8; k++) out += rng.next().toString(16).padStart(8, '0');
  return out;
}

// ── Mixed indicators ────────────────────────────────────────────────────────────────────────────────────────

/** What an anti-fraud CERT's index holds, roughly: phone numbers and bank accounts above all. */
export const INDICATOR_MIX: readonly (readonly [GeneratedKind, number])[] = [
  ['phone', 42],
  ['bank-account', 28],
  ['domain', 10],
  ['url', 8],
  ['email', 5],
  ['ip', 4],
  ['ip-range', 0.1],
  ['file-hash', 3],
];

export type GeneratedKind = Exclude<ObservableKind, 'wallet'> | 'ip-range';

/** The raw text of the i-th indicator of a kind (i ≥ MISS for values no lower index gives). */
export function rawIndicator(kind: GeneratedKind, i: number, rng: Rng): string {
  switch (kind) {
    case 'phone':
      return spellPhone(phoneNsn(i), rng);
    case 'bank-account':
      return spellBankAccount(bankAccount(i), rng);
    case 'domain':
      return domainIndicator(i, rng);
    case 'url':
      return urlIndicator(i, rng);
    case 'email':
      return emailAddress(i, rng);
    case 'ip':
      return ipv4Address(i);
    case 'ip-range':
      return ipv4Range(i % MISS, rng);
    case 'file-hash':
      return rng.chance(0.5) ? sha256Hex(rng) : `sha256:${sha256Hex(rng).toUpperCase()}`;
  }
}

/** The observable kind a generated kind is parsed as. */
export function observableKind(kind: GeneratedKind): ObservableKind {
  return kind === 'ip-range' ? 'ip' : kind;
}

/**
 * Generates `count` raw indicators with kinds drawn from `mix`, calling `emit` for each. Each kind's values
 * come from its own index counter starting at `firstIndex` (MISS for misses), so they are all distinct.
 */
export function generateMixed(
  count: number,
  seed: number,
  emit: (kind: GeneratedKind, raw: string) => void,
  options: {
    readonly mix?: readonly (readonly [GeneratedKind, number])[];
    readonly firstIndex?: number;
  } = {},
): void {
  const mix = options.mix ?? INDICATOR_MIX;
  const first = options.firstIndex ?? 0;
  const rng = new Rng(seed);
  const next = new Map<GeneratedKind, number>();
  for (let n = 0; n < count; n++) {
    const kind = rng.weighted(mix);
    const i = next.get(kind) ?? first;
    next.set(kind, i + 1);
    emit(kind, rawIndicator(kind, i, rng));
  }
}

// ── Real lists ──────────────────────────────────────────────────────────────────────────────────────────────

/** ../shared/data/blocklists from the repository root (read-only, may be absent in a user's checkout). */
export const BLOCKLISTS_DIR = fileURLToPath(new URL('../../../shared/data/blocklists/', import.meta.url));

export interface RealLists {
  /** jarelllama's Scam Blocklist: domains. */
  readonly scamDomains: readonly string[];
  /** ChongLuaDao: hosts, and a few URLs without a scheme. */
  readonly chongluadao: readonly string[];
  /** IP block lists (addresses, a few IPv6). */
  readonly ips: readonly string[];
  /** What was not found, to print. */
  readonly missing: readonly string[];
}

function readLines(path: string): string[] {
  const out: string[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const s = line.trim();
    if (s !== '' && !s.startsWith('#')) out.push(s);
  }
  return out;
}

/** Loads the real block lists that are present; `missing` says which are not. */
export function loadRealLists(): RealLists {
  const missing: string[] = [];
  const file = (name: string): string | undefined => {
    const path = BLOCKLISTS_DIR + name;
    if (existsSync(path)) return path;
    missing.push(path);
    return undefined;
  };
  const domainsPath = file('scam-domains.txt');
  const chongluadaoPath = file('chongluadao-urls.txt');
  const ips: string[] = [];
  const ipDir = BLOCKLISTS_DIR + 'ip/';
  if (existsSync(ipDir)) {
    for (const name of readdirSync(ipDir).sort()) {
      if (name.endsWith('.txt')) ips.push(...readLines(ipDir + name));
      else if (name.endsWith('.json')) ips.push(...ipsFromJson(readFileSync(ipDir + name, 'utf8')));
    }
  } else {
    missing.push(ipDir);
  }
  return {
    scamDomains: domainsPath === undefined ? [] : readLines(domainsPath),
    chongluadao: chongluadaoPath === undefined ? [] : readLines(chongluadaoPath),
    ips,
    missing,
  };
}

/** The `ip_address` fields of a JSON array of objects (Feodo Tracker's format). */
function ipsFromJson(text: string): string[] {
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed)) return [];
  const out: string[] = [];
  for (const item of parsed as unknown[]) {
    if (typeof item === 'object' && item !== null) {
      const ip = (item as Record<string, unknown>)['ip_address'];
      if (typeof ip === 'string') out.push(ip);
    }
  }
  return out;
}

/** The real lists as raw indicators: scam domains, ChongLuaDao hosts (domain) and paths (url), IPs. */
export function realIndicators(lists: RealLists): { kind: ObservableKind; raw: string }[] {
  const out: { kind: ObservableKind; raw: string }[] = [];
  for (const d of lists.scamDomains) out.push({ kind: 'domain', raw: d });
  for (const e of lists.chongluadao) out.push({ kind: e.includes('/') ? 'url' : 'domain', raw: e });
  for (const ip of lists.ips) out.push({ kind: 'ip', raw: ip });
  return out;
}

// ── Keys kept outside the JS heap ───────────────────────────────────────────────────────────────────────────

/**
 * Strings stored as UTF-8 in one growing Buffer, so that millions of keys cost no heap and no GC time until
 * they are asked for; `get(i)` decodes a fresh, flat string each time (no cached hash, no cons string).
 */
export class StringStore {
  #buf = Buffer.allocUnsafe(1 << 20);
  #bytes = 0;
  #starts = new Float64Array(1 << 16);
  #count = 0;

  get length(): number {
    return this.#count;
  }

  /** Bytes of text held. */
  get bytes(): number {
    return this.#bytes;
  }

  push(s: string): number {
    const need = Buffer.byteLength(s, 'utf8');
    if (this.#bytes + need > this.#buf.length) {
      let size = this.#buf.length * 2;
      while (this.#bytes + need > size) size *= 2;
      const grown = Buffer.allocUnsafe(size);
      this.#buf.copy(grown, 0, 0, this.#bytes);
      this.#buf = grown;
    }
    if (this.#count + 1 >= this.#starts.length) {
      const grown = new Float64Array(this.#starts.length * 2);
      grown.set(this.#starts);
      this.#starts = grown;
    }
    this.#buf.write(s, this.#bytes, 'utf8');
    this.#bytes += need;
    this.#starts[++this.#count] = this.#bytes;
    return this.#count - 1;
  }

  /** A fresh string equal to the i-th pushed. */
  get(i: number): string {
    return this.#buf.toString('utf8', this.#starts[i], this.#starts[i + 1]);
  }

  /** Fresh strings for all, or for the given indices. */
  materialize(indices?: ArrayLike<number>): string[] {
    const n = indices === undefined ? this.#count : indices.length;
    const out = new Array<string>(n);
    for (let k = 0; k < n; k++) out[k] = this.get(indices === undefined ? k : indices[k]!);
    return out;
  }

  /** Releases the spare capacity (so that what stays allocated is what is held). */
  trim(): void {
    this.#buf = Buffer.from(this.#buf.subarray(0, this.#bytes));
    this.#starts = this.#starts.slice(0, this.#count + 1);
  }
}
