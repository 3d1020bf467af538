import { Strength, type BankMention } from './bank-mentions.js';
import { isInlineSpace, isSentenceEnd } from './char-classes.js';
import type { NumberToken } from './number-tokens.js';

// Which bank an account number belongs to: the rules stated in bank-accounts.ts, applied to the banks named
// around one number.

/** How far (characters between them) a bank may be from its account number. */
export const WINDOW = 40;
/** At most this many spaces and `: - – ( ) [ ] ,` between them make a bank "right next to" the number. */
export const ADJACENT = 4;
// A comma between a number and a bank usually starts the next item: "Vietcombank 0123…, Techcombank 9876…".
const COMMA_COST = 15;

/**
 * The bank mention `tok` belongs to under the rules of bank-accounts.ts, or undefined. `before` is the end of
 * the previous candidate number and `after` the start of the next: a mention beyond either is theirs.
 */
export function nearestBank(
  text: string,
  tok: NumberToken,
  before: number,
  after: number,
  mentions: readonly BankMention[],
  accountWord: boolean,
  phone: boolean,
): BankMention | undefined {
  let best: BankMention | undefined;
  let bestCost = Infinity;
  for (const m of mentions) {
    let gapStart: number;
    let gapEnd: number;
    if (m.end <= tok.start) {
      gapStart = m.end;
      gapEnd = tok.start;
    } else if (m.start >= tok.end) {
      gapStart = tok.end;
      gapEnd = m.start;
    } else {
      continue;
    }
    if (gapEnd - gapStart > WINDOW || m.end <= before || m.start >= after) continue;
    const gap = readGap(text, gapStart, gapEnd);
    if (gap < 0) continue;
    const adjacent = gap === ADJACENT_GAP;
    if (m.strength === Strength.Weak) continue;
    if (m.strength === Strength.Ambiguous && !(adjacent && accountWord)) continue;
    if (!adjacent && !accountWord && (phone || tok.digits.length < 8)) continue;
    const cost = gapEnd - gapStart + (gap === COMMA_GAP ? COMMA_COST : 0);
    if (cost < bestCost) {
      best = m;
      bestCost = cost;
    }
  }
  return best;
}

const ADJACENT_GAP = 1;
const COMMA_GAP = 2;
const PLAIN_GAP = 0;

/**
 * Reads the text between a number and a bank: -1 if a sentence ends in it, ADJACENT_GAP if it is at most
 * ADJACENT characters of spaces and `: - – ( ) [ ] ,`, COMMA_GAP if it holds a comma, PLAIN_GAP otherwise.
 */
function readGap(text: string, from: number, to: number): number {
  let punctuationOnly = true;
  let comma = false;
  for (let i = from; i < to; i++) {
    if (isSentenceEnd(text, i)) return -1;
    const c = text.charCodeAt(i);
    if (c === 0x2c) comma = true;
    if (
      !isInlineSpace(c) &&
      c !== 0x3a &&
      c !== 0x2d &&
      c !== 0x2013 &&
      c !== 0x28 &&
      c !== 0x29 &&
      c !== 0x5b &&
      c !== 0x5d &&
      c !== 0x2c
    ) {
      punctuationOnly = false;
    }
  }
  if (punctuationOnly && to - from <= ADJACENT) return ADJACENT_GAP;
  return comma ? COMMA_GAP : PLAIN_GAP;
}
