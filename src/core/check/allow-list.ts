// Which domains are widely used and legitimate, so that a domain-wide hit on them (a domain indicator, or a URL
// indicator on a host's root) is suppressed while path-specific URL hits still count. An entry covers its
// subdomains, looked up the way domain indicators are: the host and each parent down to its registrable
// domain, never further. So `news.google.com` is covered by `google.com`, `evil-google.com` and
// `google.com.evil.example` are not, and a tenant of a private public suffix (`alice.github.io`) can never be
// covered by an entry above it: such suffixes are refused outright.

import { tocsinError } from '../errors/errors.js';
import type { ErrorDetail } from '../errors/errors.js';
import { refang } from '../observables/defang.js';
import { domainLookupKeys, isPublicSuffix, parseDomain } from '../observables/domain.js';
import { fail, ok } from '../observables/observable.js';
import type { ParseResult } from '../observables/observable.js';
import type { ObservableValue } from '../observables/observable-value.js';
import { KNOWN_DOMAINS } from './known-domains.js';

// A host that is not already lowercase ASCII without a trailing dot needs parseDomain before lookup.
const NOT_CANONICAL = /[A-Z]|[^\p{ASCII}]|\.$/u;

/** A set of allow-listed domains, each covering itself and its subdomains. */
export class AllowList {
  readonly #domains = new Set<string>();

  /** The built-in list of well-known domains, `KNOWN_DOMAINS`. */
  static builtIn(): AllowList {
    return new AllowList(KNOWN_DOMAINS);
  }

  /**
   * Builds the list from `entries` (the built-in list by default; pass `[...KNOWN_DOMAINS, ...own]` to extend
   * it). Throws TOCSIN_ERR_CONFIG naming every unusable entry: a silently dropped entry would go unnoticed.
   */
  constructor(entries: Iterable<string> = KNOWN_DOMAINS) {
    const details: ErrorDetail[] = [];
    let index = 0;
    for (const entry of entries) {
      const added = this.add(entry);
      if (!added.ok) details.push({ path: String(index), message: added.error });
      index++;
    }
    if (details.length > 0) {
      const count =
        details.length === 1 ? '1 allow-list entry is' : `${details.length} allow-list entries are`;
      throw tocsinError('TOCSIN_ERR_CONFIG', `${count} not a usable domain`, { details });
    }
  }

  /** How many domains are allow-listed. */
  get size(): number {
    return this.#domains.size;
  }

  /** Adds a domain (any spelling parseDomain accepts) and answers its canonical form; refuses public suffixes. */
  add(domain: string): ParseResult<string> {
    const parsed = parseDomain(domain);
    if (!parsed.ok) {
      const name = stripWildcard(refang(domain).trim());
      if (!isPublicSuffix(name)) return parsed;
      return fail(
        `'${name}' is a public suffix: its subdomains belong to many unrelated owners, ` +
          "so it cannot be allow-listed; allow-list the owner's own domain instead",
      );
    }
    this.#domains.add(parsed.value.domain);
    return ok(parsed.value.domain);
  }

  /** Removes a domain (any spelling); answers whether it was allow-listed. */
  remove(domain: string): boolean {
    const parsed = parseDomain(domain);
    return parsed.ok && this.#domains.delete(parsed.value.domain);
  }

  /** Whether this exact domain (any spelling) is an entry; a subdomain of an entry is not (see `match`). */
  has(domain: string): boolean {
    const parsed = parseDomain(domain);
    return parsed.ok && this.#domains.has(parsed.value.domain);
  }

  /** The entry covering `host` (the host itself or a parent down to its registrable domain), if any. */
  match(host: string): string | undefined {
    let name = host;
    if (NOT_CANONICAL.test(name)) {
      const parsed = parseDomain(name);
      if (!parsed.ok) return undefined;
      name = parsed.value.domain;
    }
    for (const key of domainLookupKeys(name)) if (this.#domains.has(key)) return key;
    return undefined;
  }

  /** The entry covering a url's host, a domain, or an e-mail address's domain; undefined for other kinds. */
  matchValue(v: ObservableValue): string | undefined {
    switch (v.kind) {
      case 'url':
        return v.url === undefined || v.url.hostIsIp ? undefined : this.match(v.url.host);
      case 'domain':
        return this.match(v.canonical);
      case 'email': {
        const domain = v.details['domain'];
        return typeof domain === 'string' ? this.match(domain) : undefined;
      }
      case 'ip':
      case 'phone':
      case 'bank-account':
      case 'wallet':
      case 'file-hash':
        return undefined;
    }
  }
}

function stripWildcard(name: string): string {
  return name.startsWith('*.') ? name.slice(2) : name;
}
