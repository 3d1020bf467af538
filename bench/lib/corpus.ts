/**
 * The scanner benchmark's corpus: SMS-like messages generated from the templates of corpus-templates.ts in
 * Vietnamese (with and without diacritics), English and French, most of them ordinary, about a quarter scams,
 * carrying links (some defanged or without a scheme), phone numbers in local spellings, bank accounts next to
 * their bank's name and e-mail addresses. A known share of those values are listed: they are values of the
 * cached data set of bench/lib/dataset.ts (found again by replaying its seeded generator, plus the real scam
 * domain list), the rest are values no indicator has (generator indices from MISS up) or well-known
 * legitimate links.
 *
 * Built once per (message count, data set size, VERSION) under bench/.cache/corpus-…/: `corpus.txt` (one
 * message a line, plain text, for grep and the in-process scan), `corpus.ndjson` (the same messages as
 * `{"id","text"}` lines, what the scan API takes) and `meta.json` (counts). Deterministic: same seed, same
 * corpus.
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { BANKS } from '../../src/core/observables/banks.js';
import {
  FIRST_NAMES,
  HOTLINES,
  LEGIT_LINKS,
  TEMPLATES,
  stripDiacritics,
  type Language,
} from './corpus-templates.js';
import { CACHE_DIR } from './dataset.js';
import {
  MISS,
  Rng,
  bankAccount,
  domainName,
  emailAddress,
  generateMixed,
  loadRealLists,
  phishingPath,
  phoneNsn,
  urlIndicator,
} from './generate.js';

/** Bump when the templates or the mix change, so that a stale corpus is rebuilt. */
export const CORPUS_VERSION = 1;
/** The seed dataset.ts gives generateMixed: the corpus finds the listed values by replaying it. */
const DATASET_SEED = 20261123;
const SEED = CORPUS_VERSION * 7919 + 5;

/** Share of messages that are scams; in them each value is listed with LISTED_IN_SCAM. */
const SCAM_SHARE = 0.25;
const LISTED_IN_SCAM = 0.5;
/** A value in an ordinary message is listed this often (a friend's number that a scammer also used…). */
const LISTED_IN_ORDINARY = 0.01;

type Variant = 'vi' | 'vi-plain' | 'en' | 'fr';
const VARIANTS: readonly (readonly [Variant, number])[] = [
  ['vi', 40],
  ['vi-plain', 35],
  ['en', 15],
  ['fr', 10],
];

export type ValueKind = 'phone' | 'bank-account' | 'link' | 'email';
export const VALUE_KINDS: readonly ValueKind[] = ['phone', 'bank-account', 'link', 'email'];

export interface CorpusMeta {
  readonly version: number;
  readonly messages: number;
  /** UTF-8 bytes of corpus.txt (newlines included). */
  readonly textBytes: number;
  readonly ndjsonBytes: number;
  readonly scams: number;
  readonly byVariant: Record<Variant, number>;
  /** Values planted by kind, and how many of them are listed. */
  readonly planted: Record<ValueKind, number>;
  readonly listed: Record<ValueKind, number>;
  /** Legitimate links (news, shops…) and hotlines, never listed. */
  readonly legit: number;
}

export interface Corpus {
  readonly dir: string;
  readonly textPath: string;
  readonly ndjsonPath: string;
  readonly meta: CorpusMeta;
}

/** Listed values to draw from: what the data set of `indicatorCount` generated indicators holds. */
interface ListedPool {
  readonly phones: number;
  readonly accounts: number;
  readonly domains: readonly string[];
  readonly urls: readonly string[];
  readonly emails: readonly string[];
  readonly realDomains: readonly string[];
}

function listedPool(indicatorCount: number): ListedPool {
  const counts = new Map<string, number>();
  const domains: string[] = [];
  const urls: string[] = [];
  const emails: string[] = [];
  generateMixed(indicatorCount, DATASET_SEED, (kind, raw) => {
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
    if (kind === 'domain') domains.push(raw);
    else if (kind === 'url') urls.push(raw);
    else if (kind === 'email') emails.push(raw);
  });
  return {
    phones: counts.get('phone') ?? 0,
    accounts: counts.get('bank-account') ?? 0,
    domains,
    urls,
    emails,
    realDomains: loadRealLists().scamDomains,
  };
}

// ── Spellings ───────────────────────────────────────────────────────────────────────────────────────────────

/** A Vietnamese mobile number as people type it in a message. */
function spellLocalPhone(nsn: string, rng: Rng): string {
  const a = nsn.slice(0, 3);
  const b = nsn.slice(3, 6);
  const c = nsn.slice(6);
  switch (rng.weighted(PHONE_SPELLINGS)) {
    case 0:
      return `0${nsn}`;
    case 1:
      return `0${a} ${b} ${c}`;
    case 2:
      return `0${a}.${b}.${c}`;
    case 3:
      return `0${a}-${b}-${c}`;
    case 4:
      return `+84 ${a} ${b} ${c}`;
    default:
      return `+84${nsn}`;
  }
}
const PHONE_SPELLINGS: readonly (readonly [number, number])[] = [
  [0, 35],
  [1, 20],
  [2, 20],
  [3, 10],
  [4, 10],
  [5, 5],
];

/** An account number next to its bank's name: `0123456789 Techcombank`, `VCB: 0123 4567 89`… */
function spellAccount(a: { readonly bin: string; readonly account: string }, rng: Rng): string {
  const bank = BANK_BY_BIN.get(a.bin);
  const name = bank === undefined ? a.bin : rng.chance(0.7) ? bank.name : bank.short;
  // generate.ts's long accounts can carry a '-' (its multiplier overflows int32); the index holds the digits.
  const account = a.account.replace(/\D/g, '');
  const r = rng.float();
  const digits =
    r < 0.8
      ? account
      : r < 0.9
        ? account.replace(/(\d{4})(?=\d)/g, '$1 ')
        : account.replace(/(\d{4})(?=\d)/g, '$1.');
  switch (rng.int(4)) {
    case 0:
      return `${digits} ${name}`;
    case 1:
      return `${name} ${digits}`;
    case 2:
      return `${name}: ${digits}`;
    default:
      return `${digits} (${name})`;
  }
}
const BANK_BY_BIN = new Map(BANKS.map((b) => [b.bin, b] as const));

/** `evil.example.com` → `evil.example[.]com`. */
function defangHost(host: string): string {
  const dot = host.lastIndexOf('.');
  return dot < 0 ? host : `${host.slice(0, dot)}[.]${host.slice(dot + 1)}`;
}

/** A link to a domain, as scams write it: bare, with a scheme, with a path, defanged. */
function spellDomainLink(domain: string, rng: Rng): string {
  const r = rng.float();
  if (r < 0.3) return domain;
  if (r < 0.5) return `https://${domain}`;
  if (r < 0.65) return `https://${domain}${phishingPath(rng)}`;
  if (r < 0.75) return `http://${domain}/login`;
  if (r < 0.88) return defangHost(domain);
  if (r < 0.93) return `hxxps://${defangHost(domain)}/xac-minh`;
  return `${domain}${phishingPath(rng)}`;
}

/** A URL indicator's value as a message carries it: with or without its scheme, sometimes defanged. */
function spellUrl(raw: string, rng: Rng): string {
  const m = /^(https?):\/\//.exec(raw);
  const scheme = m?.[1];
  const rest = m === null ? raw : raw.slice(m[0].length);
  const slash = rest.indexOf('/');
  const host = slash < 0 ? rest : rest.slice(0, slash);
  const path = slash < 0 ? '' : rest.slice(slash);
  const r = rng.float();
  if (r < 0.1) return `hxxps://${defangHost(host)}${path}`;
  if (r < 0.2) return `${defangHost(host)}${path}`;
  if (r < 0.5) return rest;
  return `${scheme ?? 'https'}://${rest}`;
}

function amount(lang: Language, rng: Rng): string {
  switch (lang) {
    case 'vi': {
      const r = rng.int(3);
      if (r === 0) return `${rng.pick(['500.000', '1.500.000', '2.000.000', '15.000.000', '50.000.000'])}đ`;
      if (r === 1) return `${rng.pick(['5', '15', '20', '50', '100'])} triệu`;
      return `${rng.pick(['200', '300', '500', '800'])}k`;
    }
    case 'en':
      return `$${rng.pick(['49.99', '250', '500', '1,200', '5,000'])}`;
    case 'fr':
      return `${rng.pick(['49,90', '148,30', '250', '1 200'])} €`;
  }
}

function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}

// ── Generation ──────────────────────────────────────────────────────────────────────────────────────────────

interface Counters {
  planted: Record<ValueKind, number>;
  listed: Record<ValueKind, number>;
  legit: number;
}

class MessageMaker {
  readonly #pool: ListedPool;
  readonly #rng: Rng;
  readonly #c: Counters;
  #missPhone = MISS;
  #missAccount = MISS;
  #missDomain = MISS;
  #missUrl = MISS;
  #missEmail = MISS;

  constructor(pool: ListedPool, rng: Rng, counters: Counters) {
    this.#pool = pool;
    this.#rng = rng;
    this.#c = counters;
  }

  /** The spellings of the listed values planted in the last message (for checking the scanner finds them). */
  listedInLast: string[] = [];

  message(): { text: string; scam: boolean; variant: Variant } {
    const rng = this.#rng;
    const variant = rng.weighted(VARIANTS);
    const lang: Language = variant === 'vi-plain' ? 'vi' : variant;
    const scam = rng.chance(SCAM_SHARE);
    const templates = TEMPLATES[lang];
    const template = rng.pick(scam ? templates.scam : templates.ordinary);
    const listedShare = scam ? LISTED_IN_SCAM : LISTED_IN_ORDINARY;
    this.listedInLast = [];
    let text = template.replace(/\{([A-Z]+)\}/g, (_m, slot: string) => this.#fill(slot, lang, listedShare));
    if (variant === 'vi-plain') text = stripDiacritics(text);
    return { text, scam, variant };
  }

  #fill(slot: string, lang: Language, listedShare: number): string {
    const rng = this.#rng;
    switch (slot) {
      case 'PHONE':
        return this.#phone(rng.chance(listedShare));
      case 'ACCT':
        return this.#account(rng.chance(listedShare));
      case 'LINK':
        return this.#link(rng.chance(listedShare));
      case 'EMAIL':
        return this.#email(rng.chance(listedShare));
      case 'SITE':
        this.#c.legit++;
        return rng.pick(LEGIT_LINKS);
      case 'HOTLINE':
        this.#c.legit++;
        return rng.pick(HOTLINES);
      case 'AMOUNT':
        return amount(lang, rng);
      case 'OTP':
        return String(100_000 + rng.int(900_000));
      case 'NAME':
        return rng.pick(FIRST_NAMES);
      case 'TIME':
        return `${rng.int(24)}:${twoDigits(rng.int(4) * 15)}`;
      case 'DATE':
        return `${1 + rng.int(28)}/${1 + rng.int(12)}`;
      case 'CODE':
        return `${rng.pick(['SPX', 'GHN', 'VN', 'LZ'])}${String(rng.next()).padStart(10, '0')}`;
      default:
        throw new Error(`unknown template slot {${slot}}`);
    }
  }

  #count(kind: ValueKind, listed: boolean, spelt: string): string {
    this.#c.planted[kind]++;
    if (listed) {
      this.#c.listed[kind]++;
      this.listedInLast.push(spelt);
    }
    return spelt;
  }

  #phone(listed: boolean): string {
    const p = this.#pool;
    const listedNow = listed && p.phones > 0;
    const i = listedNow ? this.#rng.int(p.phones) : this.#missPhone++;
    return this.#count('phone', listedNow, spellLocalPhone(phoneNsn(i), this.#rng));
  }

  #account(listed: boolean): string {
    const p = this.#pool;
    const listedNow = listed && p.accounts > 0;
    const i = listedNow ? this.#rng.int(p.accounts) : this.#missAccount++;
    return this.#count('bank-account', listedNow, spellAccount(bankAccount(i), this.#rng));
  }

  #link(listed: boolean): string {
    const rng = this.#rng;
    const p = this.#pool;
    // Listed links: generated domains, generated URLs, real scam domains; unlisted: generated look-alikes.
    const r = rng.float();
    if (r < 0.4) {
      const listedNow = listed && p.domains.length > 0;
      const d = listedNow ? rng.pick(p.domains) : domainName(this.#missDomain++, rng);
      return this.#count('link', listedNow, spellDomainLink(d, rng));
    }
    if (r < 0.7) {
      const listedNow = listed && p.urls.length > 0;
      const u = listedNow ? rng.pick(p.urls) : urlIndicator(this.#missUrl++, rng);
      return this.#count('link', listedNow, spellUrl(u, rng));
    }
    const listedNow = listed && p.realDomains.length > 0;
    const d = listedNow ? rng.pick(p.realDomains) : domainName(this.#missDomain++, rng);
    return this.#count('link', listedNow, spellDomainLink(d, rng));
  }

  #email(listed: boolean): string {
    const p = this.#pool;
    const listedNow = listed && p.emails.length > 0;
    const e = listedNow ? this.#rng.pick(p.emails) : emailAddress(this.#missEmail++, this.#rng);
    return this.#count('email', listedNow, e);
  }
}

/**
 * The corpus's messages one by one, each with the spellings of the listed values planted in it: for checking
 * that the scanner finds what the corpus claims (the benchmark itself reads the cached files).
 */
export function* corpusMessages(
  indicatorCount: number,
): Generator<{ readonly text: string; readonly scam: boolean; readonly listed: readonly string[] }> {
  const counters: Counters = { planted: zero(), listed: zero(), legit: 0 };
  const maker = new MessageMaker(listedPool(indicatorCount), new Rng(SEED), counters);
  for (;;) {
    const m = maker.message();
    yield { text: m.text, scam: m.scam, listed: maker.listedInLast };
  }
}

function zero(): Record<ValueKind, number> {
  return { phone: 0, 'bank-account': 0, link: 0, email: 0 };
}

/**
 * The corpus of `messages` messages whose listed values come from the data set of `indicatorCount` generated
 * indicators (dataset.ts), building it if missing.
 */
export function corpus(messages: number, indicatorCount: number, log: (s: string) => void): Corpus {
  const dir = join(CACHE_DIR, `corpus-${messages}-ds${indicatorCount}-v${CORPUS_VERSION}`);
  const textPath = join(dir, 'corpus.txt');
  const ndjsonPath = join(dir, 'corpus.ndjson');
  const metaPath = join(dir, 'meta.json');
  if (existsSync(join(dir, 'complete'))) {
    return { dir, textPath, ndjsonPath, meta: JSON.parse(readFileSync(metaPath, 'utf8')) as CorpusMeta };
  }
  const building = `${dir}.building`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  log(
    `building a corpus of ${messages.toLocaleString()} messages in ${building} (once; kept for later runs)`,
  );

  const pool = listedPool(indicatorCount);
  const counters: Counters = { planted: zero(), listed: zero(), legit: 0 };
  const maker = new MessageMaker(pool, new Rng(SEED), counters);
  const byVariant: Record<Variant, number> = { vi: 0, 'vi-plain': 0, en: 0, fr: 0 };
  let scams = 0;
  let textBytes = 0;
  let ndjsonBytes = 0;
  const text = openSync(join(building, 'corpus.txt'), 'w');
  const ndjson = openSync(join(building, 'corpus.ndjson'), 'w');
  let textChunk: string[] = [];
  let ndjsonChunk: string[] = [];
  const flush = () => {
    const t = Buffer.from(textChunk.join(''));
    const n = Buffer.from(ndjsonChunk.join(''));
    writeSync(text, t);
    writeSync(ndjson, n);
    textBytes += t.length;
    ndjsonBytes += n.length;
    textChunk = [];
    ndjsonChunk = [];
  };
  for (let i = 0; i < messages; i++) {
    const m = maker.message();
    if (m.scam) scams++;
    byVariant[m.variant]++;
    textChunk.push(`${m.text}\n`);
    ndjsonChunk.push(`${JSON.stringify({ id: `m${i}`, text: m.text })}\n`);
    if (textChunk.length === 50_000) flush();
  }
  flush();
  closeSync(text);
  closeSync(ndjson);
  const meta: CorpusMeta = {
    version: CORPUS_VERSION,
    messages,
    textBytes,
    ndjsonBytes,
    scams,
    byVariant,
    planted: counters.planted,
    listed: counters.listed,
    legit: counters.legit,
  };
  writeFileSync(join(building, 'meta.json'), JSON.stringify(meta, null, 2));
  writeFileSync(join(building, 'complete'), String(messages));
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
  return { dir, textPath, ndjsonPath, meta };
}

// ── grep's patterns ─────────────────────────────────────────────────────────────────────────────────────────

/**
 * The loaded indicators' values as the fixed strings a `grep -F` would look for in text, one a line: phone
 * numbers in their local form (`0912345678`), account numbers' digits, domains, URLs without their scheme,
 * e-mail addresses, IP addresses. File hashes and IP ranges are left out (they cannot appear as such in an
 * SMS). Built once from the data set's SQLite file; `sample` keeps every n-th value (100,000 of 1 M, say).
 */
export function grepPatterns(
  dbPath: string,
  indicatorCount: number,
  log: (s: string) => void,
): { readonly path: string; readonly count: number; readonly byKind: Record<string, number> } {
  const path = join(CACHE_DIR, `scan-patterns-ds${indicatorCount}-v${CORPUS_VERSION}.txt`);
  const metaPath = `${path}.json`;
  if (existsSync(metaPath)) {
    const m = JSON.parse(readFileSync(metaPath, 'utf8')) as { count: number; byKind: Record<string, number> };
    return { path, ...m };
  }
  log(`writing grep's patterns from ${dbPath}`);
  const db = new BetterSqlite3(dbPath, { readonly: true });
  const out: string[] = [];
  const byKind: Record<string, number> = {};
  for (const row of db
    .prepare(`select kind, canonical from indicators where revoked_at is null`)
    .raw()
    .iterate()) {
    const [kind, canonical] = row as [string, string];
    const p = textForm(kind, canonical);
    if (p === undefined || p === '') continue;
    out.push(p);
    byKind[kind] = (byKind[kind] ?? 0) + 1;
  }
  db.close();
  writeFileSync(path, `${out.join('\n')}\n`);
  writeFileSync(metaPath, JSON.stringify({ count: out.length, byKind }));
  return { path, count: out.length, byKind };
}

/** Every `step`-th line of a pattern file, written beside it (grep's compile time grows with the count). */
export function samplePatterns(
  path: string,
  step: number,
): { readonly path: string; readonly count: number } {
  const sampled = path.replace(/\.txt$/, `.every${step}.txt`);
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l, i) => l !== '' && i % step === 0);
  if (!existsSync(sampled)) writeFileSync(sampled, `${lines.join('\n')}\n`);
  return { path: sampled, count: lines.length };
}

function textForm(kind: string, canonical: string): string | undefined {
  switch (kind) {
    case 'phone':
      return canonical.startsWith('+84') ? `0${canonical.slice(3)}` : canonical.replace(/^\+/, '');
    case 'bank-account':
      return canonical.slice(canonical.indexOf(':') + 1);
    case 'domain':
    case 'email':
      return canonical;
    case 'url':
      return canonical.replace(/^https?:\/\//, '');
    case 'ip':
      return canonical.includes('/') ? undefined : canonical;
    default:
      return undefined;
  }
}
