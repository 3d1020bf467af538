/**
 * A MISP feed's `manifest.json`: one entry per event file (`<uuid>.json`), with the event's info, date, tags
 * and last-change timestamp, so that a reader fetches only the events that changed since it last looked.
 */
import { fail, ok, type ParseResult } from '../observables/observable.js';
import { tagNames } from './misp-event.js';

export interface MispManifestEntry {
  readonly uuid: string;
  readonly info: string;
  readonly date: string | undefined;
  /** Unix seconds of the event's last change. */
  readonly timestamp: number;
  readonly orgc: { readonly uuid: string; readonly name: string } | undefined;
  readonly tags: readonly string[];
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads a manifest; entries sorted by uuid. Fails on anything that is not a manifest. */
export function readMispManifest(json: unknown): ParseResult<MispManifestEntry[]> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return fail('not a MISP feed manifest: expected an object of event uuids');
  }
  const out: MispManifestEntry[] = [];
  for (const [uuid, value] of Object.entries(json as Record<string, unknown>)) {
    if (!UUID_RE.test(uuid)) return fail(`manifest key "${uuid.slice(0, 60)}" is not an event uuid`);
    if (typeof value !== 'object' || value === null) return fail(`manifest entry ${uuid} is not an object`);
    const e = value as Record<string, unknown>;
    const ts = typeof e['timestamp'] === 'string' ? Number(e['timestamp']) : e['timestamp'];
    if (typeof ts !== 'number' || !Number.isSafeInteger(ts))
      return fail(`manifest entry ${uuid} has no timestamp`);
    const orgc = e['Orgc'] as Record<string, unknown> | undefined;
    out.push({
      uuid: uuid.toLowerCase(),
      info: typeof e['info'] === 'string' ? e['info'] : '',
      date: typeof e['date'] === 'string' ? e['date'] : undefined,
      timestamp: ts,
      orgc:
        typeof orgc?.['uuid'] === 'string' && typeof orgc['name'] === 'string'
          ? { uuid: orgc['uuid'].toLowerCase(), name: orgc['name'] }
          : undefined,
      tags: tagNames(e['Tag']),
    });
  }
  return ok(out.sort((a, b) => (a.uuid < b.uuid ? -1 : a.uuid > b.uuid ? 1 : 0)));
}

/** The entries to fetch: events never seen (absent from `seen`, uuid → timestamp) or changed since. */
export function changedEvents(
  entries: readonly MispManifestEntry[],
  seen: ReadonlyMap<string, number>,
): MispManifestEntry[] {
  return entries.filter((e) => {
    const last = seen.get(e.uuid);
    return last === undefined || e.timestamp > last;
  });
}
