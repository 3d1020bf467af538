/**
 * The parser's view of the token stream: one token of lookahead, and the helpers that turn a wrong token into a
 * message naming what was expected, what was found, and where. The parser unwinds on the first error by throwing
 * a PatternAbort, which `parsePattern` alone catches and returns as a result.
 */
import { Lexer } from './lexer.js';
import type { PatternError, SourcePosition } from './pattern-error.js';
import { KEYWORD_SET, clip, type Keyword, type Punctuation, type Token } from './tokens.js';

/** Carries the first error out of the recursive descent; never escapes `parsePattern`. */
export class PatternAbort extends Error {
  constructor(readonly detail: PatternError) {
    super(detail.message);
  }
}

// Real patterns nest under ten deep; the bound keeps hostile input from exhausting the stack here or in code
// that walks the tree.
/** How deep brackets, parentheses and qualifier chains may nest. */
export const MAX_NESTING = 64;

/** A token stream with one token of lookahead. */
export class TokenCursor {
  private readonly lexer: Lexer;
  private token: Token;
  private depth = 0;

  constructor(text: string) {
    this.lexer = new Lexer(text);
    this.token = this.read();
  }

  /** The token under the cursor. */
  get current(): Token {
    return this.token;
  }

  /** Consumes the current token and returns it. */
  advance(): Token {
    const t = this.token;
    this.token = this.read();
    return t;
  }

  /** Whether the current token is the keyword `k`. */
  atKeyword(k: Keyword): boolean {
    return this.token.kind === 'keyword' && this.token.keyword === k;
  }

  /** Whether the current token is the punctuation `mark`. */
  atMark(mark: Punctuation): boolean {
    return this.token.kind === 'punctuation' && this.token.mark === mark;
  }

  /** Consumes the closing `mark` of something opened at `opener`, or fails saying what is left open. */
  close(mark: ']' | ')', opener: Token, what: string, hint = ''): void {
    if (this.atMark(mark)) {
      this.advance();
      return;
    }
    this.fail(
      `expected '${mark}' to close ${what} opened at ${this.where(opener.pos)}, found ${this.found()}${hint}`,
    );
  }

  /** Notes one more level of nesting, failing past MAX_NESTING. */
  enter(at: Token): void {
    this.depth++;
    if (this.depth > MAX_NESTING) {
      this.fail(`the pattern nests more than ${MAX_NESTING} levels deep at ${this.where(at.pos)}`, at.pos);
    }
  }

  /** Leaves `levels` levels of nesting. */
  leave(levels = 1): void {
    this.depth -= levels;
  }

  /** Stops parsing with `message`, pointing at `pos` (by default the current token). */
  fail(message: string, pos: SourcePosition = this.token.pos): never {
    throw new PatternAbort({ message, line: pos.line, column: pos.column });
  }

  /** "column 7", or "line 2, column 7" when the pattern spans lines. */
  where(pos: SourcePosition): string {
    return this.lexer.lines.where(pos);
  }

  /** The current token as a message names it: "end of pattern", or "'AND' at column 30". */
  found(t: Token = this.token): string {
    if (t.kind === 'end') return 'end of pattern';
    const what = t.kind === 'string' ? `the string ${clip(t.text)}` : `'${clip(t.text)}'`;
    return `${what} at ${this.where(t.pos)}`;
  }

  /** For a lowercase keyword such as `and` or `within`, a note that keywords are uppercase; otherwise ''. */
  caseHint(t: Token = this.token): string {
    if (t.kind !== 'identifier') return '';
    const upper = t.text.toUpperCase();
    return KEYWORD_SET.has(upper) ? ` (keywords are uppercase: ${upper})` : '';
  }

  private read(): Token {
    const t = this.lexer.next();
    if (t.kind === 'error') this.fail(t.message, t.pos);
    return t;
  }
}
