// Domain indicators. A domain indicator covers the name and every subdomain under it, so it is stored under the
// name alone and a lookup tries the looked-up name and each parent down to its registrable domain (per the
// Public Suffix List, private section included, so a blogspot.com or github.io tenant is its own registrable).

import { domainToASCII } from 'node:url';
import { getDomain, parse } from 'tldts';
import { refang } from './defang.js';
import { IPV4_NAME, parseIpv4Host } from './ipv4-host.js';
import { fail, ok } from './observable.js';
import type { ParseResult } from './observable.js';

/** A parsed domain name. */
export interface Domain {
  /** Lowercase punycode, no trailing dot. */
  readonly domain: string;
  /** The registrable domain from the Public Suffix List (private domains included); null if none. */
  readonly registrable: string | null;
  readonly publicSuffix: string | null;
  readonly isIp: false;
}

const MAX_NAME_LENGTH = 253;
const MAX_LABEL_LENGTH = 63;

// Inputs here are bare host names, so tldts need not extract or validate a host nor look for an IP (we do).
const TLD_OPTIONS = {
  allowPrivateDomains: true,
  extractHostname: false,
  validateHostname: false,
  detectIp: false,
  mixedInputs: false,
} as const;

const NON_ASCII = /[^\p{ASCII}]/u;
const HAS_UPPER_ASCII = /[A-Z]/;

/** Parses a domain indicator or query (refanged, trailing dot, Unicode, "*." wildcard accepted); never throws. */
export function parseDomain(input: string): ParseResult<Domain> {
  // Anything longer cannot become a valid name even after trimming and a "*." prefix.
  if (input.length > 4 * MAX_NAME_LENGTH) return fail('domain name is longer than 253 characters');
  let name = refang(input).trim();
  if (name === '') return fail('domain name is empty');
  // "*.evil.example" means the domain and its subdomains, which is what a domain indicator means anyway.
  if (name.startsWith('*.')) name = name.slice(2);
  if (name.endsWith('.')) name = name.slice(0, -1);
  if (name.includes('/') || name.includes('@')) {
    return fail(`'${clip(name)}' is not a bare domain name: use the url or email kind`);
  }
  if (name.includes(':'))
    return fail(`'${clip(name)}' is not a domain name; for an IP address use the ip kind`);

  if (NON_ASCII.test(name) || name.includes('xn--')) {
    // IDNA both converts Unicode names and checks that existing xn-- labels are valid punycode.
    const ascii = domainToASCII(name);
    if (ascii === '') return fail(`'${clip(name)}' is not a valid internationalized domain name`);
    name = ascii;
  } else if (HAS_UPPER_ASCII.test(name)) {
    name = name.toLowerCase();
  }

  const problem = nameProblem(name);
  if (problem !== undefined) return fail(problem);

  const parsed = parse(name, TLD_OPTIONS);
  if (parsed.domain === null) return fail(`'${name}' is a public suffix, not a registrable domain`);
  return ok({ domain: name, registrable: parsed.domain, publicSuffix: parsed.publicSuffix, isIp: false });
}

/** The name and each parent down to its registrable domain, never a public suffix: a.b.evil.example gives 3. */
export function domainLookupKeys(domain: string): string[] {
  if (parseIpv4Host(domain) !== IPV4_NAME) return [];
  const registrable = getDomain(domain, TLD_OPTIONS);
  if (registrable === null) return [];
  const keys = [domain];
  let at = 0;
  while (domain.length - at > registrable.length) {
    at = domain.indexOf('.', at) + 1;
    if (at === 0) break;
    keys.push(domain.slice(at));
  }
  return keys;
}

/** `domainLookupKeys(domain).length`, without building the keys. */
export function domainLookupKeyCount(domain: string): number {
  if (parseIpv4Host(domain) !== IPV4_NAME) return 0;
  const registrable = getDomain(domain, TLD_OPTIONS);
  if (registrable === null) return 0;
  let count = 1;
  let at = 0;
  while (domain.length - at > registrable.length) {
    at = domain.indexOf('.', at) + 1;
    if (at === 0) break;
    count++;
  }
  return count;
}

/** Whether a name is itself a public suffix (com, com.vn, blogspot.com, or any unlisted single label). */
export function isPublicSuffix(name: string): boolean {
  let ascii = name.endsWith('.') ? name.slice(0, -1) : name;
  if (NON_ASCII.test(ascii)) ascii = domainToASCII(ascii);
  else if (HAS_UPPER_ASCII.test(ascii)) ascii = ascii.toLowerCase();
  if (ascii === '') return false;
  const parsed = parse(ascii, TLD_OPTIONS);
  return parsed.domain === null && parsed.publicSuffix === ascii;
}

// Says what makes a lowercase ASCII name unusable as a domain, or undefined when it is fine.
function nameProblem(name: string): string | undefined {
  if (name.length > MAX_NAME_LENGTH) return `domain name is longer than ${MAX_NAME_LENGTH} characters`;
  const ipv4 = parseIpv4Host(name);
  if (ipv4 >= 0) return `'${clip(name)}' is an IP address, not a domain name: use the ip kind`;
  if (ipv4 !== IPV4_NAME)
    return `'${clip(name)}' looks like an IP address but is not one; for IPs use the ip kind`;
  let labelStart = 0;
  for (let i = 0; i <= name.length; i++) {
    const c = i < name.length ? name.charCodeAt(i) : 0x2e;
    if (c === 0x2e) {
      const length = i - labelStart;
      if (length === 0) return `'${clip(name)}' has an empty label`;
      if (length > MAX_LABEL_LENGTH)
        return `'${clip(name)}' has a label longer than ${MAX_LABEL_LENGTH} characters`;
      labelStart = i + 1;
    } else if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d)) {
      return `'${clip(name)}' contains '${String.fromCharCode(c)}', which is not allowed in a domain name`;
    }
  }
  // Browsers read a name ending in a number as an IPv4 address and reject it, so no site can live there.
  const lastLabel = name.slice(name.lastIndexOf('.') + 1);
  if (parseIpv4Host(lastLabel) !== IPV4_NAME)
    return `'${clip(name)}' ends in a number, so it is not a domain name`;
  return undefined;
}

function clip(text: string): string {
  return text.length > 60 ? text.slice(0, 60) + '…' : text;
}
