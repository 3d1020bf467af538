/**
 * An export is read page after page while the centre keeps working: an indicator filed or revoked meanwhile
 * must not push one already written into the next page again (a bundle with an object twice), nor one not yet
 * written out of it.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { SYSTEM } from '../../src/core/auth/principal.js';
import { ensureOperator } from '../../src/services/bootstrap.js';
import { systemClock } from '../../src/services/clock.js';
import { buildServices } from '../../src/services/services.js';
import { sqliteFactory } from '../support/stores.js';

const factory = sqliteFactory();
after(() => factory.cleanup());

test('indicators filed while a bundle is written neither repeat nor push out the ones it holds', async () => {
  const store = await factory.open();
  try {
    const s = buildServices({ store, clock: systemClock, config: { keyLastUsedInterval: 60 } });
    await ensureOperator(s, { name: 'C', country: 'VN', adminEmail: 'a@c.test' });
    // More than one page of the export (1,000 indicators a query).
    const phone = (n: number) => `0914 ${String(n).padStart(6, '0')}`;
    const inputs = Array.from({ length: 1_150 }, (_, n) => ({
      value: phone(n),
      categories: ['scam-call' as const],
      tlp: 'clear' as const,
    }));
    const filed = await s.indicators.file(SYSTEM, inputs);
    const idOf = new Map<number, string>();
    filed.forEach((r, n) => {
      assert.ok(r.ok, JSON.stringify(r));
      idOf.set(n, r.indicator.id);
    });
    const operator = { kind: 'member' as const, orgId: '', isOperator: true };
    let text = '';
    let changedMeanwhile = false;
    for await (const piece of await s.stixExport.export(SYSTEM, { kind: 'phone' })) {
      text += piece;
      if (changedMeanwhile) continue;
      // The first page (the newest 1,000) has been read: three of it, already written, are revoked, and one
      // is filed as valid since yesterday (a late report). Neither may move what the next page reads.
      changedMeanwhile = true;
      for (const n of [1_149, 1_148, 1_147]) await s.indicators.revoke(SYSTEM, operator, idOf.get(n)!);
      const yesterday = new Date(Date.now() - 86_400_000).toISOString();
      const late = await s.indicators.file(SYSTEM, [
        { value: phone(5_000), categories: ['scam-call'], tlp: 'clear', validFrom: yesterday },
      ]);
      for (const r of late) assert.ok(r.ok, JSON.stringify(r));
    }
    assert.ok(changedMeanwhile);
    const bundle = JSON.parse(text) as { objects: { type: string; id: string; pattern?: string }[] };
    const indicators = bundle.objects.filter((o) => o.type === 'indicator');
    assert.equal(new Set(indicators.map((o) => o.id)).size, indicators.length, 'an indicator written twice');
    const numbers = new Set(indicators.map((o) => /'\+849(\d+)'/.exec(o.pattern ?? '')?.[1]));
    for (let n = 0; n < 1_150; n++)
      assert.ok(numbers.has(`14${String(n).padStart(6, '0')}`), `no ${phone(n)}`);
    assert.equal(indicators.length, 1_150, 'what was in force when the export began, once each');
  } finally {
    await store.close();
  }
});
