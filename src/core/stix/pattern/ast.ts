/**
 * The syntax tree of a STIX 2.1 pattern (STIX 2.1 section 9), as `parsePattern` builds it and `formatPattern`
 * prints it. It keeps meaning, not spelling: `==` reads as `=`, `<>` as `!=`, `file:hashes.'MD5'` as
 * `file:hashes.MD5`; redundant parentheses are dropped and a chain of one operator (`a AND b AND c`, even when
 * written `a AND (b AND c)`) is one node with all its operands, because AND, OR and FOLLOWEDBY are associative.
 */

/** A whole pattern: one observation expression, possibly combined and qualified. */
export type Pattern = ObservationExpression;

/** Anything that stands between observation operators. */
export type ObservationExpression = Observation | ObservationCombination | QualifiedObservation;

/** `[ … ]`: comparisons that must hold of one observed object. */
export interface Observation {
  readonly kind: 'observation';
  readonly expression: ComparisonExpression;
}

/** The observation operators, loosest first: FOLLOWEDBY < OR < AND. */
export type ObservationOperator = 'FOLLOWEDBY' | 'OR' | 'AND';

/** Two or more observation expressions joined by one operator. */
export interface ObservationCombination {
  readonly kind: 'observation-combination';
  readonly operator: ObservationOperator;
  readonly operands: readonly ObservationExpression[];
}

/** An observation expression restricted by one qualifier; several qualifiers nest, the first innermost. */
export interface QualifiedObservation {
  readonly kind: 'qualified';
  readonly expression: ObservationExpression;
  readonly qualifier: Qualifier;
}

/** `WITHIN n SECONDS`, `REPEATS n TIMES` or `START t'…' STOP t'…'`. */
export type Qualifier =
  | { readonly kind: 'within'; readonly seconds: number }
  | { readonly kind: 'repeats'; readonly times: number }
  | { readonly kind: 'start-stop'; readonly start: string; readonly stop: string };

/** What goes inside `[ … ]`. */
export type ComparisonExpression = Comparison | ExistsTest | ComparisonCombination;

/** Two or more comparison expressions joined by AND or OR (AND binds tighter). */
export interface ComparisonCombination {
  readonly kind: 'comparison-combination';
  readonly operator: 'AND' | 'OR';
  readonly operands: readonly ComparisonExpression[];
}

/** `EXISTS type:path`, or `NOT EXISTS type:path`. */
export interface ExistsTest {
  readonly kind: 'exists';
  readonly negated: boolean;
  readonly path: ObjectPath;
}

interface ComparisonBase {
  readonly kind: 'comparison';
  readonly path: ObjectPath;
  /** Written `NOT` before the operator. */
  readonly negated: boolean;
}

/** `=` or `!=` against any constant. */
export interface EqualityComparison extends ComparisonBase {
  readonly operator: '=' | '!=';
  readonly value: Literal;
}

/** `<`, `<=`, `>`, `>=` against an orderable constant (anything but a boolean). */
export interface OrderingComparison extends ComparisonBase {
  readonly operator: '<' | '<=' | '>' | '>=';
  readonly value: OrderableLiteral;
}

/** `IN ( … )`: membership in a list of constants, which may be empty. */
export interface SetComparison extends ComparisonBase {
  readonly operator: 'IN';
  readonly values: readonly Literal[];
}

/** LIKE (SQL pattern), MATCHES (PCRE), ISSUBSET / ISSUPERSET (CIDR ranges): each takes a string. */
export interface StringComparison extends ComparisonBase {
  readonly operator: 'LIKE' | 'MATCHES' | 'ISSUBSET' | 'ISSUPERSET';
  readonly value: StringLiteral;
}

/** One object path tested against a constant. */
export type Comparison = EqualityComparison | OrderingComparison | SetComparison | StringComparison;

/** Every comparison operator spelling the tree uses. */
export type ComparisonOperator = Comparison['operator'];

/** `type:prop.sub[0].'quoted-name'[*]`: an object type and the steps into it, the first always a property. */
export interface ObjectPath {
  readonly objectType: string;
  readonly steps: readonly [PropertyStep, ...PathStep[]];
}

/** A property or dictionary key, unquoted in the tree (`'SHA-256'` becomes `SHA-256`). */
export interface PropertyStep {
  readonly kind: 'property';
  readonly name: string;
}

/** One step of an object path. */
export type PathStep =
  PropertyStep | { readonly kind: 'index'; readonly index: number } | { readonly kind: 'any-index' };

/** A quoted string, with its `\'` and `\\` escapes resolved. */
export interface StringLiteral {
  readonly kind: 'string';
  readonly value: string;
}

/** A constant on the right of a comparison. */
export type Literal =
  | StringLiteral
  | { readonly kind: 'integer'; readonly value: number }
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  /** `b'…'`: base64 text as written. */
  | { readonly kind: 'binary'; readonly value: string }
  /** `h'…'`: hex digits as written. */
  | { readonly kind: 'hex'; readonly value: string }
  /** `t'…'`: the RFC 3339 text, always UTC (`Z`). */
  | { readonly kind: 'timestamp'; readonly value: string };

/** The constants the ordering operators accept. */
export type OrderableLiteral = Exclude<Literal, { readonly kind: 'boolean' }>;
