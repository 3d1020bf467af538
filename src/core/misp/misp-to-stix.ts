/**
 * One MISP event as STIX 2.1 objects, following misp-stix's layout:
 * - the event is a `report` (`report--<event uuid>`): name its info, published its publish time, its `link`
 *   attributes as external references, its `comment` and `text` attributes as description, referring to
 *   everything made from the event;
 * - the creating organization (Orgc) is an `identity`, `identity--` UUIDv5 of the org's uuid, the creator of
 *   every object;
 * - an attribute with `to_ids` is an `indicator` (`indicator--<attribute uuid>`), the others `observed-data`
 *   (`observed-data--<attribute uuid>`) with their SCOs (deterministic ids); attributes of MISP objects are
 *   mapped one by one, their object named in a label, since Tocsin matches single values;
 * - `tlp:*` tags become TLP 2.0 marking references (an attribute's own tag, else the event's), other tags
 *   labels, with misp-stix's `misp:type=`, `misp:category=` labels and `misp-category` kill chain phase.
 * Every id and timestamp comes from the event, so converting it again gives the same objects. Every object is
 * checked by Tocsin's validator (and every pattern by its parser); an attribute that cannot be mapped, or
 * whose objects would not be valid, is listed in `skipped` with the reason, never dropped silently.
 */
import { fail, ok, type ParseResult } from '../observables/observable.js';
import { parseTlp, type Tlp } from '../sharing/tlp.js';
import type { Sco } from '../stix/observable-sco.js';
import { parsePattern } from '../stix/pattern/parser.js';
import { parseStixId, uuidv5 } from '../stix/stix-id.js';
import { isLater, parseStixTimestamp } from '../stix/timestamp.js';
import { TLP2_MARKINGS, tlpMarkingRef } from '../stix/tlp-markings.js';
import { TOCSIN_EXTENSION_DEFINITION, TOCSIN_IDENTITY, isTocsinScoType } from '../stix/tocsin-extension.js';
import { stixErrors, validateStixObject } from '../stix/validate.js';
import { mapAttribute } from './misp-attribute-map.js';
import { readMispEvent, type MispAttribute, type MispEvent, type MispObject } from './misp-event.js';

/** A STIX object as plain JSON. */
export type StixObject = Readonly<Record<string, unknown>> & { readonly type: string; readonly id: string };

/** The namespace of the identities of MISP organizations (a fixed, random UUID). */
export const MISP_ORG_NAMESPACE = '6f1b3c2d-9e8a-4b7c-a5d4-3e2f1a0b9c8d';

/** The namespace for MISP uuids that are not RFC 4122 UUIDs (a fixed, random UUID). */
export const MISP_UUID_NAMESPACE = 'b4e5d6c7-1a2b-4c3d-8e9f-0a1b2c3d4e5f';

// A MISP organization has no timestamps of its own; its identity must not change from one event to the next.
const ORG_IDENTITY_CREATED = '2011-01-01T00:00:00.000Z';

/** An attribute (or a part of the event) left out, and why. */
export interface MispSkipped {
  readonly uuid: string;
  readonly type: string;
  readonly value: string;
  /** The MISP object it belongs to: `file`, `domain-ip`. */
  readonly object?: string;
  readonly reason: string;
}

export interface MispConversion {
  /** `report--<event uuid>`. */
  readonly reportId: string;
  /** Every object, those referred to before those referring: identity, markings, SCOs, SDOs, the report. */
  readonly objects: readonly StixObject[];
  readonly indicators: number;
  readonly observedData: number;
  readonly skipped: readonly MispSkipped[];
}

/** The identity id of a MISP organization. */
export function mispOrgIdentityId(orgUuid: string): string {
  return `identity--${uuidv5(MISP_ORG_NAMESPACE, orgUuid.toLowerCase())}`;
}

/** `type--<MISP uuid>`, or a UUIDv5 of it when it is not an RFC 4122 UUID. */
export function mispObjectId(type: string, uuid: string): string {
  const own = `${type}--${uuid.toLowerCase()}`;
  return parseStixId(own).ok ? own : `${type}--${uuidv5(MISP_UUID_NAMESPACE, uuid)}`;
}

function time(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString();
}

/** MISP's first_seen/last_seen (ISO 8601 with an offset) as a STIX timestamp, or undefined. */
function seen(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (parseStixTimestamp(text).ok) return text;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

const RANK: readonly Tlp[] = ['clear', 'green', 'amber', 'amber+strict', 'red'];

/** The most restrictive `tlp:` tag, and the other tags. */
function splitTags(tags: readonly string[]): { tlp: Tlp | undefined; labels: string[] } {
  let tlp: Tlp | undefined;
  const labels: string[] = [];
  for (const tag of tags) {
    const level = /^tlp:/i.test(tag) ? parseTlp(tag) : undefined;
    if (level === undefined) labels.push(tag);
    else if (tlp === undefined || RANK.indexOf(level) > RANK.indexOf(tlp)) tlp = level;
  }
  return { tlp, labels };
}

function firstError(o: object): string | undefined {
  const e = stixErrors(validateStixObject(o))[0];
  return e === undefined ? undefined : `${e.path}: ${e.message}`;
}

class Converter {
  readonly objects = new Map<string, StixObject>();
  readonly sdos: StixObject[] = [];
  readonly skipped: MispSkipped[] = [];
  readonly levels = new Set<Tlp>();
  usesTocsinTypes = false;
  indicators = 0;
  observedData = 0;

  constructor(
    private readonly event: MispEvent,
    private readonly creator: string | undefined,
    private readonly eventTlp: Tlp | undefined,
  ) {}

  attribute(a: MispAttribute, object: MispObject | undefined): void {
    const skip = (reason: string): void => {
      this.skipped.push({
        uuid: a.uuid,
        type: a.type,
        value: a.value.length > 200 ? `${a.value.slice(0, 200)}…` : a.value,
        ...(object === undefined ? {} : { object: object.name }),
        reason,
      });
    };
    if (a.deleted) return skip('deleted in MISP');
    if (a.uuid === '') return skip('no uuid: its STIX id could not be stable');
    const mapped = mapAttribute(a.type, a.value);
    if ('reason' in mapped) {
      const role =
        object === undefined ? '' : ` (the ${a.objectRelation ?? 'attribute'} of a ${object.name} object)`;
      return skip(mapped.reason + role);
    }

    const { tlp: ownTlp, labels: tagLabels } = splitTags(a.tags);
    const tlp = ownTlp ?? this.eventTlp;
    const modified = time(a.timestamp ?? this.event.timestamp);
    const labels = [`misp:type="${a.type}"`];
    if (a.category !== undefined) labels.push(`misp:category="${a.category}"`);
    if (object !== undefined) labels.push(`misp:object="${object.name}"`);
    labels.push(...tagLabels);
    const common: Record<string, unknown> = { type: '', spec_version: '2.1', id: '' };
    if (this.creator !== undefined) common.created_by_ref = this.creator;
    common.created = modified;
    common.modified = modified;
    const description = [object?.comment, a.comment].filter((c) => c !== undefined && c !== '').join(' — ');

    let sdo: Record<string, unknown>;
    if (a.toIds) {
      const parsed = parsePattern(mapped.pattern);
      if (!parsed.ok) return skip(`pattern ${mapped.pattern} does not parse: ${parsed.error.message}`);
      const validFrom = seen(a.firstSeen) ?? modified;
      const lastSeen = seen(a.lastSeen);
      sdo = { ...common, type: 'indicator', id: mispObjectId('indicator', a.uuid) };
      if (description !== '') sdo.description = description;
      sdo.pattern = mapped.pattern;
      sdo.pattern_type = 'stix';
      sdo.pattern_version = '2.1';
      sdo.valid_from = validFrom;
      if (lastSeen !== undefined && isLater(lastSeen, validFrom)) sdo.valid_until = lastSeen;
      if (a.category !== undefined) {
        sdo.kill_chain_phases = [{ kill_chain_name: 'misp-category', phase_name: a.category }];
      }
    } else {
      const first = seen(a.firstSeen) ?? modified;
      const last = seen(a.lastSeen);
      sdo = {
        ...common,
        type: 'observed-data',
        id: mispObjectId('observed-data', a.uuid),
        first_observed: first,
        last_observed: last !== undefined && !isLater(first, last) ? last : first,
        number_observed: 1,
        object_refs: mapped.scos.map((s) => s.id),
      };
    }
    sdo.labels = labels;
    if (tlp !== undefined) sdo.object_marking_refs = [tlpMarkingRef(tlp)];

    const problem = [...(a.toIds ? [] : mapped.scos), sdo].map(firstError).find((e) => e !== undefined);
    if (problem !== undefined) return skip(`would not be valid STIX: ${problem}`);
    if (!a.toIds) for (const s of mapped.scos) this.addSco(s);
    else if (mapped.scos.some((s) => isTocsinScoType(s.type))) this.usesTocsinTypes = true;
    if (tlp !== undefined) this.levels.add(tlp);
    if (a.toIds) this.indicators++;
    else this.observedData++;
    this.sdos.push(sdo as StixObject);
  }

  private addSco(s: Sco): void {
    if (isTocsinScoType(s.type)) this.usesTocsinTypes = true;
    this.objects.set(s.id, s);
  }
}

/**
 * Converts one MISP event (`{"Event": {...}}` or the bare event). Fails only when the input is no MISP event;
 * attributes that cannot be mapped are listed in `skipped`.
 */
export function mispEventToStix(json: unknown): ParseResult<MispConversion> {
  const read = readMispEvent(json);
  if (!read.ok) return read;
  const event = read.value;
  const { tlp, labels } = splitTags(event.tags);
  const creator = event.orgc === undefined ? undefined : mispOrgIdentityId(event.orgc.uuid);
  const c = new Converter(event, creator, tlp);

  const links: Record<string, unknown>[] = [];
  const notes: string[] = [];
  for (const a of event.attributes) {
    // The event's free text describes the report, as misp-stix's report description does.
    if ((a.type === 'comment' || a.type === 'text') && !a.deleted && a.value.trim() !== '') {
      notes.push(a.value.trim());
      continue;
    }
    // A link is a reference for the report, as misp-stix treats those in "External analysis".
    if (a.type === 'link' && !a.toIds && !a.deleted) {
      links.push({
        source_name: 'misp-link',
        url: a.value.trim(),
        ...(a.comment ? { description: a.comment } : {}),
      });
      continue;
    }
    c.attribute(a, undefined);
  }
  for (const o of event.objects) {
    if (o.deleted) continue;
    for (const a of o.attributes) c.attribute(a, o);
  }

  const created = `${event.date}T00:00:00.000Z`;
  const modified = time(event.timestamp);
  const published =
    event.publishTimestamp !== undefined && event.publishTimestamp > 0
      ? time(event.publishTimestamp)
      : created;
  const refs = c.sdos.map((s) => s.id);
  if (refs.length === 0 && creator !== undefined) refs.push(creator);
  if (refs.length === 0)
    return fail(`MISP event ${event.uuid} has nothing to convert and no creating organization`);

  const report: Record<string, unknown> = {
    type: 'report',
    spec_version: '2.1',
    id: mispObjectId('report', event.uuid),
  };
  if (creator !== undefined) report.created_by_ref = creator;
  report.created = created;
  report.modified = isLater(modified, created) ? modified : created;
  report.name = event.info === '' ? `MISP event ${event.uuid}` : event.info;
  if (notes.length > 0) report.description = notes.join('\n\n');
  report.report_types = ['threat-report'];
  report.published = published;
  report.object_refs = refs;
  const reportLabels = [...labels];
  if (event.threatLevelId !== undefined) reportLabels.push(`misp:threat_level_id="${event.threatLevelId}"`);
  if (reportLabels.length > 0) report.labels = reportLabels;
  const validLinks = links.filter((l) => firstError({ ...report, external_references: [l] }) === undefined);
  for (const l of links) {
    if (!validLinks.includes(l))
      c.skipped.push({ uuid: '', type: 'link', value: String(l['url']), reason: 'not a valid URL' });
  }
  if (validLinks.length > 0) report.external_references = validLinks;
  if (tlp !== undefined) {
    report.object_marking_refs = [tlpMarkingRef(tlp)];
    c.levels.add(tlp);
  }
  const reportError = firstError(report);
  if (reportError !== undefined)
    return fail(`the report of MISP event ${event.uuid} would not be valid: ${reportError}`);

  const objects: StixObject[] = [];
  if (event.orgc !== undefined && creator !== undefined) {
    objects.push({
      type: 'identity',
      spec_version: '2.1',
      id: creator,
      created: ORG_IDENTITY_CREATED,
      modified: ORG_IDENTITY_CREATED,
      name: event.orgc.name,
      identity_class: 'organization',
    });
  }
  for (const level of RANK)
    if (c.levels.has(level)) objects.push({ ...TLP2_MARKINGS[level], type: 'marking-definition' });
  if (c.usesTocsinTypes) objects.push(TOCSIN_IDENTITY, TOCSIN_EXTENSION_DEFINITION);
  objects.push(...c.objects.values(), ...c.sdos, report as StixObject);
  return ok({
    reportId: report.id as string,
    objects,
    indicators: c.indicators,
    observedData: c.observedData,
    skipped: c.skipped,
  });
}
