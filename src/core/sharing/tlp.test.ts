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

test('AMBER reaches the clients the owner names; AMBER+STRICT and RED do not', () => {
  const client: Viewer = { kind: 'member', orgId: 'branch', isOperator: false, amberFrom: ['bank'] };
  const notClient: Viewer = { kind: 'member', orgId: 'branch', isOperator: false, amberFrom: ['other-bank'] };
  const seen = (v: Viewer) => TLP_LEVELS.filter((tlp) => canSee(v, { tlp, ownerOrgId: 'bank' }));
  assert.deepEqual(seen(client), ['clear', 'green', 'amber']);
  assert.deepEqual(seen(notClient), ['clear', 'green']);
});

test('a sharing group named as recipient reaches its members, and only them', () => {
  const member: Viewer = { kind: 'member', orgId: 'isp-a', isOperator: false, groups: ['isac'] };
  const outsider: Viewer = { kind: 'member', orgId: 'isp-b', isOperator: false, groups: ['other'] };
  const red = { tlp: 'red' as const, ownerOrgId: 'bank', recipients: ['group:isac'] };
  assert.equal(canSee(member, red), true);
  assert.equal(canSee(outsider, red), false);
  assert.equal(canSee(ANONYMOUS, red), false);
  // A group id is not an organization id: an organization called "isac" is not the group.
  assert.equal(canSee({ kind: 'member', orgId: 'isac', isOperator: false }, red), false);
  // The instance's own viewer with no organization is not the owner of objects without one.
  assert.equal(
    canSee({ kind: 'member', orgId: '', isOperator: false }, { tlp: 'amber', ownerOrgId: '' }),
    false,
  );
});
