/**
 * E-mail addresses from untrusted text (`user@example.com`, `user[at]example[.]com`, `mailto:user@example.com`).
 *
 * Matching key: the domain is always case-insensitive (DNS), so it is lowercased and, if internationalized,
 * turned into punycode. The local part is case-sensitive by the letter of RFC 5321, but practically every
 * provider treats it case-insensitively, and a scammer's `Support@` and `support@` are one mailbox; so `matchKey`
 * lowercases it too, while `canonical` keeps it as written for display. Nothing else is folded: Gmail's ignored
 * dots (`j.doe@gmail.com` = `jdoe@gmail.com`) and `+tags` are provider-specific rules, and folding them here
 * would merge distinct mailboxes at every other provider; a caller that wants them must add its own key.
 */
import { domainToASCII } from 'node:url';
import { refang } from './defang.js';
import type { ParseResult } from './observable.js';
import { fail, ok } from './observable.js';

export interface Email {
  /** `local@domain`: the local part as written, the domain lowercase ASCII (punycode). */
  readonly canonical: string;
  /** The local part as written. */
  readonly local: string;
  /** Lowercase ASCII; an internationalized domain is in punycode (`xn--…`). */
  readonly domain: string;
  /** The key to match on: `canonical` with the local part lowercased too (see the file comment). */
  readonly matchKey: string;
}

// RFC 5321 4.5.3.1: the longest path is 256 octets including the angle brackets, so 254 for the address.
const MAX_ADDRESS = 254;
const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;
// Generous for defanged text and "mailto:" yet bounds the work done on junk.
const MAX_INPUT = 1024;

/** Parses an e-mail address, defanged or not; returns it with a canonical form and a case-insensitive key. */
export function parseEmail(input: string): ParseResult<Email> {
  if (input.length > MAX_INPUT) return fail('too long to be an e-mail address');
  let s = refang(input.trim());
  if (s.length > 7 && s.charCodeAt(6) === 0x3a && s.slice(0, 7).toLowerCase() === 'mailto:') {
    // A mailto: link may carry ?subject=…; only the address matters.
    const query = s.indexOf('?');
    s = s.slice(7, query < 0 ? s.length : query);
  }
  // Copied from a mail header: <user@example.com>.
  if (s.charCodeAt(0) === 0x3c && s.charCodeAt(s.length - 1) === 0x3e) s = s.slice(1, -1);
  if (s.length === 0) return fail('empty: expected an e-mail address such as name@example.com');
  const at = s.indexOf('@');
  if (at < 0) return fail(`"${s}" has no "@": an e-mail address looks like name@example.com`);
  if (s.indexOf('@', at + 1) >= 0) return fail(`"${s}" has more than one "@"`);
  const local = s.slice(0, at);
  if (local.length === 0) return fail(`"${s}" has nothing before the "@"`);
  const localError = checkLocal(local);
  if (localError !== undefined) return fail(`"${s}": ${localError}`);

  const domain = toAsciiDomain(s.slice(at + 1));
  if (domain.length === 0) return fail(`"${s}" has no valid domain after the "@"`);
  const domainError = checkDomain(domain);
  if (domainError !== undefined) return fail(`"${s}": ${domainError}`);

  const canonical = `${local}@${domain}`;
  if (canonical.length > MAX_ADDRESS)
    return fail(`"${s}" is longer than the ${MAX_ADDRESS} characters allowed`);
  const lower = local.toLowerCase();
  return ok({ canonical, local, domain, matchKey: lower === local ? canonical : `${lower}@${domain}` });
}

// RFC 5322 atext, which a dot-atom local part is made of besides dots.
const ATEXT = new Uint8Array(128);
for (const c of "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~") {
  ATEXT[c.charCodeAt(0)] = 1;
}

/** Why a local part is not an unquoted dot-atom (RFC 5322, with RFC 6531's UTF-8), or undefined. */
function checkLocal(local: string): string | undefined {
  let octets = 0;
  let prevDot = true; // a leading dot is as wrong as a doubled one
  for (let i = 0; i < local.length; i++) {
    const c = local.charCodeAt(i);
    if (c === 0x2e) {
      if (prevDot) return 'the part before the "@" has a misplaced dot (leading, trailing or doubled)';
      prevDot = true;
      octets++;
      continue;
    }
    prevDot = false;
    if (c < 0x80) {
      if (ATEXT[c] === 1) {
        octets++;
        continue;
      }
      if (c === 0x22) return 'quoted local parts ("john doe"@…) are not supported';
      if (c <= 0x20 || c === 0x7f) return 'the part before the "@" contains a space or control character';
      return `the part before the "@" contains "${local[i]}", which an address cannot hold unquoted`;
    }
    // UTF-8 length of a non-ASCII UTF-16 unit: surrogate halves are 2 octets each (4 a pair).
    if (c <= 0x9f) return 'the part before the "@" contains a control character';
    octets += c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdfff ? 2 : 3;
  }
  if (prevDot) return 'the part before the "@" has a misplaced dot (leading, trailing or doubled)';
  if (octets > MAX_LOCAL) return `the part before the "@" is longer than ${MAX_LOCAL} octets`;
  return undefined;
}

/** Lowercase ASCII (punycode) form of a domain, or '' when it cannot be one. */
function toAsciiDomain(raw: string): string {
  let d = raw;
  if (d.charCodeAt(d.length - 1) === 0x2e) d = d.slice(0, -1); // the DNS root dot
  let plain = true;
  for (let i = 0; i < d.length; i++) {
    if (d.charCodeAt(i) >= 0x80) {
      plain = false;
      break;
    }
  }
  // UTS 46 mapping (fullwidth letters, ideographic dots) and punycode checks are needed only for IDNs.
  if (plain && !d.toLowerCase().includes('xn--')) return d.toLowerCase();
  return domainToASCII(d);
}

/** Why an ASCII domain is not a host name fit for mail, or undefined. */
function checkDomain(domain: string): string | undefined {
  if (domain.charCodeAt(0) === 0x5b) return 'address literals such as [192.0.2.1] are not supported';
  if (domain.length > MAX_DOMAIN) return `the domain is longer than ${MAX_DOMAIN} characters`;
  let labelStart = 0;
  let labels = 0;
  let numeric = true; // the current label is all digits so far
  for (let i = 0; i <= domain.length; i++) {
    const c = i < domain.length ? domain.charCodeAt(i) : 0x2e;
    if (c === 0x2e) {
      const len = i - labelStart;
      if (len === 0) return 'the domain has an empty label (a leading, trailing or doubled dot)';
      if (len > 63) return 'a domain label is longer than 63 characters';
      if (domain.charCodeAt(labelStart) === 0x2d || domain.charCodeAt(i - 1) === 0x2d) {
        return 'a domain label starts or ends with a hyphen';
      }
      labels++;
      if (i === domain.length) break;
      labelStart = i + 1;
      numeric = true;
      continue;
    }
    const digit = c >= 0x30 && c <= 0x39;
    if (!digit) numeric = false;
    if (!digit && !(c >= 0x61 && c <= 0x7a) && c !== 0x2d) {
      return `the domain contains "${domain[i]}", which a host name cannot hold`;
    }
  }
  if (labels < 2) return 'the domain needs at least one dot (name@example.com)';
  // No top-level domain is all digits: this is an IP address.
  if (numeric) return 'the domain is an IP address, which mail is not addressed to';
  return undefined;
}
