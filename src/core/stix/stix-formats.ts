/**
 * Formats of STIX string values, as predicates: hex and base64 (sections 2.1 and 2.8), hash values by
 * algorithm (2.7), RFC 5646 language tags, and the values of the address SCOs (section 6).
 */

const HEX_RE = /^(?:[0-9a-fA-F]{2})+$/;
const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const HASH_KEY_RE = /^[a-zA-Z0-9_-]{3,250}$/;
// RFC 5646 language tags, well-formed (not checked against the IANA registry).
const LANG_RE =
  /^(?:[a-zA-Z]{2,3}(?:-[a-zA-Z]{3}){0,3}|[a-zA-Z]{4,8})(?:-[a-zA-Z]{4})?(?:-(?:[a-zA-Z]{2}|\d{3}))?(?:-(?:[a-zA-Z\d]{5,8}|\d[a-zA-Z\d]{3}))*(?:-[0-9a-wyzA-WYZ](?:-[a-zA-Z\d]{2,8})+)*(?:-x(?:-[a-zA-Z\d]{1,8})+)?$|^x(?:-[a-zA-Z\d]{1,8})+$/;
const IPV4_RE = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const MAC_RE = /^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/;

/** The value format of each hash algorithm of hash-algorithm-ov (as the OASIS schema states them). */
export const HASH_FORMATS: Readonly<Record<string, RegExp>> = {
  MD5: /^[0-9a-fA-F]{32}$/,
  'SHA-1': /^[0-9a-fA-F]{40}$/,
  'SHA-256': /^[0-9a-fA-F]{64}$/,
  'SHA-512': /^[0-9a-fA-F]{128}$/,
  'SHA3-256': /^[0-9a-fA-F]{64}$/,
  'SHA3-512': /^[0-9a-fA-F]{128}$/,
  SSDEEP: /^[a-zA-Z0-9/+:.]{1,128}$/,
  TLSH: /^[a-zA-Z0-9]{70,72}$/,
};

/** An even number of hexadecimal digits. */
export function isHex(s: unknown): s is string {
  return typeof s === 'string' && HEX_RE.test(s);
}

/** Padded base64 (RFC 4648 section 4), as the `binary` type requires. */
export function isBase64(s: unknown): s is string {
  return typeof s === 'string' && BASE64_RE.test(s);
}

/** A hashes dictionary key: 3 to 250 of a-z, A-Z, 0-9, - and _. */
export function isHashKey(s: string): boolean {
  return HASH_KEY_RE.test(s);
}

/** A well-formed RFC 5646 language tag. */
export function isLanguageTag(tag: string): boolean {
  return LANG_RE.test(tag);
}

/** An IPv4 address, optionally with a /0-/32 CIDR prefix. */
export function isIpv4Cidr(s: string): boolean {
  const slash = s.indexOf('/');
  if (slash < 0) return IPV4_RE.test(s);
  return IPV4_RE.test(s.slice(0, slash)) && /^(?:3[0-2]|[12]?\d)$/.test(s.slice(slash + 1));
}

/** An IPv6 address in any RFC 4291 text form, optionally with a /0-/128 CIDR prefix. */
export function isIpv6Cidr(s: string): boolean {
  const slash = s.indexOf('/');
  let addr = s;
  if (slash >= 0) {
    if (!/^(?:12[0-8]|1[01]\d|[1-9]?\d)$/.test(s.slice(slash + 1))) return false;
    addr = s.slice(0, slash);
  }
  const lastColon = addr.lastIndexOf(':');
  const tail = addr.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (lastColon < 0 || !IPV4_RE.test(tail)) return false;
    addr = `${addr.slice(0, lastColon + 1)}0:0`; // an embedded IPv4 address stands for two words
  }
  const halves = addr.split('::');
  if (halves.length > 2) return false;
  const words = (h: string): string[] => (h === '' ? [] : h.split(':'));
  const all = [...words(halves[0] ?? ''), ...words(halves[1] ?? '')];
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? all.length <= 7 : all.length === 8;
}

/** A single colon-delimited, lowercase MAC-48 address, as `mac-addr` requires. */
export function isMacAddress(s: string): boolean {
  return MAC_RE.test(s);
}

/** Loosely, a domain name: no whitespace, slash, at-sign or colon, no empty label (IDNs allowed). */
export function isDomainName(s: string): boolean {
  return /^[^\s/@:]+$/u.test(s) && !s.split('.').slice(0, -1).includes('') && s.length <= 253;
}

/** Loosely, one e-mail addr-spec: a local part, one @, a domain, no whitespace or display name. */
export function isEmailAddress(s: string): boolean {
  return /^[^\s@<>]+@[^\s@<>]+$/u.test(s);
}
