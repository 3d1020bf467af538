/** Reads the API key out of an `Authorization` header: `Bearer <key>` or HTTP Basic (TAXII clients). */

export type Credentials =
  | { readonly kind: 'none' }
  | { readonly kind: 'malformed'; readonly reason: string }
  | { readonly kind: 'key'; readonly key: string; readonly scheme: 'bearer' | 'basic' };

/**
 * With Basic, the password is the API key and the user name is free (TAXII clients insist on one);
 * a key given as the user name with an empty password is accepted too, as curl's `-u key:` sends it.
 */
export function parseAuthorization(header: string | undefined): Credentials {
  if (header === undefined || header === '') return { kind: 'none' };
  const space = header.indexOf(' ');
  if (space < 0) return { kind: 'malformed', reason: 'Authorization header has no scheme' };
  const scheme = header.slice(0, space).toLowerCase();
  const rest = header.slice(space + 1).trim();
  if (scheme === 'bearer') {
    if (rest === '') return { kind: 'malformed', reason: 'empty bearer token' };
    return { kind: 'key', key: rest, scheme: 'bearer' };
  }
  if (scheme === 'basic') {
    const decoded = Buffer.from(rest, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return { kind: 'malformed', reason: 'Basic credentials must be user:password' };
    const user = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    const key = password !== '' ? password : user;
    if (key === '') return { kind: 'malformed', reason: 'empty Basic credentials' };
    return { kind: 'key', key, scheme: 'basic' };
  }
  return { kind: 'malformed', reason: `unsupported Authorization scheme "${scheme}"` };
}
