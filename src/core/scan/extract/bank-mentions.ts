import { findBank, type Bank } from '../../observables/banks.js';
import { matchNameAt, matchNameEndingAt, matchedStrength, startsName, Strength } from './bank-name-trie.js';
import { isInlineSpace, isWordChar } from './char-classes.js';
import { foldCode, foldRange } from './fold.js';

export { Strength } from './bank-name-trie.js';

// Bank names in free text: `Vietcombank`, `VCB`, `MB Bank`, `ngan hang Techcombank`, `Ngân hàng Ngoại
// thương`, found with the tries of bank-name-trie.ts and named by `findBank`. "ngân hàng", "NH" and "TMCP"
// before a name make it a bank whatever the name (`Ngân hàng Quốc tế` is VIB; `quốc tế` alone is
// "international"), and belong to its span.

/** A bank named in the text. */
export interface BankMention {
  readonly start: number;
  readonly end: number;
  readonly bank: Bank;
  readonly strength: Strength;
}

/** The mention of the name matched from `start` to `end`, or undefined if `findBank` disowns it. */
function mentionAt(text: string, start: number, end: number, strength: Strength): BankMention | undefined {
  const bank = findBank(text.slice(start, end));
  if (bank === undefined) return undefined;
  const lead = bankWordsBefore(text, start);
  return { start: lead, end, bank, strength: lead < start ? Strength.Strong : strength };
}

/**
 * The banks named in `text[from, to)`, in order. `skip(i)` says that offset `i` lies in a link or e-mail
 * already found (`vietcombank.com.vn` names no bank account). A name after "ngân hàng", "NH" or "TMCP" is
 * strong whatever the name, and its span takes those words in.
 */
export function findBankMentions(
  text: string,
  from: number,
  to: number,
  skip: (i: number) => boolean,
): BankMention[] {
  const mentions: BankMention[] = [];
  let i = from;
  while (i > 0 && isWordChar(text.charCodeAt(i - 1))) i--; // a name may begin before the window
  while (i < to) {
    const c = text.charCodeAt(i);
    if (!isWordChar(c)) {
      i++;
      continue;
    }
    if (startsName(foldCode(c))) {
      const end = matchNameAt(text, i, to);
      if (end > 0 && !skip(i)) {
        const mention = mentionAt(text, i, end, matchedStrength());
        if (mention !== undefined) {
          mentions.push(mention);
          i = end;
          continue;
        }
      }
    }
    i++;
    while (i < to && isWordChar(text.charCodeAt(i))) i++;
  }
  return mentions;
}

/** The bank named right after `from`, past at most `maxGap` other characters, or undefined. */
export function mentionStartingNear(
  text: string,
  from: number,
  maxGap: number,
  skip: (i: number) => boolean,
): BankMention | undefined {
  let start = from;
  while (start - from < maxGap && start < text.length && !isWordChar(text.charCodeAt(start))) start++;
  if (!isWordChar(text.charCodeAt(start)) || skip(start)) return undefined;
  // "0912345678 ngân hàng VCB": the bank words come first, and the name after them.
  let name = start;
  for (let k = 0; k < 3; k++) {
    const next = afterBankWord(text, name);
    if (next < 0) break;
    name = next;
  }
  const end = matchNameAt(text, name, Math.min(text.length, name + 160));
  if (end < 0) return undefined;
  const mention = mentionAt(text, name, end, matchedStrength());
  return mention === undefined ? undefined : { ...mention, start };
}

/** The bank named right before `to`, past at most `maxGap` other characters, or undefined. */
export function mentionEndingNear(
  text: string,
  to: number,
  maxGap: number,
  skip: (i: number) => boolean,
): BankMention | undefined {
  let end = to;
  while (to - end < maxGap && end > 0 && !isWordChar(text.charCodeAt(end - 1))) end--;
  const start = matchNameEndingAt(text, end);
  if (start < 0 || skip(start)) return undefined;
  return mentionAt(text, start, end, matchedStrength());
}

/** If a bank word ("ngân hàng", "NH", "TMCP") starts at `at`, where the next word starts, else -1. */
function afterBankWord(text: string, at: number): number {
  let e = at;
  while (isWordChar(text.charCodeAt(e))) e++;
  const word = foldRange(text, at, e);
  let next = e;
  while (isInlineSpace(text.charCodeAt(next))) next++;
  if (next === e || !isWordChar(text.charCodeAt(next))) return -1;
  if (word === 'nh' || word === 'tmcp' || word === 'nganhang') return next;
  if (word !== 'ngan') return -1;
  let e2 = next;
  while (isWordChar(text.charCodeAt(e2))) e2++;
  if (foldRange(text, next, e2) !== 'hang') return -1;
  let after = e2;
  while (isInlineSpace(text.charCodeAt(after))) after++;
  return after > e2 && isWordChar(text.charCodeAt(after)) ? after : -1;
}

/** Where "ngân hàng [TMCP]", "NH [TMCP]" or "TMCP" right before offset `start` begins, or `start`. */
function bankWordsBefore(text: string, start: number): number {
  let lead = start;
  let word = previousWord(text, start);
  if (word === 'tmcp') {
    lead = previousStart;
    word = previousWord(text, lead);
  }
  if (word === 'nh' || word === 'nganhang') return previousStart;
  if (word === 'hang') {
    const hang = previousStart;
    if (previousWord(text, hang) === 'ngan') return previousStart;
  }
  return lead;
}

// Set by previousWord: where the word it returned starts.
let previousStart = 0;

/** The folded word that ends before `at`, with only spaces between (or '' if none); sets `previousStart`. */
function previousWord(text: string, at: number): string {
  let e = at;
  while (e > 0 && isInlineSpace(text.charCodeAt(e - 1))) e--;
  let s = e;
  while (s > 0 && isWordChar(text.charCodeAt(s - 1))) s--;
  previousStart = s;
  return s === e ? '' : foldRange(text, s, e);
}
