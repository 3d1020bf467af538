import {
  asciiEqualsAt,
  isAsciiLetter,
  isBlank,
  isDigit,
  isInlineSpace,
  isLabelChar,
} from './char-classes.js';
import { extractEmail } from './emails.js';
import { extracted, type Extracted } from './extracted.js';
import { readPath, trimTrailing } from './link-path.js';
import { atFormEnd, bracketEnd, readHost, schemeEnd, type HostRead } from './link-reader.js';
import { bareNameIsLink, isShortener, tldLooksAlphabetic } from './link-rules.js';
import { hostLookalike, NOT_LOOKALIKE, type Lookalike } from './lookalike.js';
import { parseDomainCached, parseUrlCached } from './parse-cache.js';

// Links, and the e-mail addresses the same reading finds. A link with a scheme or `www.`, or with a path, is
// reported as a `url`; a bare name (`vcb-xacthuc[.]com`) as a `domain`, since nothing says which page of it
// the message means. Which bare names count is decided in link-rules.ts.

/**
 * Whether a link or address may go on after the word `text[start, end)`: a dot of any form or `\.` followed
 * by a label, an at-sign or bracketed at, a bracketed dot, spaces before a dot or bracket, or the colon of a
 * scheme. Most full stops are followed by a space, so a sentence's last word costs nothing more.
 */
export function mayContinueLink(text: string, start: number, end: number): boolean {
  const c = text.charCodeAt(end);
  if (c === 0x2e || c === 0xff0e || c === 0x3002 || c === 0xff61) return startsLabel(text, end + 1);
  if (c === 0x40) return startsLabel(text, end + 1);
  if (c === 0x3a) return end - start <= 5 && text.charCodeAt(end + 1) === 0x2f;
  if (c === 0x5c) return text.charCodeAt(end + 1) === 0x2e;
  if (c === 0x5b || c === 0x28 || c === 0x7b) return isBracketForm(text, end);
  if (!isInlineSpace(c)) return false;
  let k = end + 1;
  if (isInlineSpace(text.charCodeAt(k))) k++;
  const d = text.charCodeAt(k);
  if (d === 0x2e) {
    k++;
    if (isInlineSpace(text.charCodeAt(k))) k++;
    if (isInlineSpace(text.charCodeAt(k))) k++;
    return startsLabel(text, k);
  }
  return (d === 0x5b || d === 0x28 || d === 0x7b) && isBracketForm(text, k);
}

/** Whether a label character other than a hyphen is at `i`. */
function startsLabel(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c !== 0x2d && isLabelChar(c);
}

/** Whether a bracketed dot or at (`[.]`, `(dot)`, `[at]`) or a defanged scheme colon (`[:]`) opens at `i`. */
function isBracketForm(text: string, i: number): boolean {
  const next = text.charCodeAt(i + 1);
  if (next === 0x3a) return true;
  return bracketEnd(text, i, false) >= 0 || bracketEnd(text, i, true) >= 0;
}

// Where the last failed attempt stopped reading; see lastAttemptEnd.
let attemptEnd = 0;

/**
 * Where the last call to `extractLinkAt` that found nothing stopped reading: an attempt from a later word
 * before that offset would read the same labels and fail the same way, so the scanner does not make it.
 */
export function lastAttemptEnd(): number {
  return attemptEnd;
}

/**
 * Appends the link or e-mail address starting at the word `text[start, wordEnd)`, if there is one; returns
 * its end, or -1. `floor` is the end of the previous finding, which an address's local part cannot pass.
 */
export function extractLinkAt(
  text: string,
  start: number,
  wordEnd: number,
  floor: number,
  out: Extracted[],
): number {
  attemptEnd = wordEnd;
  if (isAsciiLetter(text.charCodeAt(start))) {
    const hostStart = schemeEnd(text, start, wordEnd);
    if (hostStart >= 0) return extractSchemeLink(text, start, hostStart, out);
  }
  const read = readHost(text, start);
  if (read === undefined) return -1;
  attemptEnd = read.end;
  const domainStart = atFormEnd(text, read.end);
  if (domainStart >= 0) return extractEmail(text, read.end, domainStart, floor, out);
  if (read.labels < 2) return -1;

  const pathEnd = readPath(text, read.end);
  const hasPath = pathEnd > read.end;
  if (isIpv4(read.host)) {
    // A bare dotted quad is as likely a version or a reference; with a path or port it is a link.
    if (!hasPath) return -1;
    return emitUrl(text, start, pathEnd, hostAndPath(text, start, read, pathEnd), NOT_LOOKALIKE, out);
  }
  if (!tldLooksAlphabetic(text, read)) return -1;
  const look = disguise(read);
  const domain = parseDomainCached(read.host);
  if (domain === undefined || !domain.realSuffix) return -1;
  const www = read.host.length > 4 && asciiEqualsAt(text, start, 'www') && read.host.charCodeAt(3) === 0x2e;
  if (!www && !bareNameIsLink(text, start, read, domain.value.canonical, hasPath, look.lookalike)) return -1;
  if (!www && !hasPath) {
    out.push(
      extracted('domain', domain.value, text, start, read.end, {
        shortened: isShortener(domain.value.canonical),
        lookalike: look.lookalike,
        skeleton: look.skeleton,
      }),
    );
    return read.end;
  }
  return emitUrl(text, start, pathEnd, hostAndPath(text, start, read, pathEnd), look, out);
}

/**
 * The host read from `start`, then the text to `pathEnd`. A host joined with plain dots only is the text as
 * written: one slice, which the parse cache hashes without first flattening a concatenation.
 */
function hostAndPath(text: string, start: number, read: HostRead, pathEnd: number): string {
  if (!read.defanged && !read.spaced && !read.unicodeDot) return text.slice(start, pathEnd);
  return read.host + text.slice(read.end, pathEnd);
}

/** Appends a link written with a scheme, which needs no further evidence; returns its end, or -1. */
function extractSchemeLink(text: string, start: number, hostStart: number, out: Extracted[]): number {
  // The authority runs to the first '/', '?', '#' or blank; an '@' in it ends a userinfo, which browsers
  // skip: in http://vietcombank.com.vn@evil.example/ the host is evil.example.
  let authorityEnd = hostStart;
  for (; authorityEnd < text.length; authorityEnd++) {
    const c = text.charCodeAt(authorityEnd);
    if (c === 0x2f || c === 0x3f || c === 0x23 || isBlank(c)) break;
  }
  const at = text.lastIndexOf('@', authorityEnd - 1);
  const from = at >= hostStart ? at + 1 : hostStart;
  const read: HostRead | undefined = text.charCodeAt(from) === 0x5b ? undefined : readHost(text, from);
  let hostEnd: number;
  let host: string;
  let end: number;
  if (read !== undefined && (read.end >= authorityEnd || text.charCodeAt(read.end) === 0x3a)) {
    hostEnd = read.end;
    host = read.host;
    end = readPath(text, hostEnd);
  } else {
    // An IPv6 literal, or a host the label reader stopped in (`bad_host`): keep the authority as written.
    hostEnd = trimTrailing(text, from, authorityEnd);
    host = text.slice(from, hostEnd);
    end = hostEnd === authorityEnd ? readPath(text, hostEnd) : hostEnd;
  }
  if (host === '') return -1;
  const look = read === undefined || hostEnd !== read.end ? NOT_LOOKALIKE : disguise(read);
  // The host is the text as written unless the label reader joined labels with another dot form.
  const asWritten =
    read === undefined || hostEnd !== read.end || (!read.defanged && !read.spaced && !read.unicodeDot);
  const input = asWritten
    ? text.slice(start, end)
    : text.slice(start, from) + host + text.slice(hostEnd, end);
  return emitUrl(text, start, end, input, look, out);
}

/** Appends a `url` for `text[start, end)` parsed from `input`; returns `end`. */
function emitUrl(
  text: string,
  start: number,
  end: number,
  input: string,
  look: Lookalike,
  out: Extracted[],
): number {
  const value = parseUrlCached(input);
  const host = value?.url?.host;
  out.push(
    extracted('url', value, text, start, end, {
      shortened: host !== undefined && isShortener(host),
      lookalike: look.lookalike,
      skeleton: look.skeleton,
    }),
  );
  return end;
}

/** Whether the host read is a look-alike; plain ASCII names written with plain dots are not, at no cost. */
function disguise(read: HostRead): Lookalike {
  if (!read.nonAscii && !read.unicodeDot && !read.host.includes('xn--')) return NOT_LOOKALIKE;
  return hostLookalike(read.host, read.unicodeDot);
}

/** Whether `host` is four dot-separated numbers of at most 255. */
function isIpv4(host: string): boolean {
  let parts = 0;
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= host.length; i++) {
    const c = i < host.length ? host.charCodeAt(i) : 0x2e;
    if (c === 0x2e) {
      if (digits === 0 || value > 255) return false;
      parts++;
      value = 0;
      digits = 0;
    } else if (isDigit(c) && digits < 3) {
      value = value * 10 + (c - 48);
      digits++;
    } else {
      return false;
    }
  }
  return parts === 4;
}
