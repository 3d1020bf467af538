/** A value that comes several times in one batch (any spelling) is answered each time as it is alone. */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { SYSTEM } from '../../src/core/auth/principal.js';
import { ANONYMOUS, type Viewer } from '../../src/core/sharing/tlp.js';
import { testApp } from '../support/app.js';
import { sqliteFactory } from '../support/stores.js';

const factory = sqliteFactory();
after(() => factory.cleanup());

test('repeated values in a batch get the answers they get alone', async () => {
  const t = await testApp(factory);
  try {
    const filed = await t.services.indicators.file(SYSTEM, [
      { value: '0912 345 678', categories: ['scam-call'], tlp: 'clear', confidence: 90 },
      { value: 'evil.example', kind: 'domain', categories: ['phishing'], tlp: 'clear', confidence: 60 },
    ]);
    for (const f of filed) assert.ok(f.ok, JSON.stringify(f));
    await t.services.index.catchUp();
    const values = [
      '0912345678',
      'https://a.evil.example/x',
      '+84 912 345 678',
      'nonsense value',
      '0912.345.678',
      'https://a.evil.example/x',
      'https://b.evil.example/x',
      '0987654321',
      '0987654321',
    ];
    const member: Viewer = { kind: 'member', orgId: t.operatorOrgId, isOperator: true };
    for (const viewer of [member, ANONYMOUS]) {
      const batch = await t.services.check.check(
        viewer,
        values.map((value) => ({ value })),
      );
      assert.equal(batch.length, values.length);
      for (let i = 0; i < values.length; i++) {
        const [alone] = await t.services.check.check(viewer, [{ value: values[i]! }]);
        assert.deepEqual(batch[i], alone, values[i]);
      }
      const verdicts = batch.map((a) => ('verdict' in a ? a.verdict : a.error.code));
      assert.deepEqual(verdicts, [
        'malicious',
        'suspicious',
        'malicious',
        'TOCSIN_ERR_INVALID_VALUE',
        'malicious',
        'suspicious',
        'suspicious',
        'unknown',
        'unknown',
      ]);
    }
  } finally {
    await t.close();
  }
});
