/**
 * IP addresses and CIDR ranges from untrusted text: a canonical string for storage and display, and a numeric
 * form built for matching (a uint32 for IPv4, four uint32 words for IPv6), so no BigInt is needed on hot paths.
 */
import { refang } from './defang.js';
import type { ParseResult } from './observable.js';
import { fail, ok } from './observable.js';

export interface Ipv4Value {
  readonly version: 4;
  /** Dotted quad (`192.0.2.1`); a range is `network/prefix` with the host bits zero (`10.0.0.0/8`). */
  readonly canonical: string;
  /** 0–32; 32 for a single address. */
  readonly prefix: number;
  readonly isRange: boolean;
  /** The address, or the network of a range, as an unsigned 32-bit integer. */
  readonly int: number;
}

export interface Ipv6Value {
  readonly version: 6;
  /** RFC 5952 form (`2001:db8::1`); a range is `network/prefix` with the host bits zero. */
  readonly canonical: string;
  /** 0–128; 128 for a single address. */
  readonly prefix: number;
  readonly isRange: boolean;
  /** The address, or the network of a range, as four unsigned 32-bit words, most significant first. */
  readonly words: readonly [number, number, number, number];
}

export type IpValue = Ipv4Value | Ipv6Value;

/** The mask of the top `bits` bits of a 32-bit word, as an unsigned number; `bits` is clamped to 0–32. */
export function prefixMask(bits: number): number {
  if (bits <= 0) return 0;
  if (bits >= 32) return 0xffffffff;
  return (0xffffffff << (32 - bits)) >>> 0;
}

// Longer than any address with a prefix, even defanged; bounds the work done on junk.
const MAX_INPUT = 128;

// Scanner results; negative numbers are errors so a successful scan allocates nothing.
const MALFORMED = -1;
const LEADING_ZERO = -2;
const OCTET_RANGE = -3;
const TWO_GAPS = -4;
const BAD_EMBEDDED_V4 = -5;

/** Parses an IPv4 or IPv6 address or CIDR range, defanged or not (`1.2.3[.]4`, `[2001:db8::1]`). */
export function parseIp(input: string): ParseResult<IpValue> {
  if (input.length > MAX_INPUT) return fail('too long to be an IP address or range');
  const s = unbracket(refang(input.trim()));
  if (s.length === 0) return fail('empty: expected an IP address such as 192.0.2.1 or 2001:db8::1');
  const percent = s.indexOf('%');
  if (percent >= 0) {
    return fail(
      `"${s}" has a zone id ("${s.slice(percent)}"), which only means something on one machine; remove it`,
    );
  }
  const slash = s.indexOf('/');
  const end = slash < 0 ? s.length : slash;
  let prefix = -1;
  if (slash >= 0) {
    prefix = scanPrefix(s, slash + 1);
    if (prefix < 0)
      return fail(`"${s.slice(slash)}" is not a prefix length: write /0 to /32 (IPv4) or /0 to /128 (IPv6)`);
  }
  const colon = s.indexOf(':');
  if (colon < 0 || colon > end) return parseV4(s, end, prefix);
  const dot = s.indexOf('.');
  if (dot >= 0 && dot < colon)
    return fail(`"${s}" looks like an address with a port; give the address alone`);
  return parseV6(s, end, prefix);
}

function parseV4(s: string, end: number, prefix: number): ParseResult<IpValue> {
  const int = scanV4(s, 0, end);
  if (int < 0) return fail(v4Error(s.slice(0, end), int));
  if (prefix < 0 || prefix === 32) {
    // A validated dotted quad without leading zeros is already canonical.
    return ok(v4(end === s.length ? s : formatV4(int), 32, int));
  }
  if (prefix > 32) return fail(`prefix /${prefix} is too long for IPv4 (at most /32)`);
  const net = (int & prefixMask(prefix)) >>> 0;
  if (net !== int) return fail(`${s} has host bits set; did you mean ${formatV4(net)}/${prefix}?`);
  return ok(v4(`${formatV4(net)}/${prefix}`, prefix, net));
}

function parseV6(s: string, end: number, prefix: number): ParseResult<IpValue> {
  const code = scanV6(s, end);
  if (code < 0) return fail(v6Error(s.slice(0, end), code));
  const w0 = groups[0]! * 0x10000 + groups[1]!;
  const w1 = groups[2]! * 0x10000 + groups[3]!;
  const w2 = groups[4]! * 0x10000 + groups[5]!;
  const w3 = groups[6]! * 0x10000 + groups[7]!;
  if (prefix > 128) return fail(`prefix /${prefix} is too long for IPv6 (at most /128)`);
  const p = prefix < 0 ? 128 : prefix;
  // ::ffff:a.b.c.d is an IPv4 host seen through an IPv6 socket; one indicator must have one canonical form.
  if (w0 === 0 && w1 === 0 && w2 === 0xffff && p >= 96) {
    const v4prefix = p - 96;
    const net = (w3 & prefixMask(v4prefix)) >>> 0;
    if (net !== w3) return fail(`${s} has host bits set; did you mean ${formatV4(net)}/${v4prefix}?`);
    return ok(v4(v4prefix === 32 ? formatV4(net) : `${formatV4(net)}/${v4prefix}`, v4prefix, net));
  }
  const n0 = (w0 & prefixMask(p)) >>> 0;
  const n1 = (w1 & prefixMask(p - 32)) >>> 0;
  const n2 = (w2 & prefixMask(p - 64)) >>> 0;
  const n3 = (w3 & prefixMask(p - 96)) >>> 0;
  if (n0 !== w0 || n1 !== w1 || n2 !== w2 || n3 !== w3) {
    return fail(`${s} has host bits set; did you mean ${formatV6(n0, n1, n2, n3)}/${p}?`);
  }
  const text = formatV6(w0, w1, w2, w3);
  const value: Ipv6Value = {
    version: 6,
    canonical: p === 128 ? text : `${text}/${p}`,
    prefix: p,
    isRange: p !== 128,
    words: [w0, w1, w2, w3],
  };
  return ok(value);
}

function v4(canonical: string, prefix: number, int: number): Ipv4Value {
  return { version: 4, canonical, prefix, isRange: prefix !== 32, int };
}

function v4Error(text: string, code: number): string {
  if (code === LEADING_ZERO) {
    return `"${text}" has a number with a leading zero, which some software reads as octal (010 = 8); write it without leading zeros`;
  }
  if (code === OCTET_RANGE) return `"${text}" has a number above 255`;
  return `"${text}" is not an IP address: expected four numbers 0–255 separated by dots, like 192.0.2.1`;
}

function v6Error(text: string, code: number): string {
  if (code === TWO_GAPS) return `"${text}" uses "::" twice; it may stand for only one run of zeros`;
  if (code === BAD_EMBEDDED_V4) return `"${text}" ends in a malformed IPv4 part`;
  return `"${text}" is not an IPv6 address: expected up to eight groups of 1–4 hex digits, like 2001:db8::1`;
}

// IPv6 addresses come bracketed out of URLs ([2001:db8::1]); a defanger may bracket a whole IPv4 address too.
function unbracket(s: string): string {
  return s.charCodeAt(0) === 0x5b && s.charCodeAt(s.length - 1) === 0x5d ? s.slice(1, -1) : s;
}

function scanPrefix(s: string, start: number): number {
  const len = s.length - start;
  if (len < 1 || len > 3) return -1;
  let n = 0;
  for (let i = start; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    n = n * 10 + (c - 48);
  }
  return n;
}

/** Scans a strict dotted quad in s[start, end): the uint32 value, or a negative error code. */
function scanV4(s: string, start: number, end: number): number {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  let leadingZero = false;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits === 0) leadingZero = c === 48;
      else if (leadingZero) return LEADING_ZERO;
      // Four digits before any dot is an integer spelling (167772161), not an octet.
      if (++digits > 3) return dots === 0 ? MALFORMED : OCTET_RANGE;
      octet = octet * 10 + (c - 48);
    } else if (c === 46) {
      if (digits === 0 || dots === 3) return MALFORMED;
      if (octet > 255) return OCTET_RANGE;
      value = value * 256 + octet;
      dots++;
      octet = 0;
      digits = 0;
    } else {
      return MALFORMED;
    }
  }
  if (digits === 0 || dots !== 3) return MALFORMED;
  if (octet > 255) return OCTET_RANGE;
  return value * 256 + octet;
}

// Scratch for scanV6: the parser is synchronous and not re-entrant, so one buffer serves every call.
const groups = new Uint16Array(8);

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Scans an IPv6 address in s[0, end) into `groups`: 0, or a negative error code. */
function scanV6(s: string, end: number): number {
  let n = 0;
  let gap = -1;
  let i = 0;
  if (s.charCodeAt(0) === 58) {
    if (s.charCodeAt(1) !== 58 || end < 2) return MALFORMED;
    gap = 0;
    i = 2;
  }
  while (i < end) {
    if (n === 8) return MALFORMED;
    const groupStart = i;
    let value = 0;
    let digits = 0;
    for (; i < end; i++) {
      const h = hexValue(s.charCodeAt(i));
      if (h < 0) break;
      if (++digits > 4) return MALFORMED;
      value = value * 16 + h;
    }
    if (i < end && s.charCodeAt(i) === 46) {
      if (n > 6) return MALFORMED;
      const embedded = scanV4(s, groupStart, end);
      if (embedded < 0) return BAD_EMBEDDED_V4;
      groups[n++] = embedded >>> 16;
      groups[n++] = embedded & 0xffff;
      break;
    }
    if (digits === 0) return MALFORMED;
    groups[n++] = value;
    if (i === end) break;
    if (s.charCodeAt(i) !== 58) return MALFORMED;
    i++;
    if (i < end && s.charCodeAt(i) === 58) {
      if (gap >= 0) return TWO_GAPS;
      gap = n;
      i++;
    } else if (i === end) {
      return MALFORMED;
    }
  }
  if (gap < 0) return n === 8 ? 0 : MALFORMED;
  // "::" stands for at least one group of zeros (RFC 4291 section 2.2).
  if (n > 7) return MALFORMED;
  const missing = 8 - n;
  for (let k = n - 1; k >= gap; k--) groups[k + missing] = groups[k]!;
  for (let k = gap; k < gap + missing; k++) groups[k] = 0;
  return 0;
}

function formatV4(int: number): string {
  return `${int >>> 24}.${(int >>> 16) & 0xff}.${(int >>> 8) & 0xff}.${int & 0xff}`;
}

/** RFC 5952: lowercase, no leading zeros, the longest (then first) run of two or more zero groups as "::". */
function formatV6(w0: number, w1: number, w2: number, w3: number): string {
  const g = [w0 >>> 16, w0 & 0xffff, w1 >>> 16, w1 & 0xffff, w2 >>> 16, w2 & 0xffff, w3 >>> 16, w3 & 0xffff];
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      out += '::';
      i += bestLen - 1;
      continue;
    }
    if (out.length > 0 && out.charCodeAt(out.length - 1) !== 58) out += ':';
    out += g[i]!.toString(16);
  }
  return out;
}

/** Whether `range` contains `ip` (an address, or a range no wider than `range`) of the same IP version. */
export function ipContains(range: IpValue, ip: IpValue): boolean {
  if (ip.prefix < range.prefix) return false;
  if (range.version === 4) {
    return ip.version === 4 && ((ip.int ^ range.int) & prefixMask(range.prefix)) === 0;
  }
  if (ip.version !== 6) return false;
  const a = range.words;
  const b = ip.words;
  const p = range.prefix;
  return (
    ((a[0] ^ b[0]) & prefixMask(p)) === 0 &&
    ((a[1] ^ b[1]) & prefixMask(p - 32)) === 0 &&
    ((a[2] ^ b[2]) & prefixMask(p - 64)) === 0 &&
    ((a[3] ^ b[3]) & prefixMask(p - 96)) === 0
  );
}

/** A special-purpose block an address falls in: where it is (`10.0.0.0/8`) and what it is, fit to show a user. */
export interface ReservedBlock {
  readonly range: string;
  readonly name: string;
}

interface Block {
  readonly range: IpValue;
  /** Undefined for a block carved out of a reserved one as ordinary public space. */
  readonly info: ReservedBlock | undefined;
}

function block(text: string, name: string | undefined): Block {
  const r = parseIp(text);
  // Only reachable if the table below has a typo: fail at load, not on some later request.
  if (!r.ok) throw new Error(`bad built-in block ${text}: ${r.error}`);
  return { range: r.value, info: name === undefined ? undefined : { range: r.value.canonical, name } };
}

// Most specific first: the first block that contains the address names it.
const BLOCKS: readonly Block[] = [
  block('0.0.0.0/8', '"this network" (RFC 1122), not a real host'),
  block('10.0.0.0/8', 'private network (RFC 1918)'),
  block('100.64.0.0/10', 'carrier-grade NAT shared space (RFC 6598)'),
  block('127.0.0.0/8', 'loopback (RFC 1122)'),
  block('169.254.0.0/16', 'link-local (RFC 3927)'),
  block('172.16.0.0/12', 'private network (RFC 1918)'),
  block('192.0.0.0/24', 'IETF protocol assignments (RFC 6890)'),
  block('192.0.2.0/24', 'documentation example TEST-NET-1 (RFC 5737)'),
  block('192.88.99.0/24', 'deprecated 6to4 relay anycast (RFC 7526)'),
  block('192.168.0.0/16', 'private network (RFC 1918)'),
  block('198.18.0.0/15', 'benchmarking (RFC 2544)'),
  block('198.51.100.0/24', 'documentation example TEST-NET-2 (RFC 5737)'),
  block('203.0.113.0/24', 'documentation example TEST-NET-3 (RFC 5737)'),
  block('224.0.0.0/4', 'multicast (RFC 5771)'),
  block('255.255.255.255/32', 'limited broadcast (RFC 919)'),
  block('240.0.0.0/4', 'reserved for future use (RFC 1112)'),
  block('::/128', 'unspecified address (RFC 4291)'),
  block('::1/128', 'loopback (RFC 4291)'),
  // NAT64's well-known prefix carries public IPv4 hosts, so it is as public as they are.
  block('64:ff9b::/96', undefined),
  block('64:ff9b:1::/48', 'local-use IPv4/IPv6 translation (RFC 8215)'),
  block('100::/64', 'discard-only (RFC 6666)'),
  block('2001:2::/48', 'benchmarking (RFC 5180)'),
  block('2001:10::/28', 'deprecated ORCHID identifiers (RFC 4843)'),
  block('2001:20::/28', 'ORCHIDv2 identifiers (RFC 7343)'),
  block('2001:db8::/32', 'documentation example (RFC 3849)'),
  block('3fff::/20', 'documentation example (RFC 9637)'),
  block('fc00::/7', 'unique local, private network (RFC 4193)'),
  block('fe80::/10', 'link-local (RFC 4291)'),
  block('fec0::/10', 'deprecated site-local (RFC 3879)'),
  block('ff00::/8', 'multicast (RFC 4291)'),
];

const OUTSIDE_GLOBAL_UNICAST: ReservedBlock = {
  range: 'outside 2000::/3',
  name: 'IETF-reserved space, not global unicast (RFC 4291)',
};

/** The special-purpose block (private, loopback, documentation, multicast…) holding `ip`, if any. */
export function reservedBlock(ip: IpValue): ReservedBlock | undefined {
  for (const b of BLOCKS) {
    if (ipContains(b.range, ip)) return b.info;
  }
  // Only 2000::/3 is allocated for global unicast; everything else not named above is reserved.
  if (ip.version === 6 && ip.prefix >= 3 && ip.words[0] >>> 29 !== 1) return OUTSIDE_GLOBAL_UNICAST;
  return undefined;
}

/** Whether `ip` (or all of a range) is private, loopback, link-local, documentation, multicast or reserved. */
export function isPrivateOrReserved(ip: IpValue): boolean {
  return reservedBlock(ip) !== undefined;
}
