/** What the STIX pattern and validation tests share: refusals with their position, and a valid indicator. */
import assert from 'node:assert/strict';
import { parsePattern } from '../../src/core/stix/pattern/parser.js';
import type { PatternError } from '../../src/core/stix/pattern/pattern-error.js';
import { validateStixObject } from '../../src/core/stix/validate.js';

/** The error a pattern is refused with (failing the test when it is accepted). */
export function rejected(text: string): PatternError {
  const r = parsePattern(text);
  if (r.ok) assert.fail(`${text} was accepted`);
  return r.error;
}

/** The error's line and column, and that its message says `message` (a regular expression or the whole text). */
export function rejects(text: string, line: number, column: number, message: RegExp | string): void {
  const e = rejected(text);
  assert.deepEqual([e.line, e.column], [line, column], `${text}: ${e.message}`);
  if (typeof message === 'string') assert.equal(e.message, message);
  else assert.match(e.message, message);
}

/** An indicator (an SDO) whose valid form has no problem at all: the base the validation tests change. */
export const VALID_INDICATOR = {
  type: 'indicator',
  spec_version: '2.1',
  id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
  created_by_ref: 'identity--f431f809-377b-45e0-aa1c-6a4751cae5ff',
  created: '2016-04-06T20:03:48.000Z',
  modified: '2016-04-06T20:03:48.000Z',
  name: 'Poison Ivy Malware',
  indicator_types: ['malicious-activity'],
  pattern: "[file:hashes.'SHA-256' = '4bac27393bdd9777ce02453256c5577cd02275510b2227f473d03f533924f877']",
  pattern_type: 'stix',
  valid_from: '2016-01-01T00:00:00Z',
} as const;

/** `severity path` of each problem of the valid indicator changed by `patch` (undefined deletes a property). */
export function indicatorProblems(patch: Record<string, unknown>): string[] {
  const obj: Record<string, unknown> = { ...VALID_INDICATOR, ...patch };
  for (const [k, v] of Object.entries(patch)) if (v === undefined) delete obj[k];
  return validateStixObject(obj).map((p) => `${p.severity} ${p.path}`);
}
