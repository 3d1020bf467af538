/**
 * TAXII 2.1 URL parameters (section 3.4): `added_after`, `limit`, `next` and `match[id|type|version|
 * spec_version]`, each endpoint taking the ones the standard lists for it and ignoring the others.
 * A value that cannot be read is a 400 naming the parameter. Values of one `match` are alternatives
 * (comma-separated, or the parameter repeated); different parameters must all hold.
 */
import type { ErrorDetail } from '../errors/errors.js';
import { timestampToMicros, versionKey } from './timestamps.js';

export type TaxiiEndpoint = 'objects' | 'manifest' | 'object' | 'versions' | 'delete';

/** `match[version]`: the first, the last, every version, and versions at given times (keys). */
export interface VersionMatch {
  readonly first: boolean;
  readonly last: boolean;
  readonly all: boolean;
  readonly keys: readonly string[];
}

export interface TaxiiFilter {
  readonly addedAfterUs: number | undefined;
  readonly ids: readonly string[] | undefined;
  readonly types: readonly string[] | undefined;
  readonly specVersions: readonly string[] | undefined;
  readonly versions: VersionMatch;
  readonly limit: number;
  readonly next: string | undefined;
}

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

const ALLOWED: Readonly<Record<TaxiiEndpoint, readonly string[]>> = {
  objects: [
    'added_after',
    'limit',
    'next',
    'match[id]',
    'match[type]',
    'match[version]',
    'match[spec_version]',
  ],
  manifest: [
    'added_after',
    'limit',
    'next',
    'match[id]',
    'match[type]',
    'match[version]',
    'match[spec_version]',
  ],
  object: ['added_after', 'limit', 'next', 'match[version]', 'match[spec_version]'],
  versions: ['added_after', 'limit', 'next', 'match[spec_version]'],
  delete: ['match[version]', 'match[spec_version]'],
};

const ALL_VERSIONS: VersionMatch = { first: false, last: false, all: true, keys: [] };
const LAST_VERSION: VersionMatch = { first: false, last: true, all: false, keys: [] };

export type RawQuery = Readonly<Record<string, string | readonly string[] | undefined>>;

function values(q: RawQuery, name: string): string[] | undefined {
  const v = q[name];
  if (v === undefined) return undefined;
  const list = (typeof v === 'string' ? [v] : [...v]).flatMap((s) => s.split(','));
  return list.map((s) => s.trim()).filter((s) => s !== '');
}

function single(q: RawQuery, name: string, problems: ErrorDetail[]): string | undefined {
  const v = q[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') {
    problems.push({ path: name, message: 'may be given once' });
    return undefined;
  }
  return v;
}

/** Reads the parameters `endpoint` takes; `problems` receives what cannot be read. */
export function parseTaxiiFilter(
  endpoint: TaxiiEndpoint,
  raw: RawQuery,
  problems: ErrorDetail[],
): TaxiiFilter {
  const allowed = ALLOWED[endpoint];
  const q: Record<string, string | readonly string[] | undefined> = {};
  for (const name of allowed) q[name] = raw[name];

  let addedAfterUs: number | undefined;
  const after = single(q, 'added_after', problems);
  if (after !== undefined) {
    addedAfterUs = timestampToMicros(after);
    if (addedAfterUs === undefined)
      problems.push({
        path: 'added_after',
        message: `"${after}" is not a timestamp (2026-11-23T04:25:02.123Z)`,
      });
  }

  let limit = DEFAULT_PAGE_SIZE;
  const lim = single(q, 'limit', problems);
  if (lim !== undefined) {
    if (!/^\d{1,9}$/.test(lim) || Number(lim) < 1)
      problems.push({ path: 'limit', message: 'must be a positive integer' });
    else limit = Math.min(Number(lim), MAX_PAGE_SIZE);
  }

  const next = single(q, 'next', problems);
  if (next === '') problems.push({ path: 'next', message: 'must not be empty' });

  const ids = values(q, 'match[id]');
  const types = values(q, 'match[type]');
  for (const t of types ?? [])
    if (!/^[a-z0-9-]{1,250}$/.test(t))
      problems.push({ path: 'match[type]', message: `"${t}" is not a type name` });

  const specVersions = values(q, 'match[spec_version]');
  for (const s of specVersions ?? [])
    if (!/^\d+\.\d+$/.test(s))
      problems.push({ path: 'match[spec_version]', message: `"${s}" is not a version (2.1)` });

  let versions = endpoint === 'delete' || endpoint === 'versions' ? ALL_VERSIONS : LAST_VERSION;
  const vs = values(q, 'match[version]');
  if (vs !== undefined && vs.length > 0) {
    const keys: string[] = [];
    let first = false;
    let last = false;
    let all = false;
    for (const v of vs) {
      if (v === 'first') first = true;
      else if (v === 'last') last = true;
      else if (v === 'all') all = true;
      else {
        const k = versionKey(v);
        if (k === undefined)
          problems.push({ path: 'match[version]', message: `"${v}" is not first, last, all or a timestamp` });
        else keys.push(k);
      }
    }
    versions = { first, last, all, keys };
  }

  return {
    addedAfterUs,
    ids: ids?.length === 0 ? undefined : ids,
    types: types?.length === 0 ? undefined : types,
    specVersions: specVersions?.length === 0 ? undefined : specVersions,
    versions,
    limit,
    next: next === '' ? undefined : next,
  };
}

/**
 * The filter's meaning without `limit` and `next`, in one canonical text: a page token is bound to it, so
 * that a token replayed with other filters is refused.
 */
export function filterFingerprint(f: TaxiiFilter): string {
  const list = (l: readonly string[] | undefined) =>
    l === undefined ? '*' : [...new Set(l)].sort().join(',');
  const v = f.versions;
  return [
    f.addedAfterUs ?? '',
    list(f.ids),
    list(f.types),
    list(f.specVersions),
    v.all ? 'all' : [v.first ? 'first' : '', v.last ? 'last' : '', list(v.keys)].join('+'),
  ].join('|');
}
