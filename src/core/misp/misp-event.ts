/**
 * A MISP event as Tocsin reads it: the `{"Event": {...}}` JSON of a feed file or of an export, or the bare
 * event. MISP writes the same field as a string in one version and a number or boolean in another
 * (`"to_ids": "1"`, `"timestamp": "1418217625"`), so everything is read leniently into one typed shape.
 */
import { fail, ok, type ParseResult } from '../observables/observable.js';

export interface MispAttribute {
  readonly uuid: string;
  readonly type: string;
  readonly category: string | undefined;
  readonly value: string;
  readonly toIds: boolean;
  /** Unix seconds of the last change. */
  readonly timestamp: number | undefined;
  readonly comment: string;
  readonly firstSeen: string | undefined;
  readonly lastSeen: string | undefined;
  readonly deleted: boolean;
  readonly tags: readonly string[];
  /** For an attribute of a MISP object: its role there (`sha256`, `ip`, `first-seen`). */
  readonly objectRelation: string | undefined;
}

export interface MispObject {
  readonly uuid: string;
  readonly name: string;
  readonly comment: string;
  readonly deleted: boolean;
  readonly attributes: readonly MispAttribute[];
}

export interface MispOrg {
  readonly uuid: string;
  readonly name: string;
}

export interface MispEvent {
  readonly uuid: string;
  readonly info: string;
  /** `YYYY-MM-DD`. */
  readonly date: string;
  readonly timestamp: number;
  /** 0 or undefined when never published. */
  readonly publishTimestamp: number | undefined;
  readonly published: boolean;
  readonly orgc: MispOrg | undefined;
  readonly threatLevelId: number | undefined;
  readonly analysis: number | undefined;
  readonly tags: readonly string[];
  readonly attributes: readonly MispAttribute[];
  readonly objects: readonly MispObject[];
}

type Json = Readonly<Record<string, unknown>>;

function isObject(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function str(x: unknown): string | undefined {
  return typeof x === 'string' ? x : typeof x === 'number' ? String(x) : undefined;
}

function int(x: unknown): number | undefined {
  const n = typeof x === 'number' ? x : typeof x === 'string' && /^\d+$/.test(x) ? Number(x) : NaN;
  return Number.isSafeInteger(n) ? n : undefined;
}

function bool(x: unknown): boolean {
  return x === true || x === 1 || x === '1' || x === 'true' || x === 'True';
}

function array(x: unknown): readonly unknown[] {
  return Array.isArray(x) ? x : [];
}

/** Tag names of a `Tag` array (`[{ "name": "tlp:clear" }]`). */
export function tagNames(x: unknown): string[] {
  return array(x).flatMap((t) => {
    const name = isObject(t) ? str(t['name']) : undefined;
    return name === undefined || name.trim() === '' ? [] : [name.trim()];
  });
}

function orgOf(x: unknown): MispOrg | undefined {
  if (!isObject(x)) return undefined;
  const uuid = str(x['uuid']);
  const name = str(x['name']);
  return uuid === undefined || name === undefined ? undefined : { uuid: uuid.toLowerCase(), name };
}

function attributeOf(x: unknown): MispAttribute | undefined {
  if (!isObject(x)) return undefined;
  const optional = (k: string): string | undefined => {
    const v = str(x[k]);
    return v === undefined || v === '' ? undefined : v;
  };
  return {
    uuid: (str(x['uuid']) ?? '').toLowerCase(),
    type: str(x['type']) ?? '',
    category: optional('category'),
    value: str(x['value']) ?? '',
    toIds: bool(x['to_ids']),
    timestamp: int(x['timestamp']),
    comment: str(x['comment']) ?? '',
    firstSeen: optional('first_seen'),
    lastSeen: optional('last_seen'),
    deleted: bool(x['deleted']),
    tags: tagNames(x['Tag']),
    objectRelation: optional('object_relation'),
  };
}

function objectOf(x: unknown): MispObject | undefined {
  if (!isObject(x)) return undefined;
  return {
    uuid: (str(x['uuid']) ?? '').toLowerCase(),
    name: str(x['name']) ?? '',
    comment: str(x['comment']) ?? '',
    deleted: bool(x['deleted']),
    attributes: array(x['Attribute']).flatMap((a) => attributeOf(a) ?? []),
  };
}

/** Reads one event: `{"Event": {...}}` or the event object itself. Fails when it is not a MISP event. */
export function readMispEvent(json: unknown): ParseResult<MispEvent> {
  const e = isObject(json) && isObject(json['Event']) ? json['Event'] : json;
  if (!isObject(e)) return fail('not a MISP event: expected a JSON object with an Event');
  const uuid = str(e['uuid']);
  if (uuid === undefined || uuid === '') return fail('the MISP event has no uuid');
  const info = str(e['info']) ?? '';
  const timestamp = int(e['timestamp']);
  if (timestamp === undefined) return fail(`MISP event ${uuid} has no timestamp`);
  const date = str(e['date']);
  if (date === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    return fail(`MISP event ${uuid} has no date (YYYY-MM-DD)`);
  }
  return ok({
    uuid: uuid.toLowerCase(),
    info,
    date,
    timestamp,
    publishTimestamp: int(e['publish_timestamp']),
    published: bool(e['published']),
    orgc: orgOf(e['Orgc']),
    threatLevelId: int(e['threat_level_id']),
    analysis: int(e['analysis']),
    tags: tagNames(e['Tag']),
    attributes: array(e['Attribute']).flatMap((a) => attributeOf(a) ?? []),
    objects: array(e['Object']).flatMap((o) => objectOf(o) ?? []),
  });
}
