/**
 * `tocsin scan FILE`: scans messages from a file or standard input (`-`) as plain text (one message a line),
 * CSV (a `text` column) or NDJSON, directly on the configured database (index and rules loaded first) or
 * through a running server. Writes one NDJSON verdict a line, in input order, each with the input's line
 * number; ends with a summary on standard error. A flagged message is an answer, not an error: exit code 0.
 */
import { Option, type Command } from 'commander';
import { SYSTEM } from '../../core/auth/principal.js';
import { viewerOf } from '../../services/indicator-service.js';
import { isFlagged } from '../../services/scan-counts.js';
import { MAX_MESSAGES, type ScanMessage, type ScanResult } from '../../services/scan-service.js';
import { remoteOptions, targetOf, type RemoteOptions } from '../api-client.js';
import { loadIndex, withServices } from '../context.js';
import type { CliIo } from '../io.js';
import { assertReadable, countLines } from '../read-lines.js';
import {
  formatOf,
  MESSAGE_FORMATS,
  openInput,
  readMessages,
  type MessageFormat,
  type MessageLine,
} from '../read-messages.js';
import type { Readable } from 'node:stream';

type Global = () => { config?: string };

/** The tally printed at the end. */
class Summary {
  messages = 0;
  errors = 0;
  readonly verdicts = new Map<string, number>();
  readonly categories = new Map<string, number>();

  add(r: ScanResult): void {
    this.messages++;
    if ('error' in r) {
      this.errors++;
      return;
    }
    this.verdicts.set(r.verdict, (this.verdicts.get(r.verdict) ?? 0) + 1);
    if (!isFlagged(r.verdict)) return;
    const cats = new Set<string>(r.rules.map((h) => h.category));
    for (const it of r.items) {
      if (it.verdict === 'malicious' || it.verdict === 'suspicious')
        for (const reason of it.reasons ?? []) for (const c of reason.categories) cats.add(c);
    }
    for (const c of cats) this.categories.set(c, (this.categories.get(c) ?? 0) + 1);
  }

  text(): string {
    const flagged = (this.verdicts.get('malicious') ?? 0) + (this.verdicts.get('suspicious') ?? 0);
    const v = ['malicious', 'suspicious', 'clean', 'unknown'].map((k) => `${this.verdicts.get(k) ?? 0} ${k}`);
    const cats = [...this.categories.entries()].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`);
    return (
      `scanned ${this.messages} messages: ${flagged} flagged (${v.join(', ')}), ${this.errors} errors\n` +
      (cats.length > 0 ? `flagged by category: ${cats.join(', ')}\n` : '')
    );
  }
}

async function* batches(lines: AsyncIterable<MessageLine>, size: number): AsyncGenerator<MessageLine[]> {
  let batch: MessageLine[] = [];
  for await (const l of lines) {
    batch.push(l);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

export function scanCommands(program: Command, io: CliIo, global: Global): void {
  remoteOptions(
    program
      .command('scan')
      .description('scan messages for scams: one JSON verdict a line, in input order, then a summary')
      .argument(
        '<file>',
        'messages: a text file (one a line), CSV with a "text" column, NDJSON, or - for stdin',
      )
      .addOption(
        new Option('--format <format>', 'the input format (default: from the file name; text for -)').choices(
          MESSAGE_FORMATS,
        ),
      )
      .option('--batch <n>', `messages per batch (1 to ${MAX_MESSAGES})`, '1000'),
  ).action(
    async (file: string, o: RemoteOptions & { format?: MessageFormat; batch: string }, cmd: Command) => {
      const size = Number(o.batch);
      if (!Number.isInteger(size) || size < 1 || size > MAX_MESSAGES)
        cmd.error(`error: --batch must be an integer from 1 to ${MAX_MESSAGES}`);
      const format = o.format ?? (file === '-' ? 'text' : formatOf(file));
      const t = targetOf(io, global().config, o);
      if (file !== '-') await assertReadable(file);

      const run = async (scan: (messages: ScanMessage[]) => Promise<ScanResult[]>) => {
        const total = file === '-' ? 0 : await countLines(file);
        const bar = io.progress('scanning', total);
        const summary = new Summary();
        try {
          const input = openInput(file, io.stdin as Readable | undefined);
          for await (const batch of batches(readMessages(input, format), size)) {
            const good = batch.flatMap((l) => ('message' in l ? [l.message] : []));
            const answers = good.length === 0 ? [] : await scan(good);
            let j = 0;
            const out = batch.map((l): ScanResult & { line: number } => {
              const r: ScanResult =
                'message' in l
                  ? (answers[j++] ?? { error: { code: 'TOCSIN_ERR_INTERNAL', message: 'no answer' } })
                  : { error: { code: 'TOCSIN_ERR_VALIDATION', message: `line ${l.line}: ${l.error}` } };
              summary.add(r);
              return { line: l.line, ...r };
            });
            io.stdout(out.map((r) => JSON.stringify(r)).join('\n') + '\n');
            bar.update(batch[batch.length - 1]?.line ?? 0);
          }
        } finally {
          bar.stop();
        }
        io.stderr(summary.text());
      };

      if (t.kind === 'server') await run((m) => t.api.scan(m));
      else
        await withServices(t.config, async (s) => {
          await loadIndex(io, s);
          await s.scanRules.load();
          const viewer = viewerOf(SYSTEM);
          try {
            await run((m) => s.scan.scan(viewer, m));
          } finally {
            await s.scanCounts.flush();
          }
        });
    },
  );
}
