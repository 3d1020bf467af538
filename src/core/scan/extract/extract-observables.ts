import type { ObservableValue } from '../../observables/observable-value.js';
import { extractAccounts } from './bank-accounts.js';
import { isDigit, isInlineSpace, isNonAsciiLetter, isWordChar } from './char-classes.js';
import { isGluedLabel } from './context-words.js';
import { sortAndDeduplicate, type Extracted } from './extracted.js';
import { foldRange } from './fold.js';
import { extractLinkAt, lastAttemptEnd, mayContinueLink } from './links.js';
import { readNumberToken, type NumberToken } from './number-tokens.js';
import { extractEmvco, extractWallet } from './payment-strings.js';
import { extractPhones } from './phones.js';

export type { Extracted, ExtractedKind } from './extracted.js';

/*
 * One pass over the message by char code. Letters cost a table lookup; work starts only at a trigger:
 *   - a digit starting a word: a number (kept for the second step), or `000201…`, a VietQR/EMVCo payload;
 *   - a digit right after a phone or account label: `LH0912345678`, `STK0123456789`;
 *   - `+` or `(` before digits: `+84 912 345 678`, `(+84) 912345678`, `(028) 3822 1234`;
 *   - after a word, a dot of any form, `@`, `[`, `(`, `{`, `\` or a scheme's `:`, or spaces and then a dot or
 *     bracket: a link or an e-mail address, if `mayContinueLink` sees one can follow;
 *   - the end of a word of 26 characters or more: a wallet address.
 * A finding is skipped whole, so a number inside a link is never a phone.
 *
 * The second step reads the numbers with their context: NAPAS cards, then accounts next to a bank name or
 * BIN (bank-accounts.ts), then phone numbers among what is left (phones.ts). Amounts, dates, times and codes
 * never become either (number-tokens.ts). Bank names are looked for only around numbers that could be
 * accounts.
 */

const OTHER = 0;
const LETTER = 1;
const DIGIT = 2;
const HYPHEN = 3;
const TRIGGER = 4;

// One lookup classifies every character below U+2000: ASCII, and the Latin, Greek and Cyrillic letters.
const TABLE_SIZE = 0x2000;
const CLASS = new Uint8Array(TABLE_SIZE);
for (let c = 0x80; c < TABLE_SIZE; c++) if (isNonAsciiLetter(c)) CLASS[c] = LETTER;
for (let c = 0x61; c <= 0x7a; c++) CLASS[c] = CLASS[c - 0x20] = LETTER;
for (let c = 0x30; c <= 0x39; c++) CLASS[c] = DIGIT;
CLASS[0x2d] = HYPHEN;
for (const t of '.@[({\\:+') CLASS[t.charCodeAt(0)] = TRIGGER;

/** Whether `c` is a letter, as classOf says, read in a tight loop. */
function isLetter(c: number): boolean {
  return c < TABLE_SIZE ? CLASS[c] === LETTER : isNonAsciiLetter(c);
}

/** OTHER, LETTER, DIGIT, HYPHEN or TRIGGER. */
function classOf(c: number): number {
  if (c < TABLE_SIZE) return CLASS[c]!;
  if (isNonAsciiLetter(c)) return LETTER;
  return c === 0xff0e || c === 0x3002 || c === 0xff61 ? TRIGGER : OTHER;
}

// Longest label glued before a number: `hotline0912345678`.
const MAX_GLUED_LABEL = 8;
const MIN_WALLET = 26;

/** Extracts every link, domain, e-mail, phone, bank account, card, wallet and VietQR payload from `text`. */
export function extractObservables(text: string): Extracted[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const out: Extracted[] = [];
  const tokens: NumberToken[] = [];
  const n = text.length;
  let floor = 0; // end of the last finding
  let tokenEnd = 0; // end of the last number read
  let linkTried = 0; // link attempts from words before this offset already failed
  let wordStart = -1; // start of the word being read, or -1
  // Where the word's last part starts: past a run of hyphens (`xn--`, `docs--`) the word goes on, as a
  // domain label does, but numbers and wallets are read from after the run as from the start of a word.
  let partStart = -1;
  let lastStart = -1; // the last complete word
  let lastPart = -1; // its last part
  let lastEnd = -1;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const k = classOf(c);
    if (k === LETTER) {
      if (wordStart < 0) wordStart = partStart = i;
      // Most characters are letters: run through them without the checks below.
      i++;
      while (i < n && isLetter(text.charCodeAt(i))) i++;
      continue;
    }
    if (k === DIGIT) {
      if (wordStart < 0 || partStart === i) {
        if (wordStart < 0) wordStart = partStart = i;
        if (i >= tokenEnd) {
          const found = c === 0x30 && text.startsWith('000201', i) ? extractEmvco(text, i, out) : -1;
          if (found > 0) {
            i = floor = tokenEnd = found;
            wordStart = -1;
            continue;
          }
          tokenEnd = readNumber(text, i, undefined, tokens);
        }
      } else if (i >= tokenEnd && i - partStart <= MAX_GLUED_LABEL && !isDigit(text.charCodeAt(i - 1))) {
        const label = foldRange(text, partStart, i);
        if (isGluedLabel(label)) tokenEnd = readNumber(text, i, label, tokens);
      }
      i++;
      continue;
    }
    if (k === HYPHEN && wordStart >= 0) {
      let j = i + 1;
      while (text.charCodeAt(j) === 0x2d) j++;
      if (isWordChar(text.charCodeAt(j))) {
        if (j > i + 1) {
          // `xn--vcb-abc.com`: the word goes on; what came before the run ends as a word would for wallets.
          if (i - partStart >= MIN_WALLET) {
            const found = extractWallet(text, partStart, out);
            if (found > 0) {
              i = floor = found;
              wordStart = -1;
              continue;
            }
          }
          partStart = j;
        }
        i = j;
        continue;
      }
    }
    if (wordStart >= 0) {
      // The word ends here.
      if (i - partStart >= MIN_WALLET) {
        const found = extractWallet(text, partStart, out);
        if (found > 0) {
          i = floor = found;
          wordStart = -1;
          continue;
        }
      }
      lastStart = wordStart;
      lastPart = partStart;
      lastEnd = i;
      wordStart = -1;
    }
    if (k === TRIGGER) {
      if ((c === 0x2b || c === 0x28) && i >= tokenEnd) tokenEnd = readNumber(text, i, undefined, tokens);
      if (lastEnd === i || followsAfterSpaces(text, lastEnd, i)) {
        // A word with a run of hyphens is a link from its start (`xn--vcb-abc.com`, `docs--name.gitbook.io`),
        // or failing that from after the run, as any other word (`Link--http://…`).
        let found = -1;
        if (
          lastPart > lastStart &&
          lastStart >= linkTried &&
          lastStart >= floor &&
          mayContinueLink(text, lastStart, lastEnd)
        ) {
          found = extractLinkAt(text, lastStart, lastEnd, floor, out);
        }
        if (
          found < 0 &&
          lastPart >= linkTried &&
          lastPart >= floor &&
          mayContinueLink(text, lastPart, lastEnd)
        ) {
          found = extractLinkAt(text, lastPart, lastEnd, floor, out);
          if (found < 0) linkTried = lastAttemptEnd();
        }
        if (found > 0) {
          i = floor = found;
          if (tokenEnd < found) tokenEnd = found;
          lastStart = lastPart = lastEnd = -1;
          continue;
        }
      }
    }
    i++;
  }
  if (wordStart >= 0 && n - partStart >= MIN_WALLET) extractWallet(text, partStart, out);
  if (tokens.length > 0) readNumbers(text, tokens, out);
  return sortAndDeduplicate(out);
}

/** Reads the number at `at` into `tokens` if it is long enough to matter; returns where to resume. */
function readNumber(text: string, at: number, label: string | undefined, tokens: NumberToken[]): number {
  const tok = readNumberToken(text, at, label);
  if (tok === undefined) return at;
  tokens.push(tok);
  return tok.end;
}

/** Whether `text[from, to)` is one or two inline spaces: `vcb . com`, `abc [dot] com`. */
function followsAfterSpaces(text: string, from: number, to: number): boolean {
  if (from < 0 || to - from > 2 || to === from) return false;
  for (let i = from; i < to; i++) if (!isInlineSpace(text.charCodeAt(i))) return false;
  return true;
}

/** `skip` when nothing was found before the numbers are read. */
const NOTHING_FOUND = (): boolean => false;

/** Whether an offset lies inside one of the first `findings` items of `out`. */
function insideFindings(out: readonly Extracted[], findings: number): (pos: number) => boolean {
  return (pos) => {
    for (let f = 0; f < findings; f++) {
      const item = out[f]!;
      if (pos >= item.start && pos < item.end) return true;
    }
    return false;
  };
}

/** The second step: cards and accounts, then phones among the numbers left outside every finding. */
function readNumbers(text: string, all: readonly NumberToken[], out: Extracted[]): void {
  const findings = out.length;
  const skip = findings === 0 ? NOTHING_FOUND : insideFindings(out, findings);
  // A number read before the link or address that turned out to hold it: `0912345678@gmail.com`.
  const tokens = findings === 0 ? all : all.filter((tok) => !skip(tok.start));
  const phones: (ObservableValue | null | undefined)[] = [];
  const used = extractAccounts(text, tokens, skip, out, phones);
  for (let t = 0; t < tokens.length; t++) if (!used[t]) extractPhones(text, tokens[t]!, out, phones[t]);
}
