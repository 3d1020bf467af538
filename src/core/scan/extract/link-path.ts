import { isBlank, isDigit } from './char-classes.js';

// Where a link ends: after its host come an optional port and path, which run to a blank, a quote or an angle
// bracket, less the punctuation of the sentence around the link.

/** Whether `c` ends a link: a blank, or a quote or angle bracket around it. */
function isLinkStop(c: number): boolean {
  return (
    isBlank(c) ||
    c === 0x22 ||
    c === 0x3c ||
    c === 0x3e ||
    c === 0x60 ||
    c === 0x201c ||
    c === 0x201d ||
    c === 0xab ||
    c === 0xbb
  );
}

/**
 * The end of the port and path after a host ending at `i` (`i` itself if there is neither), trailing
 * punctuation left out: in `bit.ly/3abc).` the link ends before `)`.
 */
export function readPath(text: string, i: number): number {
  let j = i;
  if (text.charCodeAt(j) === 0x3a && isDigit(text.charCodeAt(j + 1))) {
    let k = j + 1;
    while (isDigit(text.charCodeAt(k)) && k - j <= 5) k++;
    const c = text.charCodeAt(k);
    if (!(c === 0x2f || c === 0x3f || Number.isNaN(c) || isLinkStop(c))) return i;
    j = k;
  }
  const c = text.charCodeAt(j);
  if (c !== 0x2f && c !== 0x3f && c !== 0x23) return j;
  let k = j + 1;
  while (k < text.length && !isLinkStop(text.charCodeAt(k))) k++;
  return trimTrailing(text, j, k);
}

/** Whether `c` is punctuation that ends a sentence or clause rather than a link. */
function isTrailing(c: number): boolean {
  return (
    c === 0x2e ||
    c === 0x2c ||
    c === 0x3b ||
    c === 0x3a ||
    c === 0x21 ||
    c === 0x3f ||
    c === 0x27 ||
    c === 0x29 ||
    c === 0x5d ||
    c === 0x7d ||
    c === 0x2a ||
    c === 0x2026 ||
    c === 0x2019 ||
    c === 0x3002 ||
    c === 0xff0c ||
    c === 0xff01 ||
    c === 0xff1f
  );
}

/** `end` moved back over trailing punctuation; a closing bracket stays when the link opened one. */
export function trimTrailing(text: string, from: number, end: number): number {
  let e = end;
  while (e > from) {
    const c = text.charCodeAt(e - 1);
    if (!isTrailing(c)) break;
    if (c === 0x29 || c === 0x5d) {
      const open = c === 0x29 ? 0x28 : 0x5b;
      let balance = 0;
      for (let k = from; k < e - 1; k++) {
        const d = text.charCodeAt(k);
        if (d === open) balance++;
        else if (d === c) balance--;
      }
      if (balance > 0) break;
    }
    e--;
  }
  return e;
}
