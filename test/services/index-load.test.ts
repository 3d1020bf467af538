/** The index loads what the store holds: every kind, IP ranges included, revoked indicators left out. */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SYSTEM } from '../../src/core/auth/principal.js';
import { parseObservable } from '../../src/core/observables/observable-value.js';
import { ensureOperator } from '../../src/services/bootstrap.js';
import { systemClock } from '../../src/services/clock.js';
import { IndicatorIndex } from '../../src/services/indicator-index.js';
import { buildServices } from '../../src/services/services.js';
import { allStoreFactories } from '../support/stores.js';

for (const factory of await allStoreFactories()) {
  describe(`index load on ${factory.name}`, { skip: factory.skip }, () => {
    after(() => factory.cleanup());
    test('a fresh index holds every active indicator and no revoked one, and then follows changes', async () => {
      const store = await factory.open();
      try {
        const s = buildServices({ store, clock: systemClock, config: { keyLastUsedInterval: 60 } });
        await ensureOperator(s, { name: 'C', country: 'VN', adminEmail: 'a@c.test' });
        const filed = await s.indicators.file(SYSTEM, [
          { value: '0912345678', categories: ['scam-call'] },
          { value: 'evil.example', kind: 'domain', categories: ['phishing'] },
          { value: '10.1.0.0/16', categories: ['botnet'] },
          { value: 'VCB:0123456789', categories: ['fraud-account'] },
        ]);
        const revokedId = filed[3]?.ok === true ? filed[3].indicator.id : '';
        await s.indicators.revoke(SYSTEM, { kind: 'member', orgId: '', isOperator: true }, revokedId);
        const index = new IndicatorIndex({ store });
        const progress: number[] = [];
        const loaded = await index.load((p) => progress.push(p.done));
        assert.equal(loaded.entries, 3);
        assert.equal(progress.at(-1), 3);
        const hits = (kind: 'phone' | 'domain' | 'ip' | 'bank-account', v: string) => {
          const r = parseObservable(kind, v);
          assert.ok(r.ok);
          return index.matcher.match(r.value).map((h) => h.how);
        };
        assert.deepEqual(hits('phone', '+84 912 345 678'), ['exact']);
        assert.deepEqual(hits('domain', 'a.evil.example'), ['subdomain']);
        assert.deepEqual(hits('ip', '10.1.2.3'), ['cidr']);
        assert.deepEqual(hits('bank-account', '970436:0123456789'), []);
        await s.indicators.file(SYSTEM, [{ value: '0987654321', categories: ['scam-call'] }]);
        assert.deepEqual(
          hits('phone', '0987654321'),
          [],
          'another service instance filed it; this index has not looked yet',
        );
        assert.equal(await index.catchUp(), 1);
        assert.deepEqual(hits('phone', '0987654321'), ['exact']);
      } finally {
        await store.close();
      }
    });
  });
}
