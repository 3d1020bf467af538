import { parse } from 'tldts';
import { SHORTENER_DOMAINS } from '../../check/known-domains.js';
import { linkWordBefore } from './context-words.js';
import type { HostRead } from './link-reader.js';

/*
 * When is `word.word` a domain? Free text is full of dots that are not: "Xin chào.Bạn" (no space after a full
 * stop), 1.2.3, 10.30, 500.000đ, T.P.HCM, "TP.HN". The rule, for a name written without a scheme or `www.`:
 *
 *   1. Its public suffix is real (ICANN or private section of the Public Suffix List; `parseDomain` alone
 *      accepts any last label, so tldts is asked directly), and the last label is ASCII letters.
 *   2. And one of:
 *      a. a path or port follows (`bit.ly/3abc`, `zalo.me/0912345678`);
 *      b. it was defanged (`[.]`, `(dot)`…) or written with fullwidth or ideographic stops, or mixes
 *         scripts: nobody writes a sentence that way;
 *      c. the last label is a COMMON suffix (com, net, vn, xyz, top…) not written in Titlecase, and the
 *         name is ASCII: "ban.Co", "nha.Me", "Đi ăn.com chưa" are sentences missing a space, "abc.com" and
 *         "ABC.COM" are names;
 *      d. a link word comes before it in the sentence ("truy cập", "link", "website", "visitez"), and the
 *         last label is neither Titlecase nor an everyday word of Vietnamese, English or French that happens
 *         to be a suffix (.me, .co, .la, .de, .xin, .moi…).
 *
 * Spaces around a dot (`vcb . com . vn`, `abc .xyz`) are obfuscation, so they join labels, but the result
 * must still pass this rule. `www.` names need only rule 1. A scheme (`http://`, `hxxps[:]//`) needs nothing.
 */

// prettier-ignore
const COMMON = new Set([
  'com', 'net', 'org', 'info', 'biz', 'vn', 'xyz', 'top', 'online', 'site', 'club', 'shop', 'store', 'app',
  'icu', 'cyou', 'buzz', 'sbs', 'cfd', 'bond', 'click', 'link', 'live', 'vip', 'asia', 'pro', 'tk', 'ml',
  'cf', 'gq', 'io', 'ly', 'cc', 'pw', 'ws', 'mobi', 'tech', 'website', 'space', 'cloud', 'finance', 'money',
  'work', 'ru', 'cn', 'uk', 'fr', 'eu',
]);

// Suffixes that are also everyday words of Vietnamese (written without diacritics), English or French, and
// so cannot be trusted on a link word alone.
// prettier-ignore
const WORDY = new Set([
  'ai', 'am', 'ao', 'as', 'at', 'ba', 'be', 'bi', 'bo', 'by', 'ca', 'cam', 'co', 'cu', 'de', 'do', 'et', 'ga',
  'gi', 'hu', 'il', 'in', 'is', 'it', 'kim', 'la', 'loan', 'ma', 'me', 'men', 'mo', 'moi', 'mom', 'mu', 'my',
  'na', 'ne', 'ng', 'no', 'nu', 'se', 'so', 'to', 'us', 've', 'vi', 'vu', 'xin', 'you', 'how', 'now', 'new',
  'one', 'win', 'day', 'fun', 'here', 'like', 'help', 'free', 'show', 'today', 'life', 'world', 'love',
]);

const TLD_OPTIONS = {
  allowPrivateDomains: true,
  extractHostname: false,
  validateHostname: false,
  detectIp: false,
  mixedInputs: false,
} as const;

const SHORTENERS = new Set(SHORTENER_DOMAINS);

/** Whether `domain` (lowercase ASCII) ends in a listed public suffix and has a registrable part. */
export function hasRealSuffix(domain: string): boolean {
  const p = parse(domain, TLD_OPTIONS);
  return p.domain !== null && (p.isIcann === true || p.isPrivate === true);
}

/** Whether `host` (lowercase ASCII) is a URL shortener or a subdomain of one. */
export function isShortener(host: string): boolean {
  if (SHORTENERS.has(host)) return true;
  const dot = host.indexOf('.');
  return dot > 0 && SHORTENERS.has(host.slice(dot + 1));
}

/** Whether the last label of `read` is ASCII letters (fullwidth ones too), at least two: a TLD may be. */
export function tldLooksAlphabetic(text: string, read: HostRead): boolean {
  if (read.tldEnd - read.tldStart < 2) return false;
  for (let i = read.tldStart; i < read.tldEnd; i++) {
    const c = text.charCodeAt(i) | 0x20;
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0xff41 && c <= 0xff5a))) return false;
  }
  return true;
}

/** Whether the label is written Titlecase (`Co`, `Online`), as the first word of a sentence is. */
function isTitlecase(text: string, from: number, to: number): boolean {
  const first = text.charCodeAt(from);
  if (!(first >= 0x41 && first <= 0x5a)) return false;
  for (let i = from + 1; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) return true;
  }
  return false;
}

/**
 * Rule 2 above for a bare name `read` starting at `start`, whose canonical form is `domain` (lowercase
 * ASCII); `hasPath` says a path or port follows, `disguised` that it mixes scripts or uses fullwidth forms.
 */
export function bareNameIsLink(
  text: string,
  start: number,
  read: HostRead,
  domain: string,
  hasPath: boolean,
  disguised: boolean,
): boolean {
  if (hasPath || read.defanged || read.unicodeDot || disguised) return true;
  if (isTitlecase(text, read.tldStart, read.tldEnd)) return false;
  const last = domain.slice(domain.lastIndexOf('.') + 1);
  if (COMMON.has(last) && !read.nonAscii) return true;
  return !WORDY.has(last) && linkWordBefore(text, start);
}
