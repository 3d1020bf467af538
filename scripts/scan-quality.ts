/**
 * The scanner quality study (docs/scanning.md): runs the UCI SMS Spam Collection through extraction, the
 * starter content rules and the message verdict, with no indicator loaded, and prints the figures per part
 * of the split (src/core/scan/quality/split.ts). Samples of misses and false positives are printed for the
 * development part only: the held-out part is for reporting, never for reading.
 *
 *   node --import tsx scripts/scan-quality.ts [--set dev|held-out|both] [--samples 15] [--corpus path]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compileRuleSet } from '../src/core/scan/rules/compile.js';
import { STARTER_RULES } from '../src/core/scan/rules/starter-rules.js';
import { measure, type Figures, type HitFigures } from '../src/core/scan/quality/metrics.js';
import { HELD_OUT_PERCENT, splitCorpus } from '../src/core/scan/quality/split.js';
import { parseLabelledTsv, scoreMessages, type ScoredMessage } from '../src/core/scan/quality/study.js';

const DEFAULT_CORPUS = fileURLToPath(new URL('../../shared/data/sms/uci-sms-spam.tsv', import.meta.url));

const { values } = parseArgs({
  options: {
    set: { type: 'string', default: 'both' },
    samples: { type: 'string', default: '15' },
    corpus: { type: 'string', default: DEFAULT_CORPUS },
  },
});
const set = values.set;
if (set !== 'dev' && set !== 'held-out' && set !== 'both') {
  console.error(`--set must be dev, held-out or both, not ${set}`);
  process.exit(2);
}
const samples = Number(values.samples);

const compiled = compileRuleSet(STARTER_RULES);
if (!compiled.ok) throw new Error(`starter rules do not compile: ${JSON.stringify(compiled.errors)}`);

const corpus = parseLabelledTsv(readFileSync(values.corpus, 'utf8'));
const { dev, heldOut } = splitCorpus(corpus);

const pct = (x: number | undefined): string => (x === undefined ? '–' : `${(100 * x).toFixed(1)}%`);

function hitTable(title: string, rows: readonly HitFigures[]): string[] {
  return [
    `| ${title} | hits | on spam | on ham | precision | recall |`,
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.key} | ${r.hits} | ${r.spamHits} | ${r.hits - r.spamHits} | ${pct(r.precision)} | ${pct(r.recall)} |`,
    ),
  ];
}

function report(name: string, f: Figures): string {
  const c = f.confusion;
  return [
    `## ${name}: ${f.messages} messages, ${f.spam} spam, ${f.ham} ham`,
    '',
    '| flagged spam | missed spam | flagged ham | precision | recall | F1 | false positives on ham |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${c.tp} | ${c.fn} | ${c.fp} | ${pct(f.precision)} | ${pct(f.recall)} | ${pct(f.f1)} | ${pct(f.falsePositiveRate)} (${c.fp}/${f.ham}) |`,
    '',
    ...hitTable('category', f.byCategory),
    '',
    ...hitTable('rule', f.byRule),
    '',
  ].join('\n');
}

function sample(title: string, list: readonly ScoredMessage[]): string {
  const shown = list.slice(0, samples).map((m) => {
    const why = m.rules.length > 0 ? ` [${m.rules.map((r) => r.ruleId).join(', ')}]` : ` [${m.verdict}]`;
    return `- ${JSON.stringify(m.text)}${why}`;
  });
  return [`### ${title} (${shown.length} of ${list.length})`, '', ...shown, ''].join('\n');
}

console.log(
  `# Scanner quality on ${values.corpus}\n\n${corpus.length} messages; held out: ${HELD_OUT_PERCENT}% by SHA-256 of the text. No indicator loaded.\n`,
);
if (set !== 'held-out') {
  const scored = scoreMessages(compiled.compiled, dev);
  console.log(report('dev', measure(scored)));
  console.log(
    sample(
      'Missed spam (dev)',
      scored.filter((m) => m.spam && !m.flagged),
    ),
  );
  console.log(
    sample(
      'False positives (dev)',
      scored.filter((m) => !m.spam && m.flagged),
    ),
  );
}
if (set !== 'dev') console.log(report('held-out', measure(scoreMessages(compiled.compiled, heldOut))));
