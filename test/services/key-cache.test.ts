/** API keys are trusted from memory for a few seconds only: a key revoked elsewhere stops within that time. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { SYSTEM } from '../../src/core/auth/principal.js';
import { TocsinError } from '../../src/core/errors/errors.js';
import { ensureOperator } from '../../src/services/bootstrap.js';
import { KEY_CACHE_MS } from '../../src/services/key-service.js';
import { buildServices, type Services } from '../../src/services/services.js';
import type { Store } from '../../src/store/store.js';
import { sqliteFactory } from '../support/stores.js';

const factory = sqliteFactory();
after(() => factory.cleanup());

type Setup = {
  store: Store;
  services: Services;
  /** The operator's admin key. */
  key: string;
  /** Now, on the services' clock (ms); `advance` moves it. */
  now: () => number;
  advance: (ms: number) => void;
};

/** A fresh store with its operator, on a clock the test moves; last use written at most every 60 s. */
async function withOperator(run: (s: Setup) => Promise<void>): Promise<void> {
  const store = await factory.open();
  let now = Date.parse('2026-11-23T00:00:00.000Z');
  const services = buildServices({ store, clock: () => new Date(now), config: { keyLastUsedInterval: 60 } });
  try {
    const boot = await ensureOperator(services, { name: 'C', country: 'VN', adminEmail: 'a@c.test' });
    await run({ store, services, key: boot.adminKey ?? '', now: () => now, advance: (ms) => (now += ms) });
  } finally {
    await store.close();
  }
}

test('a key revoked in the database by another process stops working within KEY_CACHE_MS', async () => {
  await withOperator(async ({ store, services, key, now, advance }) => {
    const p = await services.keys.authenticate(key);
    // Another node revokes it: only the database knows.
    await store.keys.revoke(p.keyId, new Date(now()).toISOString());
    advance(KEY_CACHE_MS - 1);
    assert.equal((await services.keys.authenticate(key)).keyId, p.keyId, 'still trusted from memory');
    advance(2);
    await assert.rejects(
      services.keys.authenticate(key),
      (e: unknown) => e instanceof TocsinError && e.code === 'TOCSIN_ERR_INVALID_CREDENTIALS',
    );
    // A wrong secret for a cached id is refused at once.
    const other = await services.keys.createKey(SYSTEM, { userId: p.userId, name: 'second' });
    await services.keys.authenticate(other.key);
    await assert.rejects(services.keys.authenticate(other.key.slice(0, -2) + 'zz'), TocsinError);
  });
});

test('cachedPrincipal answers at once only what authenticate would answer from memory', async () => {
  // Last use written at most every 60 s: a cached key asks for its write again after that.
  await withOperator(async ({ services, key, advance }) => {
    assert.equal(services.keys.cachedPrincipal(key), undefined, 'not verified yet');
    const p = await services.keys.authenticate(key);
    assert.deepEqual(services.keys.cachedPrincipal(key), p);
    assert.equal(services.keys.cachedPrincipal(key.slice(0, -2) + 'zz'), undefined, 'a wrong secret');
    assert.equal(services.keys.cachedPrincipal('not a key'), undefined);
    advance(Math.min(KEY_CACHE_MS, 60_000));
    assert.equal(services.keys.cachedPrincipal(key), undefined, 'expired, or its last use due to be written');
    assert.equal((await services.keys.authenticate(key)).keyId, p.keyId);
    assert.deepEqual(services.keys.cachedPrincipal(key), p, 'verified again');
  });
});
