/**
 * Imports STIX 2.1 bundles of any size (a file, a URL, any byte stream) and MISP events and feeds into a TAXII
 * collection. A bundle is streamed through `BundleSplitter` and written in batches through
 * `TaxiiService.ingestChecked`: each batch is one transaction (objects, their audit entries and the
 * indicators they feed), so an import stopped anywhere leaves whole batches only, and running it again
 * completes it (what is there already counts as duplicates and changes nothing). A large bundle's batches are
 * parsed and checked on a worker thread (`stix-checker.ts`) while the main thread writes the batch before:
 * two batches at most are held at any time.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Actor } from '../core/auth/principal.js';
import { tocsinError } from '../core/errors/errors.js';
import { mispEventToStix, mispObjectId, type MispSkipped } from '../core/misp/misp-to-stix.js';
import { changedEvents, readMispManifest, type MispManifestEntry } from '../core/misp/misp-manifest.js';
import { visibilityRule } from '../core/sharing/tlp.js';
import { BundleSplitter } from '../core/stix/stream/bundle-splitter.js';
import { BundleSyntaxError } from '../core/stix/stream/bundle-syntax-error.js';
import type { TaxiiCollection } from '../core/taxii/collection.js';
import type { CheckedText } from '../core/taxii/check-object.js';
import { viewerOf } from './indicator-service.js';
import { inProcessChecker, workerChecker, type BatchChecker } from './stix-checker.js';
import type { IngestOutcome, TaxiiService } from './taxii-service.js';
import type { Store } from '../store/store.js';

/**
 * Objects written per transaction. Committing costs about as much as the batch's inserts (every commit writes
 * the index pages its rows touched, most of them on random keys): 5,000 a commit write a page touched by
 * several objects once rather than several times (100,000 objects: commits 11.9 s at 1,000, 4.7 s at 5,000).
 */
export const IMPORT_BATCH = 5000;
/** A batch is written early when its objects' text passes this many characters. */
const BATCH_CHARS = 8 * 2 ** 20;
/** Rejections kept with their reason (the count goes on). */
export const MAX_REJECTIONS = 1000;

/** An object that was not imported: its place in the input, its id when it had one, and why. */
export interface ImportRejection {
  /** 0-based index in the bundle's `objects` (for MISP, in the event's converted objects). */
  readonly index: number;
  readonly id?: string;
  readonly reason: string;
}

export interface ImportSummary {
  /** Objects read. */
  objects: number;
  /** New objects. */
  added: number;
  /** New versions of objects already in the collection. */
  updated: number;
  /** Versions already there: nothing changed. */
  duplicates: number;
  rejected: number;
  /** The first `MAX_REJECTIONS` rejections. */
  readonly rejections: ImportRejection[];
  /** Values filed as Tocsin indicators (or revoked) by the imported indicators. */
  indicatorsFed: number;
  /** Bytes of the bundle read. */
  bytes: number;
}

export interface MispImportSummary extends ImportSummary {
  /** Events converted and imported. */
  events: number;
  /** Events of a feed left alone: the collection holds their report at the manifest's timestamp. */
  eventsUnchanged: number;
  /** MISP attributes not mapped, with the reason, tagged with their event's uuid. */
  readonly skipped: (MispSkipped & { readonly event: string })[];
}

export interface ImportProgress {
  readonly bytes: number;
  readonly objects: number;
  readonly summary: Readonly<ImportSummary>;
}

export interface ImportOptions {
  /** Called after each committed batch (and at the end). */
  readonly onProgress?: (p: ImportProgress) => void;
  readonly batchSize?: number;
  /**
   * Parse and check batches on a worker thread (while the main thread writes the batch before): by default
   * once a batch of `WORKER_MIN_BATCH` objects fills, so that small imports start no thread.
   */
  readonly checkOnWorker?: boolean;
}

/** The smallest full batch that starts the checking thread (unless told otherwise). */
export const WORKER_MIN_BATCH = 200;

export function emptySummary(): ImportSummary {
  return {
    objects: 0,
    added: 0,
    updated: 0,
    duplicates: 0,
    rejected: 0,
    rejections: [],
    indicatorsFed: 0,
    bytes: 0,
  };
}

function tally(s: ImportSummary, outcomes: readonly IngestOutcome[], indexOf: (k: number) => number): void {
  for (const o of outcomes) {
    switch (o.kind) {
      case 'added':
      case 'updated':
        s[o.kind]++;
        s.indicatorsFed += o.fed;
        break;
      case 'duplicate':
        s.duplicates++;
        break;
      case 'rejected':
        reject(s, { index: indexOf(o.index), id: o.id, reason: o.message });
        break;
    }
  }
}

function reject(s: ImportSummary, r: ImportRejection): void {
  s.rejected++;
  if (s.rejections.length < MAX_REJECTIONS) s.rejections.push(r);
}

interface Pending {
  readonly text: string;
  readonly index: number;
}

export class StixImportService {
  readonly #taxii: TaxiiService;
  readonly #store: Store;

  constructor(deps: { taxii: TaxiiService; store: Store }) {
    this.#taxii = deps.taxii;
    this.#store = deps.store;
  }

  /** The collection an import writes to (id or alias; `shared` by default), checked once. */
  collection(actor: Actor, idOrAlias = 'shared'): Promise<TaxiiCollection> {
    return this.#taxii.writableCollection(actor, idOrAlias);
  }

  /**
   * Imports a bundle streamed as UTF-8 bytes. A malformed bundle stops the import with
   * `TOCSIN_ERR_STIX_BUNDLE_MALFORMED` naming the byte offset, after writing every whole object before it;
   * `onProgress` has reported what was committed.
   */
  async importBundle(
    actor: Actor,
    collection: string | TaxiiCollection,
    chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    opts: ImportOptions = {},
  ): Promise<ImportSummary> {
    const c = typeof collection === 'string' ? await this.collection(actor, collection) : collection;
    const size = opts.batchSize ?? IMPORT_BATCH;
    const summary = emptySummary();
    let pending: Pending[] = [];
    let chars = 0;
    const splitter = new BundleSplitter({
      object: (text, _offset, index) => {
        pending.push({ text, index });
        chars += text.length;
      },
    });
    let checker: BatchChecker = inProcessChecker;
    // Two batches at most are held: the one being written, and the next, read and checked meanwhile.
    let writing: Promise<void> = Promise.resolve();
    const flush = async () => {
      const batch = pending;
      pending = [];
      chars = 0;
      if (
        checker === inProcessChecker &&
        batch.length > 0 &&
        (opts.checkOnWorker ?? batch.length >= WORKER_MIN_BATCH)
      )
        checker = workerChecker();
      const checking =
        batch.length === 0
          ? undefined
          : checker.check(
              batch.map((p) => p.text),
              c,
            );
      // Only the places are kept while the batch waits: its texts are the checker's now.
      const places = batch.map((p) => p.index);
      // Awaited once the batch before is written; a failure meanwhile must not count as unhandled.
      checking?.catch(() => undefined);
      const before = writing;
      writing = (async () => {
        await before;
        if (checking !== undefined) await this.#write(actor, c, places, await checking, summary);
        opts.onProgress?.({ bytes: summary.bytes, objects: summary.objects, summary });
      })();
      writing.catch(() => undefined);
      await before;
    };
    try {
      try {
        for await (const chunk of chunks) {
          splitter.write(chunk);
          summary.bytes = splitter.bytesRead;
          if (pending.length >= size || chars >= BATCH_CHARS) await flush();
        }
        splitter.end();
      } catch (e) {
        if (!(e instanceof BundleSyntaxError)) {
          // Whatever failed, the batch being written finishes (or fails) before the import answers.
          await writing.catch(() => undefined);
          throw e;
        }
        // The whole objects before the fault are good objects: they are kept, as the valid objects of a POST.
        summary.bytes = splitter.bytesRead;
        await flush();
        await writing;
        throw tocsinError(
          'TOCSIN_ERR_STIX_BUNDLE_MALFORMED',
          `the bundle is malformed: ${e.message}; the ${summary.objects} objects before it were imported ` +
            `(${summary.added} added, ${summary.updated} updated, ${summary.duplicates} duplicates, ${summary.rejected} rejected)`,
          { cause: e },
        );
      }
      await flush();
      await writing;
    } finally {
      await checker.close();
    }
    return summary;
  }

  /** Imports the bundle at an http(s) URL, its body streamed. */
  async importUrl(
    actor: Actor,
    collection: string | TaxiiCollection,
    url: string,
    opts: ImportOptions & { readonly onSize?: (bytes: number | undefined) => void } = {},
  ): Promise<ImportSummary> {
    const c = typeof collection === 'string' ? await this.collection(actor, collection) : collection;
    let res: Response;
    try {
      res = await fetch(url, { headers: { accept: 'application/stix+json, application/json' } });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw tocsinError(
        'TOCSIN_ERR_NOT_FOUND',
        `cannot fetch ${url}: ${cause?.code ?? cause?.message ?? (e as Error).message}`,
        { cause: e },
      );
    }
    if (!res.ok || res.body === null) {
      await res.body?.cancel();
      throw tocsinError('TOCSIN_ERR_NOT_FOUND', `cannot fetch ${url}: HTTP ${res.status}`);
    }
    const length = Number(res.headers.get('content-length'));
    opts.onSize?.(Number.isSafeInteger(length) && length > 0 ? length : undefined);
    return this.importBundle(actor, c, res.body, opts);
  }

  /** Writes one checked batch (one transaction) and counts what became of it; `batch`: the objects' places. */
  async #write(
    actor: Actor,
    c: TaxiiCollection,
    batch: readonly number[],
    checked: readonly CheckedText[],
    s: ImportSummary,
  ): Promise<void> {
    const objects: Exclude<CheckedText, { notJson: string }>[] = [];
    const places: number[] = [];
    batch.forEach((index, k) => {
      s.objects++;
      const r = checked[k];
      if (r === undefined || 'notJson' in r) {
        reject(s, {
          index,
          reason: `TOCSIN_ERR_INVALID_STIX: not JSON: ${r?.notJson ?? 'no answer'}`,
        });
        return;
      }
      objects.push(r);
      places.push(index);
    });
    if (objects.length === 0) return;
    tally(s, await this.#taxii.ingestChecked(actor, c, objects), (k) => places[k] ?? k);
  }

  // ── MISP ────────────────────────────────────────────────────────────────────────────────────────────

  /** Imports one MISP event (`{"Event": {...}}`): its report, identity, indicators and observables in one transaction. */
  async importMispEvent(
    actor: Actor,
    collection: string | TaxiiCollection,
    event: unknown,
    into?: MispImportSummary,
  ): Promise<MispImportSummary> {
    const c = typeof collection === 'string' ? await this.collection(actor, collection) : collection;
    const s = into ?? emptyMispSummary();
    const r = mispEventToStix(event);
    if (!r.ok) throw tocsinError('TOCSIN_ERR_VALIDATION', r.error);
    const uuid = r.value.reportId.slice('report--'.length);
    for (const k of r.value.skipped) s.skipped.push({ ...k, event: uuid });
    const base = s.objects;
    s.objects += r.value.objects.length;
    tally(s, await this.#taxii.ingest(actor, c, r.value.objects), (k) => base + k);
    s.events++;
    return s;
  }

  /**
   * Imports a MISP feed folder: `manifest.json` and one `<uuid>.json` per event. Only events whose
   * manifest timestamp is later than their report's version in the collection are read, unless `all`.
   */
  async importMispFeed(
    actor: Actor,
    collection: string | TaxiiCollection,
    folder: string,
    opts: { readonly all?: boolean; readonly onEvent?: (done: number, total: number) => void } = {},
  ): Promise<MispImportSummary> {
    const c = typeof collection === 'string' ? await this.collection(actor, collection) : collection;
    const s = emptyMispSummary();
    let manifestText: string;
    try {
      manifestText = await readFile(join(folder, 'manifest.json'), 'utf8');
    } catch (e) {
      throw tocsinError('TOCSIN_ERR_NOT_FOUND', `${folder} has no readable manifest.json`, { cause: e });
    }
    const m = readMispManifest(parseJson(manifestText, 'manifest.json'));
    if (!m.ok) throw tocsinError('TOCSIN_ERR_VALIDATION', m.error);
    const entries = opts.all === true ? m.value : changedEvents(m.value, await this.#seen(actor, c, m.value));
    s.eventsUnchanged = m.value.length - entries.length;
    const files = new Set(await readdir(folder));
    for (const [k, e] of entries.entries()) {
      const name = files.has(`${e.uuid}.json`)
        ? `${e.uuid}.json`
        : [...files].find((f) => f.toLowerCase() === `${e.uuid}.json`);
      if (name === undefined) {
        reject(s, {
          index: s.objects,
          id: mispObjectId('report', e.uuid),
          reason: `no ${e.uuid}.json in the feed`,
        });
        continue;
      }
      const json = parseJson(await readFile(join(folder, name), 'utf8'), name);
      await this.importMispEvent(actor, c, json, s);
      opts.onEvent?.(k + 1, entries.length);
    }
    return s;
  }

  /** Event uuid → unix seconds of its report's latest version that the actor can see in the collection. */
  async #seen(
    actor: Actor,
    c: TaxiiCollection,
    entries: readonly MispManifestEntry[],
  ): Promise<Map<string, number>> {
    const seen = new Map<string, number>();
    const rule = visibilityRule(viewerOf(actor));
    for (const e of entries) {
      const versions = await this.#store.taxii.versionsOf(c.id, mispObjectId('report', e.uuid), rule);
      let last: number | undefined;
      for (const v of versions) {
        const t = Math.floor(Date.parse(v.version) / 1000);
        if (last === undefined || t > last) last = t;
      }
      if (last !== undefined) seen.set(e.uuid, last);
    }
    return seen;
  }
}

export function emptyMispSummary(): MispImportSummary {
  return { ...emptySummary(), events: 0, eventsUnchanged: 0, skipped: [] };
}

function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw tocsinError('TOCSIN_ERR_VALIDATION', `${name} is not JSON: ${(e as Error).message}`, { cause: e });
  }
}
