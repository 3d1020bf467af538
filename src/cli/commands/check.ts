/**
 * `tocsin check VALUE…` and `tocsin check --file FILE`: "is this a scam?" for each value, answered as NDJSON
 * in input order, directly on the configured database (its index loaded first) or through a running server.
 * A malicious value is an answer, not an error: the exit code stays 0.
 */
import { Option, type Command } from 'commander';
import { SYSTEM } from '../../core/auth/principal.js';
import { OBSERVABLE_KINDS } from '../../core/observables/observable-value.js';
import type { ObservableKind } from '../../core/observables/observable.js';
import { MAX_BATCH, type CheckAnswer, type CheckItem } from '../../services/check-service.js';
import { viewerOf } from '../../services/indicator-service.js';
import { remoteOptions, targetOf, type RemoteOptions } from '../api-client.js';
import { loadIndex, withServices } from '../context.js';
import type { CliIo } from '../io.js';
import { assertReadable, batchesOf, countLines, readListFile } from '../read-lines.js';
import { MAX_VALUE_LENGTH } from './indicators.js';

type Global = () => { config?: string };

interface Line {
  readonly line: number;
  readonly value: string;
}

/** A value no check can answer, answered here, the same way in both modes. */
function precheck(value: string): CheckAnswer | undefined {
  if (value.trim() === '')
    return { value, error: { code: 'TOCSIN_ERR_INVALID_VALUE', message: 'the value is empty' } };
  if (value.length > MAX_VALUE_LENGTH)
    return {
      value,
      error: { code: 'TOCSIN_ERR_INVALID_VALUE', message: `longer than ${MAX_VALUE_LENGTH} characters` },
    };
  return undefined;
}

/** Answers a batch in order: prechecked values here, the others through `run`. */
async function answerBatch(
  items: readonly CheckItem[],
  run: (items: CheckItem[]) => Promise<CheckAnswer[]>,
): Promise<CheckAnswer[]> {
  const out: (CheckAnswer | undefined)[] = items.map((i) => precheck(i.value));
  const pending = items.filter((_, i) => out[i] === undefined);
  const answers = pending.length === 0 ? [] : await run(pending);
  let j = 0;
  return out.map(
    (a) => a ?? answers[j++] ?? { value: '', error: { code: 'TOCSIN_ERR_INTERNAL', message: 'no answer' } },
  );
}

function* fromArgs(values: readonly string[]): Generator<Line> {
  for (const [i, value] of values.entries()) yield { line: i + 1, value };
}

export function checkCommands(program: Command, io: CliIo, global: Global): void {
  remoteOptions(
    program
      .command('check')
      .description('check values (or a list file): one JSON answer a line, in input order')
      .argument(
        '[values...]',
        'values to check: links, domains, IPs, phone numbers, accounts, e-mails, wallets, hashes',
      )
      .option('--file <file>', 'a list file, one value a line (blank and # lines skipped)')
      .addOption(
        new Option('--kind <kind>', 'the kind of every value (detected when not given)').choices(
          OBSERVABLE_KINDS,
        ),
      ),
  ).action(
    async (values: string[], o: RemoteOptions & { file?: string; kind?: ObservableKind }, cmd: Command) => {
      if (o.file === undefined && values.length === 0)
        cmd.error('error: give values to check, or --file FILE');
      if (o.file !== undefined && values.length > 0) cmd.error('error: give values or --file FILE, not both');
      const t = targetOf(io, global().config, o);
      const file = o.file;
      if (file !== undefined) await assertReadable(file);

      const run = async (check: (items: CheckItem[]) => Promise<CheckAnswer[]>) => {
        const total = file === undefined ? values.length : await countLines(file);
        const bar = io.progress('checking', total);
        try {
          const lines = file === undefined ? fromArgs(values) : readListFile(file);
          for await (const batch of batchesOf(lines, MAX_BATCH)) {
            const items = batch.map((l): CheckItem =>
              o.kind === undefined ? { value: l.value } : { value: l.value, kind: o.kind },
            );
            const answers = await answerBatch(items, check);
            io.stdout(answers.map((a) => JSON.stringify(a)).join('\n') + '\n');
            bar.update(batch[batch.length - 1]?.line ?? 0);
          }
          bar.update(total);
        } finally {
          bar.stop();
        }
      };

      if (t.kind === 'server') await run((items) => t.api.check(items));
      else
        await withServices(t.config, async (s) => {
          await loadIndex(io, s);
          const viewer = viewerOf(SYSTEM);
          await run((items) => s.check.check(viewer, items));
        });
    },
  );
}
