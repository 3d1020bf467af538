// URL canonicalization exactly as Google Safe Browsing specifies it (v4 "URLs and Hashing"), so that every
// spelling of one link (escapes, case, dots, IPv4 as a number, default port, fragment) reaches one key, and our
// keys agree with Safe Browsing's. The work happens on a "binary string": the URL's UTF-8 bytes, one char per
// byte, because unescaping can produce bytes that are not UTF-8 and Google escapes them byte by byte.

import { asciiBytes } from './ascii-bytes.js';
import { isBlank } from './blank.js';
import { Buffer, isUtf8 } from 'node:buffer';
import { domainToASCII } from 'node:url';
import { refang } from './defang.js';
import { IPV4_INVALID, formatIpv4, parseIpv4Host } from './ipv4-host.js';
import { fail, ok } from './observable.js';
import type { ParseResult } from './observable.js';

/** A URL in Safe Browsing canonical form; host, path and query are already percent-escaped. */
export interface CanonicalUrl {
  /** The whole canonical URL, e.g. http://evil.example/login/ */
  readonly url: string;
  /** http, https or ftp. */
  readonly scheme: string;
  /** Lowercase punycode name, dotted-quad IPv4, or bracketed IPv6; no port, no userinfo. */
  readonly host: string;
  readonly hostIsIp: boolean;
  /** Starts with '/'; dot segments resolved and runs of '/' collapsed. */
  readonly path: string;
  /** After the first '?', as written; '' for a bare '?', undefined when there is none. */
  readonly query: string | undefined;
}

/** Longest input accepted, in characters and again in UTF-8 bytes. */
export const MAX_URL_LENGTH = 8192;

const SUPPORTED_SCHEMES = new Set(['http', 'https', 'ftp']);
const TAB_CR_LF = /[\t\n\r]/g;
const NON_ASCII = /[^\p{ASCII}]/u;
const HIGH_BYTE = /[\x80-\xff]/;
const HAS_UPPER_ASCII = /[A-Z]/;
const UPPER_ASCII_RUNS = /[A-Z]+/g;
// eslint-disable-next-line no-control-regex -- the control bytes are exactly what must be escaped
const NEEDS_ESCAPE = /[\x00-\x20\x7f-\xff#%]/;
// eslint-disable-next-line no-control-regex -- as above, plus the backslash (see escapePath)
const PATH_NEEDS_ESCAPE = /[\x00-\x20\x7f-\xff#%\\]/;
const BAD_HOST_CHAR = /[[\]\\]/;
const HEX_DIGITS = '0123456789ABCDEF';

/** Canonicalizes a URL (refanged first) as Safe Browsing does; fails with a message for anything else. */
export function canonicalizeUrl(input: string): ParseResult<CanonicalUrl> {
  return canonicalizePlainUrl(input) ?? canonicalizeUrlFully(input);
}

/**
 * The fast path for the common link that needs next to nothing done: `http://` or `https://` (any case), a host
 * of ASCII letters, digits, `-`, `_` and single inner dots, perhaps a port, then a path and query of printable
 * ASCII without `\` or an opening bracket (nothing to refang), whose only `%`s begin escapes of bytes that stay
 * escaped (controls, space, `#`, and bytes from 0x7f up, such as the UTF-8 of Vietnamese text): those are left
 * as they are, their hex digits in upper case. It gives exactly what `canonicalizeUrlFully` gives (url.test.ts
 * checks it on every test input and on random links), or `undefined` for anything else, which then takes the
 * full path. It reads the input's bytes from one buffer, which is as fast for every kind of string V8 makes.
 */
export function canonicalizePlainUrl(input: string): ParseResult<CanonicalUrl> | undefined {
  const n = input.length;
  if (n > MAX_URL_LENGTH || n < 8) return undefined;
  const b = asciiBytes(input);
  if (b === undefined) return undefined;
  // The scheme, in any case: 'http' then ':' or 's:', then '//'.
  if (
    (b[0]! | 0x20) !== 0x68 ||
    (b[1]! | 0x20) !== 0x74 ||
    (b[2]! | 0x20) !== 0x74 ||
    (b[3]! | 0x20) !== 0x70
  )
    return undefined;
  let i = 4;
  const secure = (b[4]! | 0x20) === 0x73;
  if (secure) i++;
  if (b[i] !== 0x3a || b[i + 1] !== 0x2f || b[i + 2] !== 0x2f) return undefined;
  let same = b[0] === 0x68 && b[1] === 0x74 && b[2] === 0x74 && b[3] === 0x70 && (!secure || b[4] === 0x73);

  // The host: no empty label (leading, trailing or doubled dots go the full way). A host with a letter past
  // 'f' (but 'x'), a '-' or a '_' cannot spell an IPv4 address.
  const hostStart = i + 3;
  let afterDot = true;
  let maybeIp = true;
  let c = 0;
  for (i = hostStart; i < n; i++) {
    c = b[i]!;
    if (c >= 0x30 && c <= 0x39) afterDot = false;
    else if (c >= 0x61 && c <= 0x7a) {
      afterDot = false;
      if (c > 0x66 && c !== 0x78) maybeIp = false;
    } else if (c === 0x2e) {
      if (afterDot) return undefined;
      afterDot = true;
    } else if (c >= 0x41 && c <= 0x5a) {
      afterDot = false;
      same = false;
      if (c > 0x46 && c !== 0x58) maybeIp = false;
    } else if (c === 0x2d || c === 0x5f) {
      afterDot = false;
      maybeIp = false;
    } else break;
  }
  if (afterDot) return undefined; // an empty host, or a trailing dot
  const hostEnd = i;
  if (i < n && c === 0x3a) {
    // A port, dropped: digits only, up to the path, the query or the fragment.
    same = false;
    for (i++; i < n; i++) {
      c = b[i]!;
      if (c < 0x30 || c > 0x39) break;
    }
  }
  if (i < n && c !== 0x2f && c !== 0x3f && c !== 0x23) return undefined; // userinfo, a backslash, a space…

  // The path and the query: printable ASCII, nothing to refang, escapes only of bytes that stay escaped; '#'
  // ends them. "//", "/." or "/.." in the path must be resolved.
  const pathStart = i;
  let end = n;
  let question = -1;
  let dotSegment = false;
  let lowerHex = false;
  for (; i < n; i++) {
    c = b[i]!;
    if (c < 0x21 || c > 0x7e) return undefined;
    if (c === 0x25) {
      // '%': an escape of a byte that unescaping then escaping again gives back (not '%', which could join
      // what follows into another escape, nor any other printable character, which would be unescaped).
      if (i + 2 >= n) return undefined;
      const high = hexValue(b[i + 1]);
      const low = hexValue(b[i + 2]);
      if (high < 0 || low < 0) return undefined;
      const byte = high * 16 + low;
      if (byte > 0x20 && byte < 0x7f && byte !== 0x23) return undefined;
      if (b[i + 1]! > 0x60 || b[i + 2]! > 0x60) lowerHex = true;
      i += 2;
    } else if (c === 0x23) {
      end = i;
      break;
    } else if (c === 0x5c || c === 0x5b || c === 0x28 || c === 0x7b) {
      return undefined; // '\\', or an opening bracket ("[.]", "(dot)"): refanging is the full path's
    } else if (c === 0x3f) {
      if (question < 0) question = i;
    } else if (c === 0x2f && question < 0 && i + 1 < n) {
      const next = b[i + 1];
      if (next === 0x2f || next === 0x2e) dotSegment = true;
    }
  }
  const pathEnd = question < 0 ? end : question;

  let host = input.slice(hostStart, hostEnd);
  if (!same) host = host.toLowerCase();
  let hostIsIp = false;
  if (maybeIp) {
    const ipv4 = parseIpv4Host(host);
    if (ipv4 === IPV4_INVALID) return undefined; // the full path says why
    if (ipv4 >= 0) {
      const quad = formatIpv4(ipv4);
      if (quad !== host) same = false;
      host = quad;
      hostIsIp = true;
    }
  }
  let path: string;
  if (pathEnd === pathStart) {
    path = '/';
    same = false;
  } else {
    path = input.slice(pathStart, pathEnd);
    if (dotSegment) {
      const resolved = canonicalPath(path);
      if (resolved !== path) same = false;
      path = resolved;
    }
    if (lowerHex) path = upperCaseEscapes(path);
  }
  let query = question < 0 ? undefined : input.slice(question + 1, end);
  if (lowerHex) {
    if (query !== undefined) query = upperCaseEscapes(query);
    same = false;
  }
  const scheme = secure ? 'https' : 'http';
  const url = same
    ? end === n
      ? input
      : input.slice(0, end)
    : `${scheme}://${host}${path}${query === undefined ? '' : '?' + query}`;
  return ok({ url, scheme, host, hostIsIp, path, query });
}

const ESCAPE = /%[0-9a-fA-F]{2}/g;

function upperCaseEscapes(s: string): string {
  return s.replace(ESCAPE, (e) => e.toUpperCase());
}

/** Canonicalizes a URL along the general path only: the reference the fast path is tested against. */
export function canonicalizeUrlFully(input: string): ParseResult<CanonicalUrl> {
  if (input.length > MAX_URL_LENGTH) return fail(`URL is longer than ${MAX_URL_LENGTH} characters`);
  let s = refang(input);
  if (s.includes('\t') || s.includes('\n') || s.includes('\r')) s = s.replace(TAB_CR_LF, '');
  const hash = s.indexOf('#');
  if (hash >= 0) s = s.slice(0, hash);
  s = trimBlanks(s);
  if (s === '') return fail('URL is empty');
  s = backslashesToSlashes(s);
  if (NON_ASCII.test(s)) {
    s = Buffer.from(s, 'utf8').toString('latin1');
    if (s.length > MAX_URL_LENGTH) return fail(`URL is longer than ${MAX_URL_LENGTH} bytes`);
  }
  s = unescapeFully(dropUserinfo(s));

  let scheme = 'http';
  let start = 0;
  const colon = schemeColon(s);
  if (colon > 0) {
    scheme = s.slice(0, colon).toLowerCase();
    if (!SUPPORTED_SCHEMES.has(scheme)) {
      return fail(`scheme '${clip(scheme)}' is not supported: only http, https and ftp links are checked`);
    }
    if (!s.startsWith('//', colon + 1)) return fail(`expected '//' after '${scheme}:'`);
    start = colon + 3;
  } else if (s.startsWith('//')) {
    start = 2; // scheme-relative, as copied from a page's source
  }

  const question = s.indexOf('?', start);
  const pathEnd = question < 0 ? s.length : question;
  let slash = s.indexOf('/', start);
  if (slash < 0 || slash > pathEnd) slash = pathEnd;

  const host = canonicalHost(s, start, slash);
  if (typeof host === 'string') return fail(host);
  let name = host.name;
  let path = escapePath(canonicalPath(s.slice(slash, pathEnd)));
  let query = question < 0 ? undefined : escapeBytes(s.slice(question + 1));
  let url = `${scheme}://${name}${path}${query === undefined ? '' : '?' + query}`;
  if (DEFANG_OPENER.test(url) && refang(url) !== url) {
    // An escaped defanged form ("%5B.%5D", "%28at%29") came out unescaped: keep it escaped, or a second
    // canonicalization would refang it into something else.
    name = escapeDefangOpeners(name);
    path = escapeDefangOpeners(path);
    query = query === undefined ? undefined : escapeDefangOpeners(query);
    url = `${scheme}://${name}${path}${query === undefined ? '' : '?' + query}`;
  }
  return ok({ url, scheme, host: name, hostIsIp: host.isIp, path, query });
}

const DEFANG_OPENER = /[[({\\]/;
const DEFANG_OPENERS = /[[({\\]/g;
const OPENER_ESCAPES: Readonly<Record<string, string>> = { '[': '%5B', '(': '%28', '{': '%7B', '\\': '%5C' };

function escapeDefangOpeners(s: string): string {
  return DEFANG_OPENER.test(s) ? s.replace(DEFANG_OPENERS, (c) => OPENER_ESCAPES[c] ?? c) : s;
}

// Removes leading and trailing ASCII controls, spaces and the Unicode blanks that pasting drags along.
function trimBlanks(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isBlank(s.charCodeAt(a))) a++;
  while (b > a && isBlank(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

// The userinfo goes before any unescaping, as a browser splits the authority first: in
// http://bank.example%2F@evil.example/ the host is evil.example, and unescaping first would check bank.example.
function dropUserinfo(s: string): string {
  const colon = schemeColon(s);
  // Only a URL written with its authority marked ('scheme://' or '//'): "bryner@google.com" is an e-mail.
  const start = colon > 0 && s.startsWith('//', colon + 1) ? colon + 3 : s.startsWith('//') ? 2 : -1;
  if (start < 0) return s;
  let end = start;
  while (end < s.length) {
    const c = s.charCodeAt(end);
    if (c === 0x2f || c === 0x3f) break; // '/' or '?'
    end++;
  }
  const at = s.lastIndexOf('@', end - 1);
  return at >= start ? s.slice(0, start) + s.slice(at + 1) : s;
}

// Browsers read '\' as '/' before the query in http(s) URLs, so http://evil.example\@bank.example/ goes to
// evil.example; reading it as userinfo would check the wrong host.
function backslashesToSlashes(s: string): string {
  const backslash = s.indexOf('\\');
  if (backslash < 0) return s;
  const question = s.indexOf('?');
  if (question >= 0 && question < backslash) return s;
  const head = question < 0 ? s : s.slice(0, question);
  return head.replaceAll('\\', '/') + (question < 0 ? '' : s.slice(question));
}

let scratch = Buffer.allocUnsafe(1024);

// Percent-unescapes until nothing changes, in one pass: a decoded byte can complete an escape with what precedes
// it ("%%32%35" gives "%25", then "%"), so the tail of the output is folded again after each byte. Escapes never
// overlap, so this reaches the same result as Google's repeated passes, in linear time.
function unescapeFully(s: string): string {
  if (!s.includes('%')) return s;
  const n = s.length;
  if (scratch.length < n) scratch = Buffer.allocUnsafe(Math.max(n, scratch.length * 2));
  const out = scratch;
  let len = 0;
  for (let i = 0; i < n; i++) {
    out[len++] = s.charCodeAt(i);
    while (len >= 3 && out[len - 3] === 0x25) {
      const high = hexValue(out[len - 2]);
      const low = hexValue(out[len - 1]);
      if (high < 0 || low < 0) break;
      out[len - 3] = high * 16 + low;
      len -= 2;
    }
  }
  return len === n ? s : out.toString('latin1', 0, len);
}

function hexValue(c: number | undefined): number {
  if (c === undefined) return -1;
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

// The index of the ':' ending a scheme, or -1. "localhost:8080/" and "evil.example:81" are a host and a port,
// not a scheme, so a colon followed by digits and then '/', '?' or the end does not count.
function schemeColon(s: string): number {
  const first = s.charCodeAt(0) | 0x20;
  if (first < 0x61 || first > 0x7a) return -1;
  let i = 1;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const lower = c | 0x20;
    if (
      (lower >= 0x61 && lower <= 0x7a) ||
      (c >= 0x30 && c <= 0x39) ||
      c === 0x2b ||
      c === 0x2d ||
      c === 0x2e
    ) {
      continue;
    }
    break;
  }
  if (s.charCodeAt(i) !== 0x3a) return -1;
  let j = i + 1;
  while (j < s.length && s.charCodeAt(j) >= 0x30 && s.charCodeAt(j) <= 0x39) j++;
  if (j > i + 1 && (j === s.length || s.charCodeAt(j) === 0x2f || s.charCodeAt(j) === 0x3f)) return -1;
  // "evil.example:abc" is a malformed host, not a scheme; real schemes with dots are followed by '//'.
  if (s.lastIndexOf('.', i) >= 0 && !s.startsWith('//', i + 1)) return -1;
  return i;
}

interface Host {
  readonly name: string;
  readonly isIp: boolean;
}

// Canonicalizes the host inside s[start, end) (the authority); returns it, or a message saying why it fails.
function canonicalHost(s: string, start: number, end: number): Host | string {
  const at = s.lastIndexOf('@', end - 1);
  if (at >= start) start = at + 1; // userinfo
  if (s.charCodeAt(start) === 0x5b /* [ */) return ipv6Host(s, start, end);
  const colon = s.indexOf(':', start);
  if (colon >= 0 && colon < end) {
    for (let i = colon + 1; i < end; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x30 || c > 0x39) return `port '${clip(escapeBytes(s.slice(colon + 1, end)))}' is not a number`;
    }
    end = colon;
  }
  let name = s.slice(start, end);
  if (HIGH_BYTE.test(name)) name = idnaToAscii(name);
  name = collapseDots(name);
  if (name === '') return 'URL has no host';
  if (HAS_UPPER_ASCII.test(name)) name = name.replace(UPPER_ASCII_RUNS, (m) => m.toLowerCase());
  const ipv4 = parseIpv4Host(name);
  if (ipv4 >= 0) return { name: formatIpv4(ipv4), isIp: true };
  if (ipv4 === IPV4_INVALID) return `host '${clip(name)}' is not a valid IPv4 address`;
  const bad = BAD_HOST_CHAR.exec(name);
  if (bad !== null) return `host '${clip(escapeBytes(name))}' contains the invalid character '${bad[0]}'`;
  return { name: escapeBytes(name), isIp: false };
}

// IDNA for a host whose bytes are UTF-8 text. Bytes that are not UTF-8, or text IDNA refuses, stay as they are
// to be percent-escaped: Google canonicalizes http://\x01\x80.com/ to http://%01%80.com/ rather than rejecting it.
function idnaToAscii(name: string): string {
  const bytes = Buffer.from(name, 'latin1');
  if (!isUtf8(bytes)) return name;
  const ascii = domainToASCII(collapseDots(bytes.toString('utf8')));
  return ascii === '' ? name : ascii;
}

function collapseDots(name: string): string {
  if (!name.includes('..') && !name.startsWith('.') && !name.endsWith('.')) return name;
  let out = '';
  for (const label of name.split('.')) {
    if (label === '') continue;
    out = out === '' ? label : out + '.' + label;
  }
  return out;
}

const IPV4_MAPPED = '[::ffff:';
const NAT64 = '[64:ff9b::';

// A bracketed IPv6 literal in WHATWG serialization (compressed, lowercase); IPv4-mapped and NAT64 (64:ff9b::/96)
// addresses become the IPv4 address they carry, as the Safe Browsing v5 reference asks.
function ipv6Host(s: string, start: number, end: number): Host | string {
  const close = s.indexOf(']', start);
  if (close < 0 || close >= end) return "IPv6 host has no closing ']'";
  for (let i = close + 1; i < end; i++) {
    const c = s.charCodeAt(i);
    if (!(c >= 0x30 && c <= 0x39) && !(i === close + 1 && c === 0x3a))
      return 'invalid characters after the IPv6 host';
  }
  const literal = `http://${s.slice(start, close + 1)}/`;
  if (!URL.canParse(literal))
    return `'${clip(escapeBytes(s.slice(start, close + 1)))}' is not a valid IPv6 address`;
  const name = new URL(literal).hostname;
  const prefix = name.startsWith(IPV4_MAPPED) ? IPV4_MAPPED : name.startsWith(NAT64) ? NAT64 : undefined;
  if (prefix !== undefined) {
    const groups = name.slice(prefix.length, -1).split(':');
    const embedded = prefix === IPV4_MAPPED && groups.length !== 2 ? undefined : groupsToIpv4(groups);
    if (embedded !== undefined) return { name: embedded, isIp: true };
  }
  return { name, isIp: true };
}

function groupsToIpv4(groups: string[]): string | undefined {
  if (groups.length > 2) return undefined;
  let address = 0;
  for (const group of groups) address = address * 0x10000 + (group === '' ? 0 : parseInt(group, 16));
  return formatIpv4(address);
}

// Resolves "." and ".." segments (RFC 3986) and collapses runs of '/'; a trailing slash survives.
function canonicalPath(path: string): string {
  if (path.length <= 1) return '/';
  if (!path.includes('//') && !path.includes('/.')) return path;
  const segments = path.split('/');
  const last = segments[segments.length - 1];
  const trailingSlash = last === '' || last === '.' || last === '..';
  const kept: string[] = [];
  for (let k = 1; k < segments.length; k++) {
    const segment = segments[k];
    if (segment === undefined || segment === '' || segment === '.') continue;
    if (segment === '..') kept.pop();
    else kept.push(segment);
  }
  if (kept.length === 0) return '/';
  return '/' + kept.join('/') + (trailingSlash ? '/' : '');
}

// Percent-escapes bytes <= 0x20, >= 0x7f, '#' and '%' in uppercase hex, leaving every other byte as it is.
function escapeBytes(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 0x20 || c >= 0x7f || c === 0x23 || c === 0x25) {
      out += s.slice(from, i) + '%' + HEX_DIGITS.charAt(c >> 4) + HEX_DIGITS.charAt(c & 0x0f);
      from = i + 1;
    }
  }
  return out + s.slice(from);
}

// Escapes a path as escapeBytes does, and its backslashes too. A backslash in a canonical path can only come
// from an escape (%5C): typed ones became '/' (see backslashesToSlashes). Left bare, a second canonicalization
// would read it as typed and make it '/', so canonicalizing twice would not give the same URL; escaped, it
// stays %5C, which is also what a browser sends for it.
function escapePath(path: string): string {
  if (!PATH_NEEDS_ESCAPE.test(path)) return path;
  const escaped = escapeBytes(path);
  return escaped.includes('\\') ? escaped.replaceAll('\\', '%5C') : escaped;
}

// Keeps messages short when the offending text is long.
function clip(text: string): string {
  return text.length > 40 ? text.slice(0, 40) + '…' : text;
}
