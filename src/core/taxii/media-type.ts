/**
 * TAXII 2.1 media types (section 1.6.8) and content negotiation: responses are
 * `application/taxii+json;version=2.1`; objects inside them are `application/stix+json;version=2.1`.
 */

export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';
export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';

interface MediaRange {
  readonly type: string;
  readonly params: ReadonlyMap<string, string>;
}

function parseRange(text: string): MediaRange {
  const [type = '', ...rest] = text.split(';').map((s) => s.trim());
  const params = new Map<string, string>();
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq > 0)
      params.set(
        p.slice(0, eq).trim().toLowerCase(),
        p
          .slice(eq + 1)
          .trim()
          .replace(/^"|"$/g, ''),
      );
  }
  return { type: type.toLowerCase(), params };
}

/** TAXII JSON of version 2.1, or of no stated version (the server's own, 2.1). */
function isTaxii21(r: MediaRange): boolean {
  const v = r.params.get('version');
  return r.type === 'application/taxii+json' && (v === undefined || v === '2.1');
}

/**
 * Whether a response in TAXII 2.1 satisfies the `Accept` header. No header accepts anything (RFC 9110);
 * `*\/*` and `application/*` do too; a range with `q=0` refuses.
 */
export function acceptsTaxii(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return true;
  return accept.split(',').some((item) => {
    const r = parseRange(item);
    if (r.params.get('q') !== undefined && Number(r.params.get('q')) <= 0) return false;
    return r.type === '*/*' || r.type === 'application/*' || isTaxii21(r);
  });
}

/** Whether a request body's `Content-Type` is TAXII 2.1 JSON. */
export function isTaxiiContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && isTaxii21(parseRange(contentType));
}
