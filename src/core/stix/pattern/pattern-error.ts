/**
 * What reading a STIX pattern gives back, and how places in it are named. Patterns arrive from other CERTs over
 * TAXII, so a bad one is an ordinary result naming the line and column of the offending token, never an exception.
 */

/** Why a pattern was rejected: a message fit to show its author, and the 1-based line and column it points at. */
export interface PatternError {
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

/** The result of reading an untrusted pattern. */
export type PatternResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: PatternError };

/** A place in the pattern text: 0-based offset; 1-based line and column, counted in UTF-16 code units. */
export interface SourcePosition {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/** Turns offsets in one text into lines and columns; the line starts are found once. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      // \r\n is one line break, as are a lone \n and a lone \r.
      if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) this.starts.push(i + 1);
    }
  }

  /** The 1-based line and column of a 0-based offset. */
  position(offset: number): SourcePosition {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { offset, line: lo + 1, column: offset - (this.starts[lo] ?? 0) + 1 };
  }

  /** "column 7", or "line 2, column 7" when the text spans lines. */
  where(pos: SourcePosition): string {
    return this.starts.length > 1 ? `line ${pos.line}, column ${pos.column}` : `column ${pos.column}`;
  }
}
