/**
 * The lexer for STIX 2.1 patterns, after the OASIS grammar (cti-stix2-json-schemas, STIXPattern.g4): keywords
 * are uppercase and case-sensitive (`true` / `false` lowercase), identifiers may carry hyphens (only object types
 * may use them unquoted), `/* … *\/` and `// …` comments are skipped. It hands out one token at a time so that
 * the first error in the text is the one reported.
 */
import { base64Problem, hexProblem, timestampProblem } from './literal-checks.js';
import { LineIndex, type PatternResult } from './pattern-error.js';
import { scanNumber, startsNumber } from './scan-number.js';
import type { Keyword, LexError, OperatorSymbol, Punctuation, Token } from './tokens.js';
import { KEYWORD_SET, clip } from './tokens.js';

// The grammar's WS rule.
const WHITESPACE = /[ \t\r\n\v\f\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_-]/;
const PUNCTUATION = '[]():.,*';

/** Reads tokens from a pattern one at a time; it never throws, returning a LexError instead. */
export class Lexer {
  private offset = 0;
  /** Lines and columns of the text, for token positions and messages. */
  readonly lines: LineIndex;

  constructor(private readonly text: string) {
    this.lines = new LineIndex(text);
  }

  /** The next token, an `end` token once the text is used up, or the reason the next characters are no token. */
  next(): Token | LexError {
    const trivia = this.skipTrivia();
    if (trivia !== undefined) return trivia;
    const start = this.offset;
    const ch = this.text[start];
    if (ch === undefined) return { kind: 'end', text: '', pos: this.lines.position(start) };
    const after = this.text[start + 1] ?? '';
    if (IDENT_START.test(ch)) return this.word(start);
    if (ch === "'") return this.string(start);
    if (startsNumber(this.text, start)) return this.number(start);
    if (PUNCTUATION.includes(ch)) {
      this.offset++;
      return { kind: 'punctuation', mark: ch as Punctuation, text: ch, pos: this.lines.position(start) };
    }
    const two = ch + after;
    if (two === '==' || two === '!=' || two === '<>' || two === '<=' || two === '>=') {
      this.offset += 2;
      const operator = two === '==' ? '=' : two === '<>' ? '!=' : (two as OperatorSymbol);
      return { kind: 'operator', operator, text: two, pos: this.lines.position(start) };
    }
    if (ch === '=' || ch === '<' || ch === '>') {
      this.offset++;
      return { kind: 'operator', operator: ch, text: ch, pos: this.lines.position(start) };
    }
    const shown = String.fromCodePoint(this.text.codePointAt(start) ?? 0);
    return this.fail(start, `unexpected character ${quoteChar(shown)}`, CHAR_HINTS[ch] ?? '');
  }

  /** An error at `offset`, its message `head at <place>tail`. */
  private fail(offset: number, head: string, tail = ''): LexError {
    const pos = this.lines.position(offset);
    return { kind: 'error', message: `${head} at ${this.lines.where(pos)}${tail}`, pos };
  }

  private skipTrivia(): LexError | undefined {
    const t = this.text;
    for (;;) {
      const ch = t[this.offset];
      if (ch === undefined) return undefined;
      if (WHITESPACE.test(ch)) {
        this.offset++;
      } else if (ch === '/' && t[this.offset + 1] === '*') {
        const close = t.indexOf('*/', this.offset + 2);
        if (close < 0) return this.fail(this.offset, "unterminated comment: '/*'", " has no closing '*/'");
        this.offset = close + 2;
      } else if (ch === '/' && t[this.offset + 1] === '/') {
        while (this.offset < t.length && t[this.offset] !== '\n' && t[this.offset] !== '\r') this.offset++;
      } else {
        return undefined;
      }
    }
  }

  private word(start: number): Token | LexError {
    let end = start + 1;
    while (end < this.text.length && IDENT_PART.test(this.text[end] ?? '')) end++;
    const text = this.text.slice(start, end);
    // h'…', b'…' and t'…' are constants only when the quote follows at once, as in the grammar.
    if ((text === 'h' || text === 'b' || text === 't') && this.text[end] === "'") {
      return this.prefixed(start, text);
    }
    this.offset = end;
    const pos = this.lines.position(start);
    if (KEYWORD_SET.has(text)) return { kind: 'keyword', keyword: text as Keyword, text, pos };
    if (text === 'true' || text === 'false') return { kind: 'boolean', value: text === 'true', text, pos };
    return { kind: 'identifier', text, pos };
  }

  private prefixed(start: number, prefix: 'h' | 'b' | 't'): Token | LexError {
    const close = this.text.indexOf("'", start + 2);
    const name = prefix === 'h' ? 'hex' : prefix === 'b' ? 'binary' : 'timestamp';
    if (close < 0) {
      return this.fail(start, `unterminated ${name} constant: the ${prefix}'`, ' has no closing quote');
    }
    const body = this.text.slice(start + 2, close);
    const problem =
      prefix === 'h' ? hexProblem(body) : prefix === 'b' ? base64Problem(body) : timestampProblem(body);
    if (problem !== undefined) {
      return this.fail(start, `invalid ${name} constant ${prefix}'${clip(body)}'`, `: ${problem}`);
    }
    this.offset = close + 1;
    return {
      kind: name,
      value: body,
      text: this.text.slice(start, close + 1),
      pos: this.lines.position(start),
    };
  }

  private string(start: number): Token | LexError {
    let value = '';
    let i = start + 1;
    for (;;) {
      const ch = this.text[i];
      if (ch === undefined)
        return this.fail(start, 'unterminated string: the quote', ' has no closing quote');
      if (ch === "'") break;
      if (ch === '\\') {
        const escaped = this.text[i + 1];
        if (escaped !== "'" && escaped !== '\\') {
          const shown = escaped === undefined ? '\\' : `\\${escaped}`;
          return this.fail(
            i,
            `invalid escape '${shown}' in a string`,
            ": only \\' and \\\\ are escapes (write \\\\ for a backslash)",
          );
        }
        value += escaped;
        i += 2;
      } else {
        value += ch;
        i++;
      }
    }
    this.offset = i + 1;
    return { kind: 'string', value, text: this.text.slice(start, i + 1), pos: this.lines.position(start) };
  }

  private number(start: number): Token | LexError {
    const scan = scanNumber(this.text, start);
    if ('head' in scan) return this.fail(start, scan.head, scan.tail);
    this.offset = scan.end;
    const text = this.text.slice(start, scan.end);
    return { kind: scan.kind, value: scan.value, text, pos: this.lines.position(start) };
  }
}

/** Reads the whole pattern into tokens, ending with the `end` token; for tests and tools. */
export function tokenize(text: string): PatternResult<Token[]> {
  const lexer = new Lexer(text);
  const tokens: Token[] = [];
  for (;;) {
    const t = lexer.next();
    if (t.kind === 'error') {
      return { ok: false, error: { message: t.message, line: t.pos.line, column: t.pos.column } };
    }
    tokens.push(t);
    if (t.kind === 'end') return { ok: true, value: tokens };
  }
}

const CHAR_HINTS: Readonly<Record<string, string>> = {
  '"': ': strings are in single quotes',
  '/': ": a regular expression is written as a string, as in MATCHES '^a.*z$'",
  '!': ": did you mean '!='?",
  '-': ': a minus sign must start a number',
  '+': ': a plus sign must start a number',
};

function quoteChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}` : `'${ch}'`;
}
