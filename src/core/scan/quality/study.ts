/**
 * The scanner quality study, without I/O: parse a labelled SMS corpus, and run each message through what the
 * scanner does with no indicator loaded (extraction, content rules, message verdict). The script
 * `scripts/scan-quality.ts` reads the file and prints; docs/scanning.md reports the figures.
 */
import { extractObservables } from '../extract/extract-observables.js';
import { messageVerdict, type MessageVerdict } from '../message-verdict.js';
import type { CompiledRuleSet } from '../rules/compile.js';
import { evaluate } from '../rules/evaluate.js';
import type { RuleHit } from '../rules/rule.js';

export interface LabelledMessage {
  readonly spam: boolean;
  readonly text: string;
}

/**
 * Reads `label TAB text` lines (labels `spam` and `ham`, as in the UCI SMS Spam Collection); blank lines are
 * skipped. Throws on any other line: a study on a half-read corpus would report wrong figures.
 */
export function parseLabelledTsv(tsv: string): LabelledMessage[] {
  const out: LabelledMessage[] = [];
  const lines = tsv.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const tab = line.indexOf('\t');
    const label = tab < 0 ? line : line.slice(0, tab);
    if (tab < 0 || (label !== 'spam' && label !== 'ham')) {
      throw new Error(`line ${i + 1}: expected "spam" or "ham", a TAB, then the text`);
    }
    out.push({ spam: label === 'spam', text: line.slice(tab + 1) });
  }
  return out;
}

/** What the scanner decides on one message when the index is empty. */
export interface OfflineScan {
  readonly verdict: MessageVerdict;
  readonly score: number;
  readonly rules: RuleHit[];
  /** malicious or suspicious: what a telco would act on. */
  readonly flagged: boolean;
}

/**
 * Scans `text` as ScanService does, but with no indicator: every link, number or account found is unknown
 * (score 0), so only the content rules and the look-alike signal can flag it. The allow-list is not asked:
 * it only tells clean from unknown, and neither is flagged.
 */
export function scanOffline(rules: CompiledRuleSet, text: string): OfflineScan {
  const extracted = extractObservables(text);
  const hits = evaluate(rules, text, extracted);
  const v = messageVerdict(
    extracted.map((e) => ({
      verdict: 'unknown',
      score: 0,
      ...(e.lookalike === true ? { lookalike: true } : {}),
    })),
    hits,
  );
  return { ...v, rules: hits, flagged: v.verdict === 'malicious' || v.verdict === 'suspicious' };
}

/** A message with its label and what the scanner made of it. */
export interface ScoredMessage extends OfflineScan {
  readonly spam: boolean;
  readonly text: string;
}

/** Scans every message of `messages`. */
export function scoreMessages(rules: CompiledRuleSet, messages: readonly LabelledMessage[]): ScoredMessage[] {
  return messages.map((m) => ({ ...scanOffline(rules, m.text), spam: m.spam, text: m.text }));
}
