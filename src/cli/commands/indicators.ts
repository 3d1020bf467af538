/**
 * `tocsin indicators …`: file, list, revoke and bulk-import indicators, directly on the configured database
 * (as the local operator, filing for the operating centre) or through a running server (`--server`).
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Config } from '../../config/config.js';
import { SYSTEM } from '../../core/auth/principal.js';
import { tocsinError, type TocsinError } from '../../core/errors/errors.js';
import { CATEGORIES, indicatorStatus, isCategory, type Category } from '../../core/indicators/indicator.js';
import type { IndicatorInput } from '../../core/indicators/indicator-input.js';
import {
  OBSERVABLE_KINDS,
  parseAnyObservable,
  parseObservable,
} from '../../core/observables/observable-value.js';
import type { ObservableKind } from '../../core/observables/observable.js';
import { parseTlp } from '../../core/sharing/tlp.js';
import { systemClock } from '../../services/clock.js';
import { IndicatorService, viewerOf, type FileResult } from '../../services/indicator-service.js';
import {
  remoteOptions,
  targetOf,
  type Filed,
  type IndicatorQuery,
  type IndicatorView,
  type RemoteOptions,
} from '../api-client.js';
import { withServices } from '../context.js';
import { table, type CliIo } from '../io.js';
import { assertReadable, batchesOf, countLines, readListFile, type ListLine } from '../read-lines.js';

type Global = () => { config?: string };

/** Lines filed per transaction (directly) or per request (through a server). */
export const IMPORT_CHUNK = 1000;
/** Rejected lines shown after an import. */
export const SHOW_REJECTED = 20;
/** The longest value the API takes; longer lines are rejected before they are sent. */
export const MAX_VALUE_LENGTH = 8192;

// ---- option parsers: a bad option is a usage error (exit 2), found before any work is done ----

function categoryList(value: string, previous: Category[] | undefined): Category[] {
  const out = [...(previous ?? [])];
  for (const c of value.split(',').map((s) => s.trim().toLowerCase())) {
    if (c === '') continue;
    if (!isCategory(c))
      throw new InvalidArgumentError(`unknown category "${c}"; one of: ${CATEGORIES.join(', ')}`);
    if (!out.includes(c)) out.push(c);
  }
  return out;
}

function wholeNumber(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || n < min || n > max)
      throw new InvalidArgumentError(`must be a whole number from ${min} to ${max}`);
    return n;
  };
}

function tlpOption(value: string): string {
  const t = parseTlp(value);
  if (t === undefined) throw new InvalidArgumentError('must be clear, green, amber, amber+strict or red');
  return t;
}

function isoOption(value: string): string {
  const t = Date.parse(value);
  if (Number.isNaN(t))
    throw new InvalidArgumentError(`"${value}" is not a date-time (ISO 8601, e.g. 2026-11-23T10:00:00Z)`);
  return new Date(t).toISOString();
}

function descriptionOption(value: string): string {
  if (value.length > 10_000) throw new InvalidArgumentError('at most 10,000 characters');
  return value;
}

function containsOption(value: string): string {
  if (value.length < 2 || value.length > 200) throw new InvalidArgumentError('from 2 to 200 characters');
  return value;
}

/** The options that describe what is filed, shared by `add` and `import`. */
function filingOptions(cmd: Command, opts: { kindRequired: boolean }): Command {
  const kind = opts.kindRequired
    ? new Option('--kind <kind>', 'the kind of every value').choices(OBSERVABLE_KINDS).makeOptionMandatory()
    : new Option('--kind <kind>', 'the kind of value (detected when not given)').choices(OBSERVABLE_KINDS);
  return cmd
    .addOption(kind)
    .addOption(
      new Option(
        '--category <category>',
        `why it is bad, repeatable or comma-separated: ${CATEGORIES.join(', ')}`,
      )
        .argParser(categoryList)
        .makeOptionMandatory(),
    )
    .addOption(new Option('--confidence <n>', 'how sure, 0-100 (default 75)').argParser(wholeNumber(0, 100)))
    .addOption(
      new Option('--tlp <tlp>', 'clear, green, amber (default), amber+strict or red').argParser(tlpOption),
    )
    .addOption(new Option('--valid-until <iso>', 'stops counting at this date-time').argParser(isoOption))
    .addOption(new Option('--description <text>', 'free text for analysts').argParser(descriptionOption));
}

interface FilingOpts extends RemoteOptions {
  kind?: ObservableKind;
  category: Category[];
  confidence?: number;
  tlp?: string;
  validUntil?: string;
  description?: string;
}

function inputOf(value: string, o: FilingOpts): IndicatorInput {
  return {
    value,
    categories: o.category,
    ...(o.kind === undefined ? {} : { kind: o.kind }),
    ...(o.confidence === undefined ? {} : { confidence: o.confidence }),
    ...(o.tlp === undefined ? {} : { tlp: o.tlp }),
    ...(o.validUntil === undefined ? {} : { validUntil: o.validUntil }),
    ...(o.description === undefined ? {} : { description: o.description }),
  };
}

// ---- the two ways to work ----

/** An indicator as the API shows it: the same output in both modes. */
function view(i: IndicatorView & { num?: number }): IndicatorView {
  const { num: _num, ...rest } = i;
  return rest;
}

function filed(r: FileResult): Filed {
  return r.ok ? { ok: true, outcome: r.outcome, indicator: view(r.indicator) } : r;
}

/**
 * Runs `fn` with an indicator service on the configured database. It is built without the in-memory index:
 * a command that files or revokes has no index to keep, and a running server's index follows the database.
 */
function withIndicators<T>(config: Config, fn: (s: IndicatorService) => Promise<T>): Promise<T> {
  return withServices(config, (s) => fn(new IndicatorService({ store: s.store, clock: systemClock })));
}

/** The canonical form of a `--value` filter, as the API computes it. */
function canonicalFilter(
  kind: ObservableKind | undefined,
  value: string | undefined,
): { kind: ObservableKind | undefined; canonical: string | undefined } {
  if (value === undefined) return { kind, canonical: undefined };
  const v = kind === undefined ? parseAnyObservable(value) : parseObservable(kind, value);
  if (!v.ok) throw tocsinError('TOCSIN_ERR_INVALID_VALUE', v.error);
  return { kind: v.value.kind, canonical: v.value.canonical };
}

function describe(i: IndicatorView): string {
  return `${i.id} ${i.kind} ${i.canonical} [${i.categories.join(', ')}] confidence ${i.confidence}, TLP:${i.tlp.toUpperCase()}`;
}

const short = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

// ---- commands ----

export function indicatorCommands(program: Command, io: CliIo, global: Global): void {
  const ind = program
    .command('indicators')
    .description('indicators: bad values reported by the centre and its members');

  remoteOptions(
    filingOptions(
      ind
        .command('add')
        .description('file one indicator; the same value again from the same source enriches it')
        .argument(
          '<value>',
          'as you would write it: 0912 345 678, VCB:0123456789, hxxp://evil[.]example/login',
        ),
      { kindRequired: false },
    ).option('--json', 'print JSON'),
  ).action(async (value: string, o: FilingOpts & { json?: boolean }) => {
    const input = inputOf(value, o);
    const t = targetOf(io, global().config, o);
    const [r] =
      t.kind === 'server'
        ? await t.api.fileIndicators([input])
        : (await withIndicators(t.config, (s) => s.file(SYSTEM, [input]))).map(filed);
    if (r === undefined) throw tocsinError('TOCSIN_ERR_INTERNAL', 'no result for the indicator');
    if (!r.ok) throw r.error;
    io.stdout(
      o.json
        ? JSON.stringify({ outcome: r.outcome, indicator: r.indicator }) + '\n'
        : `${r.outcome} indicator ${describe(r.indicator)}\n`,
    );
  });

  remoteOptions(
    ind
      .command('list')
      .description('search the indicators, newest first')
      .addOption(new Option('--kind <kind>', 'only this kind').choices(OBSERVABLE_KINDS))
      .option('--value <value>', 'this value, in any spelling (it is canonicalized first)')
      .addOption(new Option('--contains <text>', 'canonical value contains this').argParser(containsOption))
      .addOption(new Option('--category <category>', 'only this category').choices(CATEGORIES))
      .addOption(
        new Option('--status <status>', 'active (default), revoked or all').choices([
          'active',
          'revoked',
          'all',
        ]),
      )
      .addOption(
        new Option('--limit <n>', 'at most this many (default 100)')
          .argParser(wholeNumber(1, 100_000))
          .default(100),
      )
      .option('--json', 'print JSON lines'),
  ).action(
    async (
      o: RemoteOptions & {
        kind?: ObservableKind;
        value?: string;
        contains?: string;
        category?: Category;
        status?: 'active' | 'revoked' | 'all';
        limit: number;
        json?: boolean;
      },
    ) => {
      const q: IndicatorQuery = {
        kind: o.kind,
        value: o.value,
        contains: o.contains,
        category: o.category,
        status: o.status,
      };
      const t = targetOf(io, global().config, o);
      const { items, total } =
        t.kind === 'server'
          ? await t.api.searchIndicators(q, o.limit)
          : await withIndicators(t.config, async (s) => {
              const r = await s.search(
                viewerOf(SYSTEM),
                {
                  ...canonicalFilter(o.kind, o.value),
                  contains: o.contains,
                  category: o.category,
                  status: o.status,
                },
                { limit: o.limit, offset: 0 },
              );
              return { items: r.items.map(view), total: r.total };
            });
      if (o.json) for (const x of items) io.stdout(JSON.stringify(x) + '\n');
      else {
        const now = new Date().toISOString();
        table(
          io,
          ['ID', 'KIND', 'VALUE', 'CATEGORIES', 'CONF', 'TLP', 'STATUS'],
          items.map((x) => [
            x.id,
            x.kind,
            short(x.canonical),
            x.categories.join(','),
            String(x.confidence),
            x.tlp,
            indicatorStatus(x, now),
          ]),
        );
      }
      if (total > items.length) io.stderr(`${items.length} of ${total} shown (--limit)\n`);
    },
  );

  remoteOptions(
    ind
      .command('revoke')
      .description('revoke an indicator: it stops matching at once, and stays on record')
      .argument('<id>', 'the indicator id'),
  ).action(async (id: string, o: RemoteOptions) => {
    const t = targetOf(io, global().config, o);
    const r =
      t.kind === 'server'
        ? await t.api.revokeIndicator(id)
        : view(await withIndicators(t.config, (s) => s.revoke(SYSTEM, viewerOf(SYSTEM), id)));
    io.stdout(`revoked indicator ${r.id} (${r.kind} ${r.canonical}) at ${r.revokedAt ?? ''}\n`);
  });

  remoteOptions(
    filingOptions(
      ind
        .command('import')
        .description(
          `file every value of a list file (one a line; blank and # lines skipped), ${IMPORT_CHUNK} at a time`,
        )
        .argument('<file>', 'the list file'),
      { kindRequired: true },
    ),
  ).action(async (file: string, o: FilingOpts) => {
    const t = targetOf(io, global().config, o);
    await assertReadable(file);
    const run = (fileBatch: (inputs: IndicatorInput[]) => Promise<Filed[]>) =>
      importFile(io, file, o, fileBatch);
    if (t.kind === 'server') await run((inputs) => t.api.fileIndicators(inputs));
    else
      await withIndicators(t.config, (s) =>
        run(async (inputs) => (await s.file(SYSTEM, inputs, { chunk: IMPORT_CHUNK })).map(filed)),
      );
  });
}

interface Rejected {
  readonly line: number;
  readonly value: string;
  readonly reason: string;
}

/** Streams the file in chunks through `fileBatch`, with a progress bar, and prints the summary. */
async function importFile(
  io: CliIo,
  file: string,
  o: FilingOpts,
  fileBatch: (inputs: IndicatorInput[]) => Promise<Filed[]>,
): Promise<void> {
  const total = await countLines(file);
  const bar = io.progress('importing', total);
  const tally = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  const rejected: Rejected[] = [];
  const reject = (l: ListLine, reason: string) => {
    tally.rejected++;
    if (rejected.length < SHOW_REJECTED) rejected.push({ line: l.line, value: l.value, reason });
  };
  const summary = () =>
    `created ${tally.created}, updated ${tally.updated}, unchanged ${tally.unchanged}, rejected ${tally.rejected}`;
  let lastLine = 0;
  try {
    for await (const batch of batchesOf(readListFile(file), IMPORT_CHUNK)) {
      // Too long for the API: rejected here, and reported in line order with the others.
      const tooLong = (l: ListLine) => l.value.length > MAX_VALUE_LENGTH;
      const send = batch.filter((l) => !tooLong(l));
      const results = send.length === 0 ? [] : await fileBatch(send.map((l) => inputOf(l.value, o)));
      let next = 0;
      for (const l of batch) {
        if (tooLong(l)) {
          reject(l, `longer than ${MAX_VALUE_LENGTH} characters`);
          continue;
        }
        const r = results[next++];
        if (r === undefined) reject(l, 'no result');
        else if (r.ok) tally[r.outcome]++;
        else reject(l, reasonOf(r.error));
      }
      lastLine = batch[batch.length - 1]?.line ?? lastLine;
      bar.update(lastLine);
    }
    bar.update(total);
  } catch (e) {
    bar.stop();
    if (lastLine > 0) io.stderr(`import stopped after line ${lastLine}: ${summary()}\n`);
    throw e;
  }
  bar.stop();
  io.stdout(summary() + '\n');
  for (const r of rejected) io.stderr(`line ${r.line}: "${short(r.value)}": ${r.reason}\n`);
  if (tally.rejected > rejected.length)
    io.stderr(`… and ${tally.rejected - rejected.length} more rejected lines\n`);
}

function reasonOf(e: TocsinError): string {
  return e.code === 'TOCSIN_ERR_INVALID_VALUE' ? e.message : `${e.code}: ${e.message}`;
}
