// Analysts and citizens "defang" indicators so that nobody clicks them by accident: hxxp://evil[.]example,
// user[at]evil(.)example, evil\.example. Every observable parser refangs first, so that a defanged indicator
// and the live link it stands for reach the same canonical key.

const OPEN_SQUARE = 0x5b; // [
const OPEN_ROUND = 0x28; // (
const OPEN_CURLY = 0x7b; // {
const BACKSLASH = 0x5c;
const DOT = 0x2e;

// One char-class scan tells the common case (nothing to refang) apart without building any string.
const MAY_HOLD_BRACKET_FORM = /[[({\\]/;

/** Rewrites defanged input (hxxp://, fxp://, [.], (dot), [:], [://], [at], \.) back to its live form. */
export function refang(input: string): string {
  const schemeEnd = defangedSchemeEnd(input);
  if (schemeEnd < 0 && !MAY_HOLD_BRACKET_FORM.test(input)) return input;

  let out = '';
  let from = 0; // start of the input not yet copied to out
  let i = 0;
  if (schemeEnd >= 0) {
    // The scheme's last letter before ':' or '[' decides http / https; 'f' decides ftp.
    const start = schemeStart(input);
    const isFtp = (input.charCodeAt(start) | 0x20) === 0x66;
    const secure = (input.charCodeAt(schemeEnd - 1) | 0x20) === 0x73;
    out = input.slice(0, start) + (isFtp ? 'ftp' : 'http') + (secure ? 's' : '');
    from = i = schemeEnd;
  }
  const n = input.length;
  while (i < n) {
    const c = input.charCodeAt(i);
    if (c === BACKSLASH && input.charCodeAt(i + 1) === DOT) {
      out += input.slice(from, i) + '.';
      from = i = i + 2;
      continue;
    }
    if (c === OPEN_SQUARE || c === OPEN_ROUND || c === OPEN_CURLY) {
      const end = bracketFormEnd(input, i, c);
      if (end > 0) {
        // Spaces written around a dot or an at ("evil [dot] example") belong to the defanging, not the value.
        const spacey = matched === '.' || matched === '@';
        let cut = i;
        if (spacey) while (cut > from && isSpace(input.charCodeAt(cut - 1))) cut--;
        let next = end;
        if (spacey) while (next < n && isSpace(input.charCodeAt(next))) next++;
        out += input.slice(from, cut) + matched;
        from = i = next;
        continue;
      }
    }
    i++;
  }
  return from === 0 ? input : out + input.slice(from);
}

// Set by bracketFormEnd: the live text a matched bracketed form stands for.
let matched = '';

// Recognises [.] (.) {.} [dot] [ dot ] [:] [://] [at] (at) [@] at `open`; returns the index after the closing
// bracket, or -1. Inner spaces are allowed; the closing bracket must pair with the opening one.
function bracketFormEnd(s: string, open: number, openCode: number): number {
  const close = openCode === OPEN_SQUARE ? 0x5d : openCode === OPEN_ROUND ? 0x29 : 0x7d;
  let i = open + 1;
  while (isSpace(s.charCodeAt(i))) i++;
  const c = s.charCodeAt(i);
  let value: string;
  if (c === DOT) {
    value = '.';
    i += 1;
  } else if (c === 0x40 /* @ */) {
    value = '@';
    i += 1;
  } else if (c === 0x3a /* : */) {
    if (s.startsWith('//', i + 1)) {
      value = '://';
      i += 3;
    } else {
      value = ':';
      i += 1;
    }
  } else if (lowerAt(s, i, 'dot')) {
    value = '.';
    i += 3;
  } else if (lowerAt(s, i, 'at')) {
    value = '@';
    i += 2;
  } else {
    return -1;
  }
  while (isSpace(s.charCodeAt(i))) i++;
  if (s.charCodeAt(i) !== close) return -1;
  matched = value;
  return i + 1;
}

// hxxp, hxxps, hXXp, fxp at the very start (after leading spaces), followed by ':' or a bracketed colon.
// Returns the index just after the defanged scheme name, or -1.
function defangedSchemeEnd(s: string): number {
  const start = schemeStart(s);
  const first = s.charCodeAt(start) | 0x20;
  let i: number;
  if (first === 0x68 /* h */) {
    if ((s.charCodeAt(start + 1) | 0x20) !== 0x78 || (s.charCodeAt(start + 2) | 0x20) !== 0x78) return -1;
    i = start + 3;
  } else if (first === 0x66 /* f */) {
    if ((s.charCodeAt(start + 1) | 0x20) !== 0x78) return -1;
    i = start + 2;
  } else {
    return -1;
  }
  if ((s.charCodeAt(i) | 0x20) !== 0x70 /* p */) return -1;
  i++;
  if ((s.charCodeAt(i) | 0x20) === 0x73 /* s */) i++;
  const next = s.charCodeAt(i);
  return next === 0x3a /* : */ || next === OPEN_SQUARE ? i : -1;
}

function schemeStart(s: string): number {
  let i = 0;
  while (isSpace(s.charCodeAt(i))) i++;
  return i;
}

function lowerAt(s: string, at: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) {
    if ((s.charCodeAt(at + k) | 0x20) !== word.charCodeAt(k)) return false;
  }
  return true;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09;
}
