/**
 * Checks: "is this a scam?" for one value or a batch of up to 10,000 mixed values, and for QR codes. Parse
 * (kind detected when not given), match in memory, read the matched indicators in one query, keep what
 * is in force and what the caller may see, decide.
 */
import type { AllowList } from '../core/check/allow-list.js';
import { summarize } from '../core/check/summary.js';
import {
  decide,
  type Reason,
  type Verdict,
  type VerdictHit,
  type VerdictResult,
} from '../core/check/verdict.js';
import { tocsinError, type ErrorCode } from '../core/errors/errors.js';
import { indicatorStatus } from '../core/indicators/indicator.js';
import { bankByBin } from '../core/observables/banks.js';
import { isEmvcoPayload, parseEmvco, type EmvcoPayload } from '../core/observables/emvco.js';
import {
  parseAnyObservable,
  parseObservable,
  type ObservableDetails,
  type ObservableValue,
} from '../core/observables/observable-value.js';
import type { ObservableKind } from '../core/observables/observable.js';
import { decodeQrImage } from '../core/qr/decode-qr.js';
import { canSee, type Viewer } from '../core/sharing/tlp.js';
import type { Store } from '../store/store.js';
import { isoString, type Clock } from './clock.js';
import { IndicatorCache, type CachedIndicator } from './indicator-cache.js';
import type { Hit } from '../core/check/matcher.js';
import type { IndicatorIndex } from './indicator-index.js';

export const MAX_BATCH = 10_000;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface CheckItem {
  readonly value: string;
  readonly kind?: ObservableKind | undefined;
}

/** What a payment QR code (EMVCo / VietQR) asks to pay, and to whom. */
export interface PaymentInfo {
  readonly bin?: string;
  readonly bank?: string;
  readonly account?: string;
  readonly isCard?: boolean;
  readonly amount?: string;
  readonly currency?: string;
  readonly merchantName?: string;
  readonly purpose?: string;
}

export type CheckAnswer =
  | {
      readonly value: string;
      readonly kind: ObservableKind;
      readonly canonical: string;
      readonly verdict: Verdict;
      readonly score: number;
      readonly summary: string;
      readonly reasons: readonly Reason[];
      readonly details: ObservableDetails;
      readonly allowListed?: string;
      readonly reports?: number;
      readonly payment?: PaymentInfo;
    }
  | { readonly value: string; readonly error: { readonly code: ErrorCode; readonly message: string } };

/** Counts independent, untriaged citizen reports of values. */
export interface ReportCounter {
  count(kind: ObservableKind, canonical: string): number;
}

type Parsed = { ok: true; v: ObservableValue; payment?: PaymentInfo } | { ok: false; message: string };

/** An EMVCo payload means a payment: check the account it pays into. */
function parsePayment(value: string, emv: EmvcoPayload): Parsed {
  const q = emv.vietqr;
  const payment: PaymentInfo = {
    ...(emv.amount === undefined ? {} : { amount: emv.amount }),
    ...(emv.currency === undefined ? {} : { currency: emv.currency }),
    ...(emv.merchantName === undefined ? {} : { merchantName: emv.merchantName }),
    ...(emv.purpose === undefined ? {} : { purpose: emv.purpose }),
  };
  if (q === undefined)
    return {
      ok: false,
      message: 'an EMVCo payment code with no VietQR account (tag 38) in it: nothing Tocsin can check',
    };
  const bank = bankByBin(q.bin)?.short;
  // In the answer schema's order (the answer is written with JSON.stringify: see routes/check.ts).
  const full: PaymentInfo = {
    bin: q.bin,
    ...(bank === undefined ? {} : { bank }),
    account: q.account,
    isCard: q.isCard,
    ...payment,
  };
  const acct = parseObservable('bank-account', q.isCard ? q.account : `${q.bin}:${q.account}`);
  if (!acct.ok)
    return {
      ok: false,
      message: `the VietQR code pays into ${q.bin}:${q.account}, which is not a checkable account: ${acct.error}`,
    };
  return { ok: true, v: acct.value, payment: full };
}

function parseItem(item: CheckItem): Parsed {
  const value = item.value.trim();
  if (isEmvcoPayload(value) && (item.kind === undefined || item.kind === 'bank-account')) {
    const emv = parseEmvco(value);
    if (!emv.ok) return { ok: false, message: `malformed EMVCo payload: ${emv.error}` };
    return parsePayment(value, emv.value);
  }
  const r = item.kind === undefined ? parseAnyObservable(value) : parseObservable(item.kind, value);
  return r.ok ? { ok: true, v: r.value } : { ok: false, message: r.error };
}

function checkBatchSize(n: number): void {
  if (n > MAX_BATCH)
    throw tocsinError(
      'TOCSIN_ERR_BATCH_TOO_LARGE',
      `a batch holds at most ${MAX_BATCH} items; this one has ${n}`,
    );
}

function parsedValues(parsed: readonly Parsed[]): (ObservableValue | undefined)[] {
  return parsed.map((p) => (p.ok ? p.v : undefined));
}

/** The answers to `items`, from their parses and verdicts. */
function answers(
  items: readonly CheckItem[],
  parsed: readonly Parsed[],
  judged: readonly (VerdictResult | undefined)[],
): CheckAnswer[] {
  return parsed.map((p, i): CheckAnswer => {
    const value = items[i]!.value;
    const r = judged[i];
    if (!p.ok || r === undefined)
      return {
        value,
        error: { code: 'TOCSIN_ERR_INVALID_VALUE', message: p.ok ? 'no verdict' : p.message },
      };
    const v = p.v;
    const payee =
      p.payment === undefined
        ? undefined
        : `${p.payment.isCard === true ? 'card' : 'account'} ${p.payment.account ?? ''}${p.payment.bank === undefined ? '' : ` at ${p.payment.bank}`}`;
    // Optional fields set only when present, without spreading a temporary object for each (a batch
    // builds 10,000 of these).
    const answer: Mutable<Extract<CheckAnswer, { verdict: Verdict }>> = {
      value,
      kind: v.kind,
      canonical: v.canonical,
      verdict: r.verdict,
      score: r.score,
      summary: summarize(v.kind, r, payee),
      reasons: r.reasons,
      details: v.details,
    };
    if (r.allowListed !== undefined) answer.allowListed = r.allowListed;
    if (r.reports !== undefined) answer.reports = r.reports;
    if (p.payment !== undefined) answer.payment = p.payment;
    return answer;
  });
}

/** What `#match` found: each value's hits, the indicators they name, and where a value came before. */
interface Matched {
  readonly hits: readonly (readonly Hit[])[];
  readonly nums: readonly number[];
  readonly firstOf: Int32Array | undefined;
}

const CHUNK = 900;
const NO_HITS: readonly Hit[] = Object.freeze([]);
/** Indicators kept per generation of the cache (it holds one to two generations: at most ~16 MiB). */
const INDICATOR_CACHE_GENERATION = 16_384;

export class CheckService {
  readonly #store: Store;
  readonly #index: IndicatorIndex;
  readonly #allow: AllowList;
  readonly #clock: Clock;
  readonly #reports: ReportCounter | undefined;
  /**
   * Indicators read for recent hits. The index's change feed evicts what changed, so an entry is exactly as
   * fresh as the index that matched it.
   */
  readonly #cache = new IndicatorCache(INDICATOR_CACHE_GENERATION);

  constructor(deps: {
    store: Store;
    index: IndicatorIndex;
    allowList: AllowList;
    clock: Clock;
    reports?: ReportCounter;
  }) {
    this.#store = deps.store;
    this.#index = deps.index;
    this.#allow = deps.allowList;
    this.#clock = deps.clock;
    this.#reports = deps.reports;
    deps.index.onChange((changed) => {
      if (changed === 'all') this.#cache.clear();
      else for (const n of changed) this.#cache.delete(n);
    });
  }

  /**
   * A hit's key must be one of the indicator's own: the keys it was filed under, which the index was built
   * from (guards against a fingerprint collision). They are read with the indicator: parsing its canonical
   * value again to work them out cost more than reading its row's `keys` column (tldts, for domains and URLs).
   */
  static #sameTarget(e: CachedIndicator, matched: string): boolean {
    if (!matched.includes(':') || e.ind.kind === 'ip') return true;
    return e.keys.includes(matched);
  }

  /** Checks up to MAX_BATCH values, answering each in order; a bad value gets its own error entry. */
  async check(viewer: Viewer, items: readonly CheckItem[]): Promise<CheckAnswer[]> {
    checkBatchSize(items.length);
    const parsed = items.map(parseItem);
    const judged = await this.judge(viewer, parsedValues(parsed));
    return answers(items, parsed, judged);
  }

  /**
   * `check`, answered at once when every indicator it needs is in memory (the lean HTTP path's common case);
   * undefined when one must be read from the store, for `check` to do.
   */
  checkCached(viewer: Viewer, items: readonly CheckItem[]): CheckAnswer[] | undefined {
    checkBatchSize(items.length);
    const parsed = items.map(parseItem);
    const judged = this.judgeCached(viewer, parsedValues(parsed));
    return judged === undefined ? undefined : answers(items, parsed, judged);
  }

  /**
   * Verdicts for parsed values (undefined stays undefined): match in memory, read the matched indicators in
   * one query (or from the cache), keep what is in force and visible to `viewer`, decide. The check API and
   * the message scanner share it.
   */
  async judge(
    viewer: Viewer,
    values: readonly (ObservableValue | undefined)[],
  ): Promise<(VerdictResult | undefined)[]> {
    const matched = this.#match(values);
    const nums = matched.nums;
    const byNum = new Map<number, CachedIndicator>();
    const missing: number[] = [];
    for (const n of nums) {
      const cached = this.#cache.get(n);
      if (cached === undefined) missing.push(n);
      else byNum.set(n, cached);
    }
    for (let i = 0; i < missing.length; i += CHUNK) {
      for (const { indicator, keys } of await this.#store.indicators.byNums(missing.slice(i, i + CHUNK)))
        byNum.set(indicator.num, this.#cache.set(indicator, keys));
    }
    return this.#decide(viewer, values, matched, byNum);
  }

  /** `judge`, at once, when every matched indicator is in the cache; undefined when one is not. */
  judgeCached(
    viewer: Viewer,
    values: readonly (ObservableValue | undefined)[],
  ): (VerdictResult | undefined)[] | undefined {
    const matched = this.#match(values);
    const byNum = new Map<number, CachedIndicator>();
    for (const n of matched.nums) {
      const cached = this.#cache.get(n);
      if (cached === undefined) return undefined;
      byNum.set(n, cached);
    }
    return this.#decide(viewer, values, matched, byNum);
  }

  /** Each value's hits in the index, and the indicators they name; a value repeated is matched once. */
  #match(values: readonly (ObservableValue | undefined)[]): Matched {
    const matcher = this.#index.matcher;
    // A value that comes again in the batch (one account in many transfers, one link in many messages) is
    // matched and judged once: `firstOf[i]` is the index of its first occurrence, -1 for a first one. Made
    // when the first repeat turns up (most single checks and many batches have none).
    let firstOf: Int32Array | undefined;
    // Per kind, canonical value -> first index: no key string built (and hashed) per value. A single value
    // cannot repeat: no map for it (the lean HTTP path checks one value a request).
    const seen = values.length > 1 ? new Map<ObservableKind, Map<string, number>>() : undefined;
    const hits: (readonly Hit[])[] = new Array<readonly Hit[]>(values.length);
    const numSet = new Set<number>();
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === undefined) {
        hits[i] = NO_HITS;
        continue;
      }
      if (seen !== undefined) {
        let ofKind = seen.get(v.kind);
        if (ofKind === undefined) seen.set(v.kind, (ofKind = new Map<string, number>()));
        const first = ofKind.get(v.canonical);
        if (first !== undefined) {
          (firstOf ??= new Int32Array(values.length).fill(-1))[i] = first;
          hits[i] = NO_HITS;
          continue;
        }
        ofKind.set(v.canonical, i);
      }
      const hs = matcher.match(v);
      hits[i] = hs;
      for (const h of hs) numSet.add(h.num);
    }
    return { hits, nums: [...numSet], firstOf };
  }

  /** From hits and their indicators to verdicts: what is in force and visible to `viewer` decides. */
  #decide(
    viewer: Viewer,
    values: readonly (ObservableValue | undefined)[],
    { hits, firstOf }: Matched,
    byNum: ReadonlyMap<number, CachedIndicator>,
  ): (VerdictResult | undefined)[] {
    const now = this.#clock();
    const nowIso = isoString(now);
    const member = viewer.kind === 'member';
    const out: (VerdictResult | undefined)[] = new Array<VerdictResult | undefined>(values.length);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === undefined) continue;
      const first = firstOf === undefined ? -1 : firstOf[i]!;
      if (first >= 0) {
        out[i] = out[first];
        continue;
      }
      const visible: VerdictHit[] = [];
      for (const h of hits[i]!) {
        const e = byNum.get(h.num);
        // Confirm against the stored keys: a fingerprint can, in principle, collide.
        if (e === undefined || !CheckService.#sameTarget(e, h.matched)) continue;
        const ind = e.ind;
        if (indicatorStatus(ind, nowIso) !== 'active') continue;
        if (!canSee(viewer, { tlp: ind.tlp, ownerOrgId: ind.sourceOrgId, recipients: ind.recipients }))
          continue;
        visible.push({ how: h.how, matched: h.matched, indicator: ind });
      }
      out[i] = decide({
        hits: visible,
        now: now.getTime(),
        allowListed: this.#allow.matchValue(v),
        reports: this.#reports?.count(v.kind, v.canonical) ?? 0,
        member,
        allowListVouches: v.kind !== 'email',
      });
    }
    return out;
  }

  /** Decodes a QR code from a PNG or JPEG and checks what it holds: a link, a payment, or plain text. */
  async checkQr(
    viewer: Viewer,
    image: Uint8Array,
  ): Promise<{ text: string; answer: CheckAnswer | undefined }> {
    const decoded = decodeQrImage(image);
    if (!decoded.ok) {
      const noCode = /no QR code/i.test(decoded.error);
      throw tocsinError(noCode ? 'TOCSIN_ERR_NO_QR_CODE' : 'TOCSIN_ERR_INVALID_VALUE', decoded.error);
    }
    const text = decoded.value.text;
    const [answer] = await this.check(viewer, [{ value: text }]);
    // Text that is no observable at all is just text: say what it says, with no verdict to give.
    if (answer !== undefined && 'error' in answer && !isEmvcoPayload(text.trim()))
      return { text, answer: undefined };
    return { text, answer };
  }
}
