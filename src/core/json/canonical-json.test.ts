import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson, digestJson } from './canonical-json.js';

test('keys are sorted and numbers written as ECMAScript does (RFC 8785)', () => {
  assert.equal(
    canonicalJson({ b: 1, a: [true, null, 'x'], c: { z: 1e21, y: 0.000001 } }),
    '{"a":[true,null,"x"],"b":1,"c":{"y":0.000001,"z":1e+21}}',
  );
});

test('the digest does not depend on key order', () => {
  assert.equal(digestJson({ a: 1, b: 2 }), digestJson({ b: 2, a: 1 }));
  assert.notEqual(digestJson({ a: 1, b: 2 }), digestJson({ a: 1, b: 3 }));
  assert.match(digestJson(null), /^[0-9a-f]{64}$/);
});
