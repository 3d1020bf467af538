/**
 * What the STIX validators report. A validator never throws on bad input: it returns every problem it
 * finds, so that one look at a rejected bundle tells its producer everything to fix.
 */

/** `error`: the object breaks a MUST of STIX 2.1; `warning`: it departs from a SHOULD. */
export type StixSeverity = 'error' | 'warning';

/** One problem, at a JSON path such as `objects[3].external_references[0].source_name`. */
export interface StixProblem {
  readonly path: string;
  readonly message: string;
  readonly severity: StixSeverity;
}

/** A MUST broken at `path`. */
export function stixError(path: string, message: string): StixProblem {
  return { path, message, severity: 'error' };
}

/** A SHOULD departed from at `path`. */
export function stixWarning(path: string, message: string): StixProblem {
  return { path, message, severity: 'warning' };
}

/** Whether any problem is an error: warnings alone leave an object valid. */
export function hasStixErrors(problems: readonly StixProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** The errors only. */
export function stixErrors(problems: readonly StixProblem[]): StixProblem[] {
  return problems.filter((p) => p.severity === 'error');
}

/** `base.name`, or `name` at the root; `base[3]` for list items. */
export function childPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base === '' ? key : `${base}.${key}`;
}

/** A plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
