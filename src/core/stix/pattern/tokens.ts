/** The tokens of a STIX 2.1 pattern, as the lexer hands them to the parser. */
import type { SourcePosition } from './pattern-error.js';

/** The reserved words; LAST is reserved by the grammar but used by nothing. */
export const KEYWORDS = [
  'AND',
  'OR',
  'NOT',
  'FOLLOWEDBY',
  'LIKE',
  'MATCHES',
  'ISSUBSET',
  'ISSUPERSET',
  'EXISTS',
  'LAST',
  'IN',
  'START',
  'STOP',
  'SECONDS',
  'WITHIN',
  'REPEATS',
  'TIMES',
] as const;

/** One reserved word. */
export type Keyword = (typeof KEYWORDS)[number];

/** The reserved words, for lookups. */
export const KEYWORD_SET: ReadonlySet<string> = new Set(KEYWORDS);

/** `==` arrives as `=` and `<>` as `!=`: the grammar makes them synonyms. */
export type OperatorSymbol = '=' | '!=' | '<' | '<=' | '>' | '>=';
/** The punctuation marks. */
export type Punctuation = '[' | ']' | '(' | ')' | ':' | '.' | ',' | '*';

interface At {
  /** The token exactly as written. */
  readonly text: string;
  readonly pos: SourcePosition;
}

/** One token; `text` is the source spelling, `pos` where it starts. */
export type Token = At &
  (
    | { readonly kind: 'identifier' }
    | { readonly kind: 'keyword'; readonly keyword: Keyword }
    | { readonly kind: 'string'; readonly value: string }
    | { readonly kind: 'integer' | 'float'; readonly value: number }
    | { readonly kind: 'boolean'; readonly value: boolean }
    | { readonly kind: 'binary' | 'hex' | 'timestamp'; readonly value: string }
    | { readonly kind: 'operator'; readonly operator: OperatorSymbol }
    | { readonly kind: 'punctuation'; readonly mark: Punctuation }
    | { readonly kind: 'end' }
  );

/** Why the text at `pos` is not a token. */
export interface LexError {
  readonly kind: 'error';
  readonly message: string;
  readonly pos: SourcePosition;
}

/** Long constants are cut in messages; the position already says where they are. */
export function clip(s: string, max = 40): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
