/**
 * URL checks against a loaded index: `parseObservable('url', s)` (Safe Browsing canonicalization) then
 * `match` (every host-suffix / path-prefix expression, the domain and its parents, IP host and CIDR ranges),
 * the path a check request takes, over a realistic mix of URLs: ChongLuaDao's scam hosts and URLs, the scam
 * domain list, generated phishing URLs, and clean links to Vietnamese news, shops, banks and social media with
 * the tracking queries they carry.
 *
 * Baseline: a bare `new URL(s)` loop over the same inputs, in the same run. Goal: checks ≥ 0.3× its rate.
 * The breakdown below the figure says where a check's time goes.
 *
 * Run: npm run bench -- url      (or --quick for a smaller index and input set)
 */
import { IndexMatcher } from '../src/core/check/matcher.js';
import {
  lookupKeys,
  parseObservable,
  type ObservableValue,
} from '../src/core/observables/observable-value.js';
import type { ObservableKind } from '../src/core/observables/observable.js';
import { urlLookupExpressions } from '../src/core/observables/url-expressions.js';
import { canonicalizeUrl, type CanonicalUrl } from '../src/core/observables/url.js';
import {
  MISS,
  Rng,
  domainName,
  generateMixed,
  ipv4Address,
  loadRealLists,
  observableKind,
  phishingPath,
  realIndicators,
  shuffle,
  type GeneratedKind,
} from './lib/generate.js';
import { compareRates, consume, timed } from './lib/measure.js';
import { formatRounds, formatValue, info, report, section } from './lib/report.js';

const QUICK = process.argv.includes('--quick');
const GENERATED = QUICK ? 300_000 : 1_000_000; // on top of the real lists
const INPUTS = QUICK ? 50_000 : 200_000;
const RATIO_GOAL = 0.3;

// What an index probed by URL checks holds besides the real lists.
const URL_INDEX_MIX: readonly (readonly [GeneratedKind, number])[] = [
  ['domain', 50],
  ['url', 38],
  ['ip', 10],
  ['ip-range', 0.5],
];

// ── 1. The index ────────────────────────────────────────────────────────────────────────────────────────────

section('index: real lists + generated domains, URLs and IPs');
const lists = loadRealLists();
for (const path of lists.missing) info(`real list absent, skipped: ${path}`);
const sampleRng = new Rng(0xdec0de);
const indexedUrls: CanonicalUrl[] = []; // a sample of URL indicators, to aim checks at
const indexedDomains: string[] = []; // a sample of generated domain indicators
const index = new IndexMatcher(GENERATED + 300_000);
const build = timed(() => {
  let num = 0;
  let failed = 0;
  const add = (kind: ObservableKind, raw: string): void => {
    const r = parseObservable(kind, raw);
    if (!r.ok) {
      failed++;
      return;
    }
    index.add({ num: ++num, kind, canonical: r.value.canonical, keys: r.value.indicatorKeys });
    if (kind === 'url' && r.value.url !== undefined && sampleRng.chance(0.1)) indexedUrls.push(r.value.url);
    if (kind === 'domain' && sampleRng.chance(0.05)) indexedDomains.push(r.value.canonical);
  };
  for (const { kind, raw } of realIndicators(lists)) add(kind, raw);
  generateMixed(GENERATED, 0x0e11, (kind, raw) => add(observableKind(kind), raw), { mix: URL_INDEX_MIX });
  return failed;
});
info(
  `${index.size.toLocaleString('en')} indicators (${lists.scamDomains.length.toLocaleString('en')} scam domains, ` +
    `${lists.chongluadao.length.toLocaleString('en')} ChongLuaDao hosts and URLs, ${lists.ips.length.toLocaleString('en')} ` +
    `listed IPs, the rest generated) parsed and loaded in ${formatValue(build.seconds, 's')}; ${build.result} did not parse`,
);

// ── 2. The URLs to check ────────────────────────────────────────────────────────────────────────────────────

// prettier-ignore
const CLEAN_SITES: readonly ((rng: Rng) => string)[] = [
  (r) => `https://vnexpress.net/${slug(r, 6, 12)}-${4_700_000 + r.int(300_000)}.html`,
  (r) => `https://dantri.com.vn/${r.pick(['kinh-doanh', 'xa-hoi', 'the-gioi', 'phap-luat'])}/${slug(r, 6, 12)}-2024${digits(r, 13)}.htm`,
  (r) => `https://tuoitre.vn/${slug(r, 6, 12)}-2024${digits(r, 13)}.htm`,
  (r) => `https://thanhnien.vn/${slug(r, 6, 12)}-18524${digits(r, 12)}.htm`,
  (r) => `https://shopee.vn/${slug(r, 4, 9, true)}-i.${digits(r, 9)}.${digits(r, 10)}?sp_atk=${uuid(r)}&xptdk=${uuid(r)}`,
  (r) => `https://www.lazada.vn/products/${slug(r, 4, 9)}-i${digits(r, 9)}-s${digits(r, 10)}.html?spm=a2o4n.searchlist.list.${r.int(40)}`,
  (r) => `https://tiki.vn/${slug(r, 4, 9)}-p${digits(r, 8)}.html?spid=${digits(r, 8)}`,
  (r) => `https://www.facebook.com/groups/${digits(r, 15)}/posts/${digits(r, 16)}/?mibextid=${alnum(r, 6)}`,
  (r) => `https://m.facebook.com/story.php?story_fbid=${digits(r, 16)}&id=${digits(r, 15)}&fbclid=${alnum(r, 60)}`,
  (r) => `https://www.youtube.com/watch?v=${alnum(r, 11)}&t=${r.int(600)}s`,
  (r) => `https://www.tiktok.com/@${alnum(r, 8).toLowerCase()}/video/73${digits(r, 17)}?is_from_webapp=1&sender_device=pc`,
  (r) => `https://zalo.me/${digits(r, 10)}`,
  (r) => `https://www.google.com/search?q=${encodeURIComponent(vietnamese(r, 3, 6))}&oq=${encodeURIComponent(vietnamese(r, 1, 2))}&sourceid=chrome&ie=UTF-8`,
  (r) => `https://portal.vietcombank.com.vn/vi-VN/KHCN/${r.pick(['Cong-cu-tien-ich/Ty-gia', 'Tai-khoan', 'The/The-ghi-no'])}`,
  (r) => `https://dichvucong.gov.vn/p/home/dvc-${r.pick(['trang-chu', 'tra-cuu-ho-so', 'thanh-toan-truc-tuyen'])}.html`,
  (r) => `https://vi.wikipedia.org/wiki/${encodeURIComponent(vietnamese(r, 1, 3).replaceAll(' ', '_'))}`,
  (r) => `https://bit.ly/${alnum(r, 7)}`,
  (r) => `https://www.thegioididong.com/dtdd/${slug(r, 2, 5)}?utm_source=google&utm_medium=cpc&utm_campaign=${slug(r, 2, 3)}&gclid=${alnum(r, 40)}`,
];

// prettier-ignore
const VI_WORDS = [
  'ngân hàng', 'cảnh báo', 'lừa đảo', 'tài khoản', 'chuyển khoản', 'điện thoại', 'giá vàng', 'hôm nay', 'thời tiết',
  'bóng đá', 'việt nam', 'hà nội', 'sài gòn', 'khuyến mãi', 'giảm giá', 'mua sắm', 'đơn hàng', 'giao hàng', 'công an',
  'thủ đoạn', 'mới', 'người dân', 'cách', 'nhận biết', 'tin nhắn', 'mạo danh', 'học sinh', 'tuyển dụng', 'việc làm',
];

const IDN_WORDS = [
  'ngânhàng',
  'thôngbáo',
  'khuyếnmãi',
  'tàikhoản',
  'xácminh',
  'hỗtrợ',
  'vietcombank',
  'quàtặng',
];

function vietnamese(r: Rng, min: number, max: number): string {
  const n = min + r.int(max - min + 1);
  return Array.from({ length: n }, () => r.pick(VI_WORDS)).join(' ');
}

/** An article slug from Vietnamese words without diacritics: `canh-bao-lua-dao-moi`. */
function slug(r: Rng, min: number, max: number, capital = false): string {
  const words = vietnamese(r, min, max)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replaceAll('đ', 'd')
    .split(/\s+/);
  return words.map((w) => (capital ? w.charAt(0).toUpperCase() + w.slice(1) : w)).join('-');
}

function digits(r: Rng, n: number): string {
  let s = '';
  for (let k = 0; k < n; k++) s += String(r.int(10));
  return s;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function alnum(r: Rng, n: number): string {
  let s = '';
  for (let k = 0; k < n; k++) s += ALNUM[r.int(ALNUM.length)]!;
  return s;
}

function uuid(r: Rng): string {
  const h = (n: number): string => Array.from({ length: n }, () => r.int(16).toString(16)).join('');
  return `${h(8)}-${h(4)}-${h(4)}-${h(4)}-${h(12)}`;
}

const TRACKING = [
  (r: Rng) =>
    `utm_source=${r.pick(['facebook', 'zalo', 'sms', 'tiktok'])}&utm_medium=social&utm_campaign=${slug(r, 1, 3)}`,
  (r: Rng) => `fbclid=IwAR${alnum(r, 58)}`,
  (r: Rng) => `id=${digits(r, 6)}&ref=${r.pick(['zalo', 'fb', 'sms'])}`,
  (r: Rng) => `token=${alnum(r, 32)}`,
];

/** A path and query under a scam host, as the messages link to it. */
function scamTail(r: Rng): string {
  let tail = r.chance(0.3) ? '/' : phishingPath(r);
  if (r.chance(0.4)) tail += `?${r.pick(TRACKING)(r)}`;
  return tail;
}

/** Cosmetic variation that canonicalization must undo: upper case, fragments, escapes, ports, IDN. */
function vary(url: string, r: Rng): string {
  let u = url;
  const x = r.float();
  if (x < 0.08) u = u.replace(/^https?:\/\/[^/?#]+/, (m) => m.toUpperCase());
  else if (x < 0.12) u = u.replace(/^(https?:\/\/[^/?#]+)/, `$1:${r.pick([8080, 8443, 443, 80])}`);
  else if (x < 0.15)
    u = u.replace(
      /^(https?:\/\/[^/?#]+)(\/[^?#]*)?/,
      (_, h: string, p?: string) => `${h}${(p ?? '/') + encodeURIComponent(vietnamese(r, 1, 2))}`,
    );
  if (r.chance(0.05)) u += `#${r.pick(['top', 'main', 'section-2', '!/login'])}`;
  return u;
}

section('inputs');
const inputs: string[] = [];
{
  const r = new Rng(0x5eed);
  const chongluadao = lists.chongluadao;
  const scamDomains = lists.scamDomains;
  const scheme = (): string => (r.chance(0.7) ? 'https://' : 'http://');
  const counts = new Map<string, number>();
  const sources: readonly (readonly [string, number, () => string | undefined])[] = [
    [
      'ChongLuaDao hosts/URLs',
      15,
      () =>
        chongluadao.length === 0
          ? undefined
          : `${scheme()}${r.pick(chongluadao)}${r.chance(0.6) ? scamTail(r) : ''}`,
    ],
    [
      'scam-domain list',
      10,
      () => (scamDomains.length === 0 ? undefined : `${scheme()}${r.pick(scamDomains)}${scamTail(r)}`),
    ],
    [
      'generated URL indicators',
      12,
      () => {
        if (indexedUrls.length === 0) return undefined;
        const u = r.pick(indexedUrls);
        const deeper =
          u.path.endsWith('/') && r.chance(0.5) ? r.pick(['index.html', 'otp.php', 'buoc-2/']) : '';
        const query = u.query !== undefined ? `?${u.query}` : r.chance(0.3) ? `?${r.pick(TRACKING)(r)}` : '';
        return `${u.scheme}://${u.host}${u.path}${deeper}${query}`;
      },
    ],
    [
      'generated domain indicators',
      8,
      () =>
        indexedDomains.length === 0
          ? undefined
          : `${scheme()}${r.chance(0.3) ? 'www.' : ''}${r.pick(indexedDomains)}${scamTail(r)}`,
    ],
    [
      'IP hosts',
      5,
      () => {
        const ip =
          r.chance(0.5) && lists.ips.length > 0 ? r.pick(lists.ips) : ipv4Address(MISS + r.int(1_000_000));
        if (ip.includes(':')) return undefined;
        return `http://${ip}${r.chance(0.5) ? `:${r.pick([8080, 8000, 8888])}` : ''}${scamTail(r)}`;
      },
    ],
    [
      'IDN hosts',
      1,
      () =>
        `${scheme()}${r.pick(IDN_WORDS)}-${r.pick(IDN_WORDS)}${r.int(1000)}.${r.pick(['vn', 'com.vn', 'com'])}${scamTail(r)}`,
    ],
    ['clean sites', 37, () => r.pick(CLEAN_SITES)(r)],
    [
      'clean unknown domains',
      12,
      () => `${scheme()}${domainName(MISS + r.int(10_000_000), r)}${scamTail(r)}`,
    ],
  ];
  let unparsable = 0;
  while (inputs.length < INPUTS) {
    const [name, , make] = r.weighted(sources.map((s) => [s, s[1]] as const));
    const made = make();
    if (made === undefined) continue;
    const url = vary(made, r);
    // The baseline parses every input with new URL(); an input it rejects would make it throw.
    if (!URL.canParse(url)) {
      unparsable++;
      continue;
    }
    inputs.push(url);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  shuffle(inputs, r);
  info(
    `${inputs.length.toLocaleString('en')} URLs: ` +
      [...counts].map(([k, n]) => `${k} ${((100 * n) / inputs.length).toFixed(0)}%`).join(', ') +
      (unparsable > 0 ? `; ${unparsable} that new URL() rejects left out` : ''),
  );
  const lengths = inputs.map((s) => s.length).sort((a, b) => a - b);
  info(
    `length: median ${lengths[lengths.length >> 1]}, 90th percentile ${lengths[Math.floor(lengths.length * 0.9)]}`,
  );
  for (let k = 0; k < 6; k++) info(`e.g. ${inputs[k * 997]!.slice(0, 120)}`);
}

// Parse once, for the sanity counts and the breakdown's pre-parsed inputs.
const parsed: ObservableValue[] = [];
{
  let failed = 0;
  let hit = 0;
  let keyCount = 0;
  const how = new Map<string, number>();
  const failures: string[] = [];
  for (const s of inputs) {
    const r = parseObservable('url', s);
    if (!r.ok) {
      failed++;
      if (failures.length < 3) failures.push(`${s.slice(0, 60)}: ${r.error}`);
      continue;
    }
    parsed.push(r.value);
    keyCount += lookupKeys(r.value).length;
    const hits = index.match(r.value);
    if (hits.length > 0) {
      hit++;
      how.set(hits[0]!.how, (how.get(hits[0]!.how) ?? 0) + 1);
    }
  }
  info(
    `${hit.toLocaleString('en')} of ${inputs.length.toLocaleString('en')} hit (` +
      [...how].map(([k, n]) => `${k} ${n}`).join(', ') +
      `); ${(keyCount / parsed.length).toFixed(1)} lookup keys per URL on average` +
      (failed > 0 ? `; ${failed} failed to parse, e.g. ${failures.join('; ')}` : ''),
  );
}

// ── 3. Measure ──────────────────────────────────────────────────────────────────────────────────────────────

const CHUNK = 500;
function cycling<T>(items: readonly T[], work: (item: T) => number): () => number {
  let at = 0;
  return () => {
    let acc = 0;
    for (let n = 0; n < CHUNK; n++) {
      acc += work(items[at]!);
      if (++at === items.length) at = 0;
    }
    consume(acc);
    return CHUNK;
  };
}

section('URL checks: parseObservable(url) + match, vs new URL()');
const [checkRate, urlRate] = compareRates(
  [
    cycling(inputs, (s) => {
      const r = parseObservable('url', s);
      return r.ok ? index.match(r.value).length : 0;
    }),
    cycling(inputs, (s) => new URL(s).pathname.length),
  ],
  { rounds: 5, seconds: 2 },
);
info(`check rounds:   ${formatRounds(checkRate!)}`);
info(`new URL rounds: ${formatRounds(urlRate!)}`);
report({
  name: 'URL checks: parseObservable + match',
  unit: 'ops/s',
  value: checkRate!.perSecond,
  baselineName: 'new URL(s)',
  baseline: urlRate!.perSecond,
  goal: { cmp: '>=', value: RATIO_GOAL, on: 'ratio' },
  cpuShare: Math.min(checkRate!.cpuShare, urlRate!.cpuShare),
  note: `${inputs.length.toLocaleString('en')} URLs, index of ${(index.size / 1e6).toFixed(2)} M indicators`,
});

const [oneCanonRate, urlRate2] = compareRates(
  [
    cycling(inputs, (s) => {
      const u = canonicalizeUrl(s);
      if (!u.ok) return 0;
      const v: ObservableValue = {
        kind: 'url',
        canonical: u.value.url,
        indicatorKeys: [],
        url: u.value,
        details: {},
      };
      return index.match(v).length;
    }),
    cycling(inputs, (s) => new URL(s).pathname.length),
  ],
  { rounds: 5, seconds: 1 },
);
report({
  name: 'URL checks: canonicalizeUrl + match',
  unit: 'ops/s',
  value: oneCanonRate!.perSecond,
  baselineName: 'new URL(s)',
  baseline: urlRate2!.perSecond,
  goal: { cmp: '>=', value: RATIO_GOAL, on: 'ratio' },
  cpuShare: Math.min(oneCanonRate!.cpuShare, urlRate2!.cpuShare),
  note: 'canonicalizeUrl alone, without the rest of parseObservable (the indicator key, the details)',
});

section('breakdown (each step alone, same inputs)');
const canonical = parsed.map((v) => v.url!);
const steps: readonly (readonly [string, () => number])[] = [
  ['new URL(s)', cycling(inputs, (s) => new URL(s).pathname.length)],
  ['canonicalizeUrl(s)', cycling(inputs, (s) => (canonicalizeUrl(s).ok ? 1 : 0))],
  ["parseObservable('url', s)", cycling(inputs, (s) => (parseObservable('url', s).ok ? 1 : 0))],
  ['urlLookupExpressions(u)', cycling(canonical, (u) => urlLookupExpressions(u).length)],
  ['lookupKeys(v) (expressions + domain keys)', cycling(parsed, (v) => lookupKeys(v).length)],
  ['match(v), v parsed (lookupKeys + probes + hits)', cycling(parsed, (v) => index.match(v).length)],
  [
    'the whole check: parseObservable + match',
    cycling(inputs, (s) => {
      const r = parseObservable('url', s);
      return r.ok ? index.match(r.value).length : 0;
    }),
  ],
];
const rates = compareRates(
  steps.map(([, step]) => step),
  { rounds: 3, seconds: 1 },
);
const checkSeconds = 1 / rates[steps.length - 1]!.perSecond;
for (const [k, [name]] of steps.entries()) {
  const rate = rates[k]!.perSecond;
  const share = `  ${Math.round(100 / rate / checkSeconds)
    .toString()
    .padStart(3)}% of a check`;
  info(
    `${name.padEnd(50)} ${formatValue(rate, 'ops/s').padStart(10)}  ${formatValue(1 / rate, 's').padStart(9)} per URL${share}` +
      `  (cpu ${Math.round(rates[k]!.cpuShare * 100)}%)`,
  );
}

info(`peak RSS ${formatValue(process.resourceUsage().maxRSS * 1024, 'B')}`);
