/**
 * Exports what a viewer may see as one STIX 2.1 bundle, streamed as strings: the indicators chosen by the
 * same filters as the indicator search (TLP applied through `visibilityRule`), optionally the objects of a
 * TAXII collection the viewer may read (the last version of each it may see), then, once each, the
 * identities, TLP marking definitions and extension definition they refer to.
 */
import type { Actor } from '../core/auth/principal.js';
import type { Category } from '../core/indicators/indicator.js';
import type { ObservableKind } from '../core/observables/observable.js';
import { visibilityRule } from '../core/sharing/tlp.js';
import { IndicatorExport } from '../core/stix/export/indicator-export.js';
import { BundleWriter } from '../core/stix/export/bundle-writer.js';
import type { IndicatorFilter, Store } from '../store/store.js';
import { isoNow, type Clock } from './clock.js';
import { viewerOf } from './indicator-service.js';
import type { TaxiiService } from './taxii-service.js';

/** The STIX media type of an exported bundle. */
export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';

export interface ExportSelection {
  readonly kind?: ObservableKind | undefined;
  readonly category?: Category | undefined;
  readonly sourceOrgId?: string | undefined;
  readonly status?: 'active' | 'revoked' | 'all' | undefined;
  readonly contains?: string | undefined;
  /** Leave Tocsin's indicators out (e.g. to export only a collection). */
  readonly indicators?: boolean | undefined;
  /** Also the objects of this TAXII collection (id or alias) that the viewer may read. */
  readonly collection?: string | undefined;
}

/** Indicators read per query. */
const PAGE = 1000;
/** Characters per piece handed to the caller. */
const PIECE = 64 * 1024;
/** Meta objects that `IndicatorExport.referenced` may repeat from a collection. */
const META = new Set(['identity', 'marking-definition', 'extension-definition']);

export class StixExportService {
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #taxii: TaxiiService;

  constructor(deps: { store: Store; clock: Clock; taxii: TaxiiService }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#taxii = deps.taxii;
  }

  /**
   * The bundle's text, piece by piece. The collection (when asked for) is checked before the first piece, so
   * that a collection the actor may not read fails as an error, not as a cut bundle.
   */
  async export(actor: Actor, selection: ExportSelection): Promise<AsyncIterable<string>> {
    const collection =
      selection.collection === undefined
        ? undefined
        : await this.#taxii.readableCollection(actor, selection.collection);
    return this.#pieces(actor, selection, collection?.id);
  }

  async *#pieces(
    actor: Actor,
    selection: ExportSelection,
    collectionId: string | undefined,
  ): AsyncGenerator<string, void, undefined> {
    const writer = new BundleWriter();
    const exp = new IndicatorExport();
    let piece = writer.start();
    const out = (o: object | string): string | undefined => {
      piece += writer.object(o);
      if (piece.length < PIECE) return undefined;
      const p = piece;
      piece = '';
      return p;
    };
    if (selection.indicators !== false) {
      const filter: IndicatorFilter = {
        kind: selection.kind,
        category: selection.category,
        sourceOrgId: selection.sourceOrgId,
        status: selection.status,
        contains: selection.contains,
        now: isoNow(this.#clock),
        visibility: visibilityRule(viewerOf(actor)),
      };
      // Page after page below the last number read: indicators filed while the bundle is written (above the
      // first page) are not in it, and none is written twice or left out because rows moved between pages.
      let below: number | undefined;
      for (;;) {
        const rows = await this.#store.indicators.list(
          { ...filter, belowNum: below },
          { limit: PAGE, offset: 0 },
        );
        for (const i of rows) {
          const r = exp.add(i);
          // An indicator whose value has no STIX pattern is left out: there is nothing to say it with.
          if (!r.ok) continue;
          const p = out(r.value);
          if (p !== undefined) yield p;
        }
        if (rows.length < PAGE) break;
        below = rows[rows.length - 1]!.num;
      }
    }
    const fromCollection = new Set<string>();
    if (collectionId !== undefined) {
      let next: string | undefined;
      do {
        const page = await this.#taxii.objects(actor, collectionId, {
          limit: String(PAGE),
          ...(next === undefined ? {} : { next }),
        });
        for (const o of page.items) {
          if (META.has(o.type)) fromCollection.add(o.id);
          const p = out(o.json);
          if (p !== undefined) yield p;
        }
        next = page.next;
      } while (next !== undefined);
    }
    const orgs = [];
    for (const id of exp.orgIds()) {
      const org = await this.#store.orgs.get(id);
      if (org !== undefined) orgs.push(org);
    }
    for (const o of exp.referenced(orgs)) {
      if (fromCollection.has(o.id)) continue;
      const p = out(o);
      if (p !== undefined) yield p;
    }
    yield piece + writer.end();
  }
}
