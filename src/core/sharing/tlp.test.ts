import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ANONYMOUS, canSee, parseTlp, TLP_LEVELS, type Viewer } from './tlp.js';

const owner: Viewer = { kind: 'member', orgId: 'bank', isOperator: false };
const other: Viewer = { kind: 'member', orgId: 'telco', isOperator: false };
const centre: Viewer = { kind: 'member', orgId: 'ncsc', isOperator: true };
const named: Viewer = { kind: 'member', orgId: 'isp', isOperator: false };

test('the TLP matrix: who sees each level', () => {
  const expected: Record<string, [boolean, boolean, boolean, boolean, boolean]> = {
    //            anonymous, owner, other member, centre, named recipient
    clear: [true, true, true, true, true],
    green: [false, true, true, true, true],
    amber: [false, true, false, true, true],
    'amber+strict': [false, true, false, true, true],
    red: [false, true, false, true, true],
  };
  for (const tlp of TLP_LEVELS) {
    const m = { tlp, ownerOrgId: 'bank', recipients: ['isp'] };
    assert.deepEqual(
      [ANONYMOUS, owner, other, centre, named].map((v) => canSee(v, m)),
      expected[tlp],
      tlp,
    );
    const unnamed = { tlp, ownerOrgId: 'bank' };
    assert.equal(canSee(named, unnamed), tlp === 'clear' || tlp === 'green', `${tlp} without recipients`);
  }
});

test('TLP names parse in their usual spellings', () => {
  assert.equal(parseTlp('TLP:AMBER+STRICT'), 'amber+strict');
  assert.equal(parseTlp('tlp:white'), 'clear');
  assert.equal(parseTlp(' Green '), 'green');
  assert.equal(parseTlp('amber strict'), undefined);
});
