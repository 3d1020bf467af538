// Browsers resolve http://3279880203/, http://0300.0250.0.1/ and http://0xc0a80001/ to the same machine, and
// scam links use those spellings to slip past naive blocklists. These helpers read every IPv4 spelling that
// browsers (WHATWG URL, Chromium) accept, so that each one reaches a single dotted-quad key.

/** parseIpv4Host's answer for a host that is a name, not a number. */
export const IPV4_NAME = -1;
/** parseIpv4Host's answer for a host made only of numbers that no IPv4 address has (1.2.3.256, 08, 1.2.3.4.5). */
export const IPV4_INVALID = -2;

const MAX_IPV4 = 0xffffffff;

/**
 * Reads a lowercase host as IPv4 in any spelling (1 to 4 parts, decimal, 0-octal, 0x-hex); returns the
 * address as an unsigned 32-bit number, IPV4_NAME if some part is not a number, or IPV4_INVALID.
 */
export function parseIpv4Host(host: string): number {
  const n = host.length;
  if (n === 0) return IPV4_NAME;
  let prefix = 0; // the finished leading parts, one byte each
  let parts = 0; // how many leading parts are finished
  let invalid = false; // numeric so far but out of range: decided only once every part proved numeric
  let i = 0;
  for (;;) {
    // Read one part, from i to the next dot or the end.
    let radix = 10;
    if (host.charCodeAt(i) === 0x30 /* 0 */) {
      const next = host.charCodeAt(i + 1);
      if (next === 0x78 /* x */ || next === 0x58 /* X */) {
        radix = 16;
        i += 2;
      } else if (next >= 0x30 && next <= 0x39) {
        radix = 8;
        i += 1;
      }
    }
    const partStart = i;
    let value = 0;
    for (; i < n; i++) {
      const c = host.charCodeAt(i);
      if (c === 0x2e /* . */) break;
      const digit = digitValue(c, radix);
      if (digit < 0) {
        // A decimal digit too big for octal is still a number, just a bad one: "08" is not a name.
        if (radix === 8 && c >= 0x38 && c <= 0x39) {
          invalid = true;
          continue;
        }
        return IPV4_NAME;
      }
      if (value <= MAX_IPV4) value = value * radix + digit;
    }
    // An empty decimal part ("1..2", "1.") makes this a (broken) name; a bare "0x" is zero, as in browsers.
    if (i === partStart && radix === 10) return IPV4_NAME;
    if (i >= n) {
      if (invalid || parts > 3) return IPV4_INVALID;
      const room = 4 - parts; // bytes left for the last part, which fills them all
      if (value >= 2 ** (8 * room)) return IPV4_INVALID;
      return prefix * 2 ** (8 * room) + value;
    }
    if (value > 255) invalid = true;
    prefix = (prefix * 256 + (value & 0xff)) % 2 ** 32;
    parts++;
    i++; // the dot
    if (i >= n) return IPV4_NAME;
  }
}

/** Writes a 32-bit IPv4 address as a dotted quad. */
export function formatIpv4(address: number): string {
  return `${address >>> 24}.${(address >>> 16) & 0xff}.${(address >>> 8) & 0xff}.${address & 0xff}`;
}

/** Normalizes a host that spells an IPv4 address to its dotted quad; undefined for a name or an invalid number. */
export function ipv4HostToDottedQuad(host: string): string | undefined {
  const address = parseIpv4Host(host);
  return address >= 0 ? formatIpv4(address) : undefined;
}

function digitValue(c: number, radix: number): number {
  if (c >= 0x30 && c <= 0x39) {
    const d = c - 0x30;
    return d < radix ? d : -1;
  }
  if (radix === 16) {
    const lower = c | 0x20;
    if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  }
  return -1;
}
