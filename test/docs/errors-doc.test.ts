/** docs/errors.md and the catalogue must list the same codes, with the same HTTP status. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { errorCatalogue } from '../../src/core/errors/errors.js';

const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
// Table rows: | `TOCSIN_ERR_X` | 404 | meaning |
const rows = new Map(
  [...doc.matchAll(/^\|\s*`(TOCSIN_ERR_[A-Z_]+)`\s*\|\s*(\d{3})\s*\|/gm)].map((m) => [m[1]!, Number(m[2])]),
);

test('every code in the catalogue is documented in docs/errors.md, with its status', () => {
  for (const [code, def] of Object.entries(errorCatalogue)) {
    assert.ok(rows.has(code), `${code} is missing from docs/errors.md`);
    assert.equal(
      rows.get(code),
      def.statusCode,
      `${code}: docs say ${rows.get(code)}, code says ${def.statusCode}`,
    );
  }
});

test('docs/errors.md lists no code that does not exist', () => {
  const known = new Set(Object.keys(errorCatalogue));
  for (const code of rows.keys())
    assert.ok(known.has(code), `${code} is documented but not in the catalogue`);
  for (const m of doc.matchAll(/TOCSIN_ERR_[A-Z_]+/g))
    assert.ok(known.has(m[0]), `${m[0]} mentioned but unknown`);
});
