import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseDomainCached, parseUrlCached } from './parse-cache.js';

test('a cached parse is the parse, and does not keep alive the text its input was sliced from', () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  const before = process.memoryUsage().heapUsed;
  // 64 texts of 2 MiB, each holding a link of its own: kept through their slices, they would be 128 MiB.
  for (let i = 0; i < 64; i++) {
    const text = `${'x'.repeat(2 ** 20)} https://cache-${i}.example/login?id=${i} xem-${i}.example ${'y'.repeat(2 ** 20)}`;
    const url = text.slice(text.indexOf('https://'), text.indexOf(' xem-'));
    const host = text.slice(text.indexOf('xem-'), text.lastIndexOf(' '));
    assert.equal(parseUrlCached(url)?.canonical, `https://cache-${i}.example/login?id=${i}`);
    assert.equal(parseDomainCached(host)?.value.canonical, `xem-${i}.example`);
    // Read again: from the cache, the same answer.
    assert.equal(parseUrlCached(url)?.canonical, `https://cache-${i}.example/login?id=${i}`);
  }
  gc();
  const grown = process.memoryUsage().heapUsed - before;
  assert.ok(grown < 32 * 2 ** 20, `the heap grew by ${(grown / 2 ** 20).toFixed(1)} MiB`);
});
