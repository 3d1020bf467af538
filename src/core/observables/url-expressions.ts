// Safe Browsing's host-suffix / path-prefix expressions. A URL indicator is stored under one expression; a URL is
// checked by looking up all of its expressions, so an indicator for evil.example/login/ catches
// http://a.b.evil.example/login/x?y=1 without any pattern matching at lookup time.

import { fail, ok } from './observable.js';
import type { ParseResult } from './observable.js';
import { canonicalizeUrl } from './url.js';
import type { CanonicalUrl } from './url.js';

const MAX_HOST_COMPONENTS = 5; // suffixes come from the last five labels
const MAX_PATH_PREFIXES = 4; // "/", "/a/", "/a/b/", "/a/b/c/"

/** Safe Browsing's suffix/prefix expressions for a canonical URL (host + path [+ '?' + query]), at most 30. */
export function urlLookupExpressions(u: CanonicalUrl): string[] {
  const paths = lookupPaths(u.path, u.query);
  const expressions: string[] = [];
  addHost(expressions, u.host, paths);
  if (u.hostIsIp) return expressions;

  // Suffixes of the last five labels, longest first; the host itself and the top-level label alone are skipped.
  const host = u.host;
  let labels = 1;
  for (let i = 0; i < host.length; i++) if (host.charCodeAt(i) === 0x2e) labels++;
  let drop = labels - MAX_HOST_COMPONENTS; // leading labels to remove before the first suffix
  if (drop < 1) drop = 1;
  let cut = 0;
  for (let k = 0; k < drop; k++) cut = host.indexOf('.', cut) + 1;
  for (let kept = labels - drop; kept >= 2; kept--) {
    addHost(expressions, host.slice(cut), paths);
    cut = host.indexOf('.', cut) + 1;
  }
  return expressions;
}

/** The expression a URL indicator is stored under: "evil.example/login/" for http://evil.example/login/. */
export function urlIndicatorExpression(input: string): ParseResult<string> {
  const parsed = canonicalizeUrl(input);
  if (!parsed.ok) return fail(parsed.error);
  return ok(urlExpression(parsed.value));
}

/** The most specific expression of a canonical URL: its host, path and (non-empty) query. */
export function urlExpression(u: CanonicalUrl): string {
  return u.query === undefined || u.query === '' ? u.host + u.path : `${u.host}${u.path}?${u.query}`;
}

function addHost(expressions: string[], host: string, paths: readonly string[]): void {
  for (const path of paths) expressions.push(host + path);
}

// The exact path with its query, the exact path, then "/" and up to three deeper directory prefixes, without
// duplicates. An empty query ("/q?") adds nothing, as in Google's and Chromium's clients.
function lookupPaths(path: string, query: string | undefined): string[] {
  const paths: string[] = [];
  if (query !== undefined && query !== '') paths.push(`${path}?${query}`);
  paths.push(path);
  let end = 0; // index of the '/' closing the current prefix
  for (let count = 0; count < MAX_PATH_PREFIXES && end >= 0; count++) {
    const prefix = path.slice(0, end + 1);
    if (prefix !== path) paths.push(prefix);
    end = path.indexOf('/', end + 1);
  }
  return paths;
}
