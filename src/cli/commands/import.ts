/**
 * `tocsin import stix FILE|URL` and `tocsin import misp FILE|FOLDER`: STIX 2.1 bundles of any size (streamed,
 * written 5,000 objects a transaction) and MISP events or feeds, into a TAXII collection (`shared` unless
 * `--collection`), directly on the configured database as the local operator, or through a running server
 * (`--server`: the bundle is streamed to `POST /api/v1/import/stix`, each MISP event posted to
 * `POST /api/v1/import/misp`).
 */
import { createReadStream } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { SYSTEM } from '../../core/auth/principal.js';
import { tocsinError } from '../../core/errors/errors.js';
import { readMispManifest } from '../../core/misp/misp-manifest.js';
import {
  emptyMispSummary,
  type ImportSummary,
  type MispImportSummary,
} from '../../services/stix-import-service.js';
import { remoteOptions, targetOf, type ApiClient, type RemoteOptions } from '../api-client.js';
import { withServices } from '../context.js';
import type { CliIo, Progress } from '../io.js';
import { assertReadable } from '../read-lines.js';

type Global = () => { config?: string };

/** Rejected objects and skipped attributes shown after an import. */
export const SHOW_PROBLEMS = 20;

interface ImportOpts extends RemoteOptions {
  collection?: string;
  json?: boolean;
  all?: boolean;
}

const isUrl = (s: string) => /^https?:\/\//i.test(s);

/** Counts the bytes as they pass, for the progress bar. */
async function* counted(chunks: AsyncIterable<Uint8Array>, bar: Progress): AsyncGenerator<Uint8Array> {
  let bytes = 0;
  for await (const c of chunks) {
    bytes += c.length;
    bar.update(bytes);
    yield c;
  }
}

function summaryLine(s: ImportSummary): string {
  return `objects ${s.objects}: added ${s.added}, updated ${s.updated}, duplicates ${s.duplicates}, rejected ${s.rejected}; indicators fed ${s.indicatorsFed}`;
}

function printSummary(io: CliIo, s: ImportSummary | MispImportSummary, json: boolean | undefined): void {
  const misp = 'events' in s ? s : undefined;
  if (json) io.stdout(JSON.stringify(s) + '\n');
  else {
    io.stdout(summaryLine(s) + '\n');
    if (misp !== undefined)
      io.stdout(
        `events ${misp.events} imported, ${misp.eventsUnchanged} unchanged; attributes skipped ${misp.skipped.length}\n`,
      );
  }
  for (const r of s.rejections.slice(0, SHOW_PROBLEMS))
    io.stderr(`objects[${r.index}]${r.id === undefined ? '' : ` ${r.id}`}: ${r.reason}\n`);
  if (s.rejected > SHOW_PROBLEMS) io.stderr(`… and ${s.rejected - SHOW_PROBLEMS} more rejected objects\n`);
  if (misp !== undefined) {
    for (const k of misp.skipped.slice(0, SHOW_PROBLEMS))
      io.stderr(`skipped ${k.type} "${k.value.slice(0, 60)}" (event ${k.event}): ${k.reason}\n`);
    if (misp.skipped.length > SHOW_PROBLEMS)
      io.stderr(`… and ${misp.skipped.length - SHOW_PROBLEMS} more skipped attributes\n`);
  }
}

/** The bytes of a file or URL, and their number when known. */
async function openSource(source: string): Promise<{ chunks: AsyncIterable<Uint8Array>; size: number }> {
  if (isUrl(source)) {
    let res: Response;
    try {
      res = await fetch(source);
    } catch (e) {
      throw tocsinError('TOCSIN_ERR_NOT_FOUND', `cannot fetch ${source}: ${(e as Error).message}`, {
        cause: e,
      });
    }
    if (!res.ok || res.body === null)
      throw tocsinError('TOCSIN_ERR_NOT_FOUND', `cannot fetch ${source}: HTTP ${res.status}`);
    const size = Number(res.headers.get('content-length'));
    return {
      chunks: res.body as unknown as AsyncIterable<Uint8Array>,
      size: Number.isSafeInteger(size) ? size : 0,
    };
  }
  await assertReadable(source);
  return {
    chunks: createReadStream(source, { highWaterMark: 64 * 1024 }),
    size: (await stat(source)).size,
  };
}

export function importCommands(program: Command, io: CliIo, global: Global): void {
  const imp = program
    .command('import')
    .description('import STIX 2.1 bundles and MISP events into a TAXII collection');

  remoteOptions(
    imp
      .command('stix')
      .description('import a STIX 2.1 bundle of any size (streamed, 5,000 objects a transaction)')
      .argument('<source>', 'a bundle file, or an http(s) URL')
      .option('--collection <id-or-alias>', 'the TAXII collection (default shared)')
      .option('--json', 'print the summary as JSON'),
  ).action(async (source: string, o: ImportOpts) => {
    const t = targetOf(io, global().config, o);
    const collection = o.collection ?? 'shared';
    const { chunks, size } = await openSource(source);
    const bar = io.progress('importing (bytes)', size);
    let last: ImportSummary | undefined;
    try {
      const summary =
        t.kind === 'server'
          ? await serverImport(t.api, collection, counted(chunks, bar))
          : await withServices(t.config, (s) =>
              s.stixImport.importBundle(SYSTEM, collection, counted(chunks, bar), {
                onProgress: (p) => (last = p.summary),
              }),
            );
      bar.stop();
      printSummary(io, summary, o.json);
    } catch (e) {
      bar.stop();
      if (last !== undefined && last.objects > 0)
        io.stderr(`import stopped after ${last.objects} objects: ${summaryLine(last)}\n`);
      throw e;
    }
  });

  remoteOptions(
    imp
      .command('misp')
      .description(
        'import one MISP event (JSON), or a MISP feed folder (manifest.json and <uuid>.json: only events changed since the last import)',
      )
      .argument('<path>', 'an event file or a feed folder')
      .option('--collection <id-or-alias>', 'the TAXII collection (default shared)')
      .option('--all', 'read every event of a feed, changed or not')
      .option('--json', 'print the summary as JSON'),
  ).action(async (path: string, o: ImportOpts) => {
    const t = targetOf(io, global().config, o);
    const collection = o.collection ?? 'shared';
    await assertReadable(path).catch(async (e: unknown) => {
      // A folder is not "readable" as a file: it is a feed.
      if (
        !(await stat(path).then(
          (st) => st.isDirectory(),
          () => false,
        ))
      )
        throw e;
    });
    const folder = (await stat(path)).isDirectory();
    let summary: MispImportSummary;
    if (t.kind === 'server') summary = await serverMisp(t.api, collection, path, folder, io);
    else
      summary = await withServices(t.config, async (s) => {
        if (!folder)
          return s.stixImport.importMispEvent(
            SYSTEM,
            collection,
            parseJson(await readFile(path, 'utf8'), path),
          );
        const bar = io.progress('importing (events)', 0);
        try {
          return await s.stixImport.importMispFeed(SYSTEM, collection, path, {
            all: o.all === true,
            onEvent: (done, total) => bar.update(done, total),
          });
        } finally {
          bar.stop();
        }
      });
    printSummary(io, summary, o.json);
  });
}

function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw tocsinError('TOCSIN_ERR_VALIDATION', `${name} is not JSON: ${(e as Error).message}`, { cause: e });
  }
}

async function serverImport(
  api: ApiClient,
  collection: string,
  chunks: AsyncIterable<Uint8Array>,
): Promise<ImportSummary> {
  const res = await api.stream(
    'POST',
    `/api/v1/import/stix?collection=${encodeURIComponent(collection)}`,
    chunks,
  );
  return (await res.json()) as ImportSummary;
}

/** Posts each event (every event of a feed: the server answers duplicates for those it holds). */
async function serverMisp(
  api: ApiClient,
  collection: string,
  path: string,
  folder: boolean,
  io: CliIo,
): Promise<MispImportSummary> {
  const files: string[] = [];
  if (!folder) files.push(path);
  else {
    const m = readMispManifest(
      parseJson(await readFile(join(path, 'manifest.json'), 'utf8'), 'manifest.json'),
    );
    if (!m.ok) throw tocsinError('TOCSIN_ERR_VALIDATION', m.error);
    const names = new Set(await readdir(path));
    for (const e of m.value) if (names.has(`${e.uuid}.json`)) files.push(join(path, `${e.uuid}.json`));
  }
  const total = emptyMispSummary();
  const bar = io.progress('importing (events)', files.length);
  try {
    for (const [k, f] of files.entries()) {
      const s = await api.request<MispImportSummary>(
        'POST',
        `/api/v1/import/misp?collection=${encodeURIComponent(collection)}`,
        parseJson(await readFile(f, 'utf8'), f),
      );
      for (const key of [
        'objects',
        'added',
        'updated',
        'duplicates',
        'rejected',
        'indicatorsFed',
        'events',
      ] as const)
        total[key] += s[key];
      total.rejections.push(
        ...s.rejections.map((r) => ({ ...r, index: r.index + total.objects - s.objects })),
      );
      total.skipped.push(...s.skipped);
      bar.update(k + 1);
    }
  } finally {
    bar.stop();
  }
  return total;
}
