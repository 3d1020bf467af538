import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorCatalogue, tocsinError, TocsinError, statusText } from './errors.js';

test('every code is TOCSIN_ERR_ and has an HTTP status and a message', () => {
  for (const [code, def] of Object.entries(errorCatalogue)) {
    assert.match(code, /^TOCSIN_ERR_[A-Z_]+$/);
    assert.ok(def.statusCode >= 400 && def.statusCode < 600, code);
    assert.ok(def.message.length > 0, code);
  }
});

test('tocsinError takes status and default message from the catalogue, and keeps the cause', () => {
  const cause = new Error('disk on fire');
  const e = tocsinError('TOCSIN_ERR_NOT_FOUND', undefined, { cause });
  assert.ok(e instanceof TocsinError);
  assert.equal(e.statusCode, 404);
  assert.equal(e.message, 'No such object');
  assert.equal(e.cause, cause);
  assert.equal(tocsinError('TOCSIN_ERR_DUPLICATE_ORG', 'org "x" exists').message, 'org "x" exists');
});

test('statusText names the common statuses', () => {
  assert.equal(statusText(404), 'Not Found');
  assert.equal(statusText(599), 'Internal Server Error');
});
