import { domainToUnicode } from 'node:url';

// Look-alike domains: `vietcоmbank.com` with a Cyrillic `о`, `ｖｃｂ．com` in fullwidth forms. IDNA (in the
// observable parsers) already turns such a name into the punycode a browser would visit, which is what the
// index must be asked about; this module says that the name is a disguise, and which ASCII name it imitates,
// so the caller can compare that skeleton with the brands it protects. Vietnamese and French letters with
// diacritics are Latin script: `tiếng-việt.vn` is not a look-alike.

// Cyrillic and Greek letters (lower case) that pass for Latin ones in most fonts (Unicode's confusables).
// prettier-ignore
const CONFUSABLE = new Map<number, string>([
  [0x430, 'a'], [0x432, 'b'], [0x435, 'e'], [0x450, 'e'], [0x451, 'e'], [0x456, 'i'], [0x457, 'i'],
  [0x458, 'j'], [0x43a, 'k'], [0x43c, 'm'], [0x43d, 'h'], [0x43e, 'o'], [0x440, 'p'], [0x441, 'c'],
  [0x442, 't'], [0x443, 'y'], [0x445, 'x'], [0x455, 's'], [0x4bb, 'h'], [0x501, 'd'], [0x4cf, 'l'],
  [0x51b, 'q'], [0x51d, 'w'], [0x491, 'r'], [0x3b1, 'a'], [0x3b5, 'e'], [0x3b9, 'i'], [0x3ba, 'k'],
  [0x3bd, 'v'], [0x3bf, 'o'], [0x3c1, 'p'], [0x3c4, 't'], [0x3c5, 'u'], [0x3c7, 'x'], [0x3b3, 'y'],
]);

/** Whether a host is a look-alike, and the ASCII name it imitates when every character maps to one. */
export interface Lookalike {
  readonly lookalike: boolean;
  readonly skeleton: string | undefined;
}

/** The answer for an ordinary name. */
export const NOT_LOOKALIKE: Lookalike = Object.freeze({ lookalike: false, skeleton: undefined });

/**
 * Whether a host as read from text is a look-alike: written with fullwidth or ideographic stops
 * (`unicodeDot`), mixing scripts, or spelt in punycode (`xn--vietcmbank-ivi.com`) that decodes to a
 * mixed-script name.
 */
export function hostLookalike(host: string, unicodeDot: boolean): Lookalike {
  let name = host;
  if (host.includes('xn--')) {
    const decoded = domainToUnicode(host.toLowerCase());
    if (decoded !== '') name = decoded;
  }
  const look = lookalikeOf(name);
  if (look.lookalike || !unicodeDot) return look;
  // Only the stops were disguised: the name itself is the skeleton.
  return { lookalike: true, skeleton: /^[\x21-\x7e]+$/.test(name) ? name.toLowerCase() : undefined };
}

/**
 * Whether `host` (as written, labels joined by dots of any form) mixes Latin letters with Cyrillic or Greek
 * ones, anywhere in the name, or uses fullwidth forms or ideographic stops; with its skeleton if so.
 */
export function lookalikeOf(host: string): Lookalike {
  let ascii = true;
  for (let i = 0; i < host.length; i++) {
    if (host.charCodeAt(i) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return NOT_LOOKALIKE;
  const lower = host.toLowerCase();
  let latin = false;
  let foreign = false;
  let fullwidth = false;
  let skeleton = '';
  let mapped = true;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x61 && c <= 0x7a) latin = true;
      skeleton += lower[i];
    } else if (c === 0xff0e || c === 0x3002 || c === 0xff61) {
      fullwidth = true;
      skeleton += '.';
    } else if (c >= 0xff01 && c <= 0xff5e) {
      fullwidth = true;
      skeleton += String.fromCharCode(c - 0xfee0).toLowerCase();
    } else if ((c >= 0x370 && c <= 0x3ff) || (c >= 0x400 && c <= 0x52f)) {
      foreign = true;
      const to = CONFUSABLE.get(c);
      if (to === undefined) mapped = false;
      skeleton += to ?? lower[i];
    } else {
      // Latin with diacritics, combining marks: Latin script, but no ASCII skeleton.
      if ((c >= 0xc0 && c <= 0x24f) || (c >= 0x1e00 && c <= 0x1eff)) latin = true;
      mapped = false;
      skeleton += lower[i];
    }
  }
  const lookalike = fullwidth || (latin && foreign);
  if (!lookalike) return NOT_LOOKALIKE;
  return { lookalike, skeleton: mapped ? skeleton : undefined };
}
