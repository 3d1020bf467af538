import { asciiEqualsAt, isInlineSpace, isLabelChar } from './char-classes.js';

// Reads the host of a link as written in a message: labels joined by any of the dot forms that scammers and
// analysts use; link-path.ts reads what follows. Whether the result is a link is the caller's business.

/** A host name as read from the text. */
export interface HostRead {
  /** Offset just after the last label. */
  readonly end: number;
  /** The labels joined with `.`: `vcb.com.vn` for `vcb . com . vn` and for `vcb[.]com[.]vn`. */
  readonly host: string;
  readonly labels: number;
  /** The span of the last label (the top-level domain, if it is one). */
  readonly tldStart: number;
  readonly tldEnd: number;
  /** A bracketed dot (`[.]`, `(.)`, `{.}`, `[dot]`, `(dot)`) or `\.` joined two labels. */
  readonly defanged: boolean;
  /** A plain dot with a space before it (`vcb . com`, `abc .xyz`) joined two labels. */
  readonly spaced: boolean;
  /** A fullwidth or ideographic stop (`．`, `。`, `｡`) joined two labels. */
  readonly unicodeDot: boolean;
  /** A label holds a character beyond ASCII. */
  readonly nonAscii: boolean;
}

const MAX_LABELS = 12;
const MAX_PAD = 2; // spaces allowed on each side of a spaced or bracketed dot

const PLAIN = 0;
const SPACED = 1;
const DEFANGED = 2;
const UNICODE = 3;
let joinKind = PLAIN; // set by dotFormEnd

/** Reads the labels of a host name starting at `start`; undefined if no label starts there. */
export function readHost(text: string, start: number): HostRead | undefined {
  const n = text.length;
  let i = start;
  // Built only when a join is not a plain dot: otherwise the host is the text as written, one slice.
  let host = '';
  let plain = true;
  let labels = 0;
  let tldStart = start;
  let tldEnd = start;
  let defanged = false;
  let spaced = false;
  let unicodeDot = false;
  let nonAscii = false;
  for (;;) {
    const from = i;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (!isLabelChar(c)) break;
      if (c >= 0x80) nonAscii = true;
      i++;
    }
    if (i === from) break;
    if (!plain) host += '.' + text.slice(from, i);
    labels++;
    tldStart = from;
    tldEnd = i;
    if (labels === MAX_LABELS) break;
    const next = dotFormEnd(text, i);
    if (next < 0) break;
    if (joinKind !== PLAIN) {
      if (joinKind === SPACED) spaced = true;
      else if (joinKind === DEFANGED) defanged = true;
      else unicodeDot = true;
      if (plain) {
        plain = false;
        host = text.slice(start, i);
      }
    }
    i = next;
  }
  if (labels === 0) return undefined;
  if (plain) host = text.slice(start, tldEnd);
  return { end: tldEnd, host, labels, tldStart, tldEnd, defanged, spaced, unicodeDot, nonAscii };
}

/**
 * If a dot form starts at `i` and a label follows it, the offset of that label, else -1; sets `joinKind`.
 * A plain dot followed by a space (`Xin chào. Bạn`) is a full stop, never a join.
 */
function dotFormEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  let j: number;
  if (c === 0x2e) {
    joinKind = PLAIN;
    j = i + 1;
  } else if (c === 0xff0e || c === 0x3002 || c === 0xff61) {
    joinKind = UNICODE;
    j = i + 1;
  } else if (c === 0x5c && text.charCodeAt(i + 1) === 0x2e) {
    joinKind = DEFANGED;
    j = i + 2;
  } else if (c === 0x5b || c === 0x28 || c === 0x7b) {
    j = bracketEnd(text, i, false);
    if (j < 0) return -1;
    joinKind = DEFANGED;
    j = skipPad(text, j);
  } else if (isInlineSpace(c)) {
    const k = skipPad(text, i);
    const d = text.charCodeAt(k);
    if (d === 0x2e) {
      joinKind = SPACED;
      j = skipPad(text, k + 1);
    } else if (d === 0x5b || d === 0x28 || d === 0x7b) {
      j = bracketEnd(text, k, false);
      if (j < 0) return -1;
      joinKind = DEFANGED;
      j = skipPad(text, j);
    } else {
      return -1;
    }
  } else {
    return -1;
  }
  const next = text.charCodeAt(j);
  return isLabelChar(next) && next !== 0x2d ? j : -1;
}

/** Skips up to MAX_PAD inline spaces from `i`. */
function skipPad(text: string, i: number): number {
  let k = i;
  while (k - i < MAX_PAD && isInlineSpace(text.charCodeAt(k))) k++;
  return k;
}

/**
 * If a bracketed dot (`[.]`, `( dot )`…) or, when `at`, a bracketed at (`[at]`, `(@)`…) opens at `open`, the
 * offset after its closing bracket, else -1.
 */
export function bracketEnd(text: string, open: number, at: boolean): number {
  const o = text.charCodeAt(open);
  const close = o === 0x5b ? 0x5d : o === 0x28 ? 0x29 : o === 0x7b ? 0x7d : -1;
  if (close < 0) return -1;
  let k = skipPad(text, open + 1);
  if (at) {
    if (text.charCodeAt(k) === 0x40) k++;
    else if (asciiEqualsAt(text, k, 'at')) k += 2;
    else return -1;
  } else if (text.charCodeAt(k) === 0x2e) {
    k++;
  } else if (asciiEqualsAt(text, k, 'dot')) {
    k += 3;
  } else {
    return -1;
  }
  k = skipPad(text, k);
  return text.charCodeAt(k) === close ? k + 1 : -1;
}

/** If an `@` or a bracketed at (`[at]`, ` (at) `) starts at `i`, where the domain begins, else -1. */
export function atFormEnd(text: string, i: number): number {
  if (text.charCodeAt(i) === 0x40) return i + 1;
  const k = skipPad(text, i);
  const j = bracketEnd(text, k, true);
  return j < 0 ? -1 : skipPad(text, j);
}

/** The offset where the host begins if a scheme (`http`, `https`, `hxxp`, `hxxps`, `ftp`, `fxp`) spans
 * `text[start, wordEnd)` and a separator (`://`, `[:]//`, `(:)//`, `[://]`) follows it, else -1. */
export function schemeEnd(text: string, start: number, wordEnd: number): number {
  const length = wordEnd - start;
  if (length < 3 || length > 5) return -1;
  const h = text.charCodeAt(start) | 0x20;
  let ok: boolean;
  if (h === 0x68 /* h */) {
    const isHttp = asciiEqualsAt(text, start, 'http') || asciiEqualsAt(text, start, 'hxxp');
    ok = isHttp && (length === 4 || (length === 5 && (text.charCodeAt(start + 4) | 0x20) === 0x73));
  } else {
    ok = length === 3 && (asciiEqualsAt(text, start, 'ftp') || asciiEqualsAt(text, start, 'fxp'));
  }
  if (!ok) return -1;
  if (text.startsWith('://', wordEnd)) return wordEnd + 3;
  if (text.startsWith('[:]//', wordEnd) || text.startsWith('(:)//', wordEnd)) return wordEnd + 5;
  if (text.startsWith('[://]', wordEnd)) return wordEnd + 5;
  return -1;
}
