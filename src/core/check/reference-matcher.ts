/**
 * The slow, obviously correct matcher the fast one is tested against: a list of entries, scanned in full for
 * every value, deciding each match from its definition rather than from index keys.
 */
import { ipContains, parseIp } from '../observables/ip.js';
import { urlLookupExpressions } from '../observables/url-expressions.js';
import type { ObservableValue } from '../observables/observable-value.js';
import type { Hit, MatchEntry, Matcher } from './matcher.js';

export class ReferenceMatcher implements Matcher {
  readonly #entries = new Map<number, MatchEntry>();

  get size(): number {
    return this.#entries.size;
  }

  add(e: MatchEntry): void {
    this.#entries.set(e.num, e);
  }

  remove(e: MatchEntry): void {
    this.#entries.delete(e.num);
  }

  match(v: ObservableValue): Hit[] {
    const hits: Hit[] = [];
    for (const e of this.#entries.values()) {
      const h = matchOne(e, v);
      if (h !== undefined) hits.push(h);
    }
    return hits;
  }
}

/** The host a value lives on, for domain indicators: a URL's host, a domain, an e-mail's domain. */
function hostOf(v: ObservableValue): string | undefined {
  if (v.kind === 'url') return v.url?.hostIsIp === true ? undefined : v.url?.host;
  if (v.kind === 'domain') return v.canonical;
  if (v.kind === 'email') return v.details['domain'] as string;
  return undefined;
}

function matchOne(e: MatchEntry, v: ObservableValue): Hit | undefined {
  const key = e.keys[0];
  switch (e.kind) {
    case 'domain': {
      const host = hostOf(v);
      const d = e.canonical;
      if (host === undefined) return undefined;
      if (host === d)
        return { num: e.num, how: v.kind === 'email' ? 'subdomain' : 'exact', matched: `d:${d}` };
      if (host.endsWith(`.${d}`)) return { num: e.num, how: 'subdomain', matched: `d:${d}` };
      return undefined;
    }
    case 'url': {
      const expr = key?.slice(2);
      if (expr === undefined) return undefined;
      if (v.kind === 'url' && v.url !== undefined) {
        const u = v.url;
        if (!urlLookupExpressions(u).includes(expr)) return undefined;
        const exact =
          expr === u.host + u.path + (u.query === undefined ? '' : `?${u.query}`) || expr === u.host + u.path;
        return { num: e.num, how: exact ? 'exact' : 'url-prefix', matched: key! };
      }
      // A root URL indicator covers a domain check of that host or any subdomain of it.
      if (v.kind === 'domain' && expr.endsWith('/') && expr.indexOf('/') === expr.length - 1) {
        const h = expr.slice(0, -1);
        if (v.canonical === h || v.canonical.endsWith(`.${h}`))
          return { num: e.num, how: 'url-prefix', matched: key! };
      }
      return undefined;
    }
    case 'ip': {
      const target =
        v.kind === 'ip' ? v.ip : v.kind === 'url' && v.url?.hostIsIp === true ? ipOf(v.url.host) : undefined;
      const mine = parseIp(e.canonical);
      if (target === undefined || !mine.ok) return undefined;
      if (!mine.value.isRange)
        return target.canonical === mine.value.canonical
          ? { num: e.num, how: 'exact', matched: `i:${mine.value.canonical}` }
          : undefined;
      return ipContains(mine.value, target)
        ? { num: e.num, how: 'cidr', matched: mine.value.canonical }
        : undefined;
    }
    case 'phone':
    case 'bank-account':
    case 'email':
    case 'wallet':
    case 'file-hash':
      return v.kind === e.kind && v.indicatorKeys[0] === key
        ? { num: e.num, how: 'exact', matched: key ?? '' }
        : undefined;
  }
}

function ipOf(host: string) {
  const ip = parseIp(host.startsWith('[') ? host.slice(1, -1) : host);
  return ip.ok ? ip.value : undefined;
}
