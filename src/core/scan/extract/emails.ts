import { parseObservable } from '../../observables/observable-value.js';
import { isAsciiAlnum, isInlineSpace } from './char-classes.js';
import { extracted, type Extracted } from './extracted.js';
import { readHost } from './link-reader.js';
import { tldLooksAlphabetic } from './link-rules.js';

// E-mail addresses, plain (`hotro@vcb-xacthuc.com`) or defanged (`hotro[at]vcb-xacthuc[.]com`,
// `hotro (at) vcb (dot) com`). The scanner reaches here from the word before the at-sign, whose domain the
// link reader then reads, so the domain of an address is never reported as a link of its own.

/** Whether `c` may appear in the local part as found in text: ASCII letters, digits and `. _ % + -`. */
function isLocalChar(c: number): boolean {
  return isAsciiAlnum(c) || c === 0x2e || c === 0x5f || c === 0x25 || c === 0x2b || c === 0x2d;
}

/**
 * Appends the address whose local part ends at `localEnd` and whose domain starts at `domainStart` (just
 * after the `@` or `[at]`); returns the address's end, or -1 when there is no local part or no dotted domain
 * with an alphabetic last label. The local part reaches back no further than `floor`. An address that looks
 * right but fails to parse is reported without a value.
 */
export function extractEmail(
  text: string,
  localEnd: number,
  domainStart: number,
  floor: number,
  out: Extracted[],
): number {
  let end = localEnd;
  while (end > floor && isInlineSpace(text.charCodeAt(end - 1))) end--;
  let start = end;
  while (start > floor && isLocalChar(text.charCodeAt(start - 1))) start--;
  while (start < end && text.charCodeAt(start) === 0x2e) start++;
  if (start === end) return -1;
  const domain = readHost(text, domainStart);
  if (domain === undefined || domain.labels < 2 || !tldLooksAlphabetic(text, domain)) return -1;
  const parsed = parseObservable('email', `${text.slice(start, end)}@${domain.host}`);
  out.push(extracted('email', parsed.ok ? parsed.value : undefined, text, start, domain.end));
  return domain.end;
}
