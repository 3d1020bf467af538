import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createBase58check } from '@scure/base';
import { sha256 } from '@noble/hashes/sha2.js';
import type { Wallet } from './wallet.js';
import { parseWallet } from './wallet.js';

function parsed(input: string): Wallet {
  const r = parseWallet(input);
  if (!r.ok) assert.fail(`${input}: ${r.error}`);
  return r.value;
}

function rejected(input: string): string {
  const r = parseWallet(input);
  if (r.ok) assert.fail(`${input} was accepted as ${r.value.canonical}`);
  return r.error;
}

const GENESIS = '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa';
const USDT_TRC20 = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';

void test('Bitcoin base58check addresses: P2PKH (the genesis address) and P2SH', () => {
  assert.deepEqual(parsed(GENESIS), { chain: 'btc', address: GENESIS, canonical: `btc:${GENESIS}` });
  assert.equal(
    parsed(' 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy ').canonical,
    'btc:3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy',
  );
});

void test('corrupted base58 addresses fail their checksum, alphabet or length', () => {
  assert.match(rejected('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb'), /checksum/);
  assert.match(rejected('1A1zP1eP5QGefi2DMPTfTL5SLmv7DviNfa'), /checksum/); // two characters swapped
  assert.match(rejected('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfN0'), /cannot contain "0"/);
  assert.match(rejected('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNI'), /cannot contain "I"/);
  assert.match(rejected(`1${GENESIS}`), /too long/);
  assert.match(rejected('1A1zP1eP5QGefi2DMPTfTL5SLmv7Divf'), /too short/);
  assert.match(rejected('TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6T'), /checksum/);
  assert.match(rejected('TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6'), /34 characters/);
});

void test('a well-formed base58check payload of another version is refused', () => {
  const b58 = createBase58check(sha256);
  const hash = new Uint8Array(20).fill(0x42);
  const withVersion = (v: number): string => b58.encode(Uint8Array.of(v, ...hash));
  const notBtc = withVersion(0x06);
  assert.equal(notBtc[0], '3');
  assert.match(rejected(notBtc), /not a Bitcoin mainnet address/);
  const notTron = withVersion(0x42);
  assert.equal(notTron[0], 'T');
  assert.match(rejected(notTron), /not a TRON address/);
  // The same hash under the right version bytes is accepted.
  assert.equal(parsed(withVersion(0x05)).chain, 'btc');
  assert.equal(parsed(withVersion(0x41)).chain, 'tron');
  assert.match(rejected(withVersion(0x6f)), /not a Bitcoin, Ethereum or TRON address/); // testnet m…/n…
});

void test('segwit addresses from BIP 173 and BIP 350 are accepted, lowercased', () => {
  const valid = [
    'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4',
    'bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3',
    'bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y',
    'BC1SW50QGDZ25J',
    'bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs',
    'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0',
  ];
  for (const a of valid) {
    const w = parsed(a);
    assert.equal(w.chain, 'btc', a);
    assert.equal(w.address, a.toLowerCase(), a);
    assert.equal(w.canonical, `btc:${a.toLowerCase()}`, a);
  }
});

void test('invalid segwit addresses from BIP 173 and BIP 350 are refused', () => {
  const invalid: [string, RegExp][] = [
    ['bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5', /checksum/],
    ['BC13W508D6QEJXTDG4Y5R3ZARVARY0C5XW7KN40WF2', /witness version/],
    // Valid under BIP 173, but versions 1+ now need bech32m.
    ['bc1rw5uspcuh', /checksum kind/],
    ['bc10w508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kw5rljs90', /checksum kind/],
    ['BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P', /length for version 0/],
    ['bc1zw508d6qejxtdg4y5r3zarvaryvqyzf3du', /checksum kind/],
    ['bc1gmk9yu', /no witness program/],
    ['bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd', /checksum kind/],
    ['BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL', /checksum kind/],
    ['bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh', /checksum kind/],
    ['bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4', /bech32 checksum/],
    ['BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R', /witness version/],
    ['bc1pw5dgrnzv', /program length/],
    ['bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav', /program length/],
    ['bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf', /padding/],
    ['bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8F3t4', /mixes capitals/],
    ['tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7', /testnet/],
    ['tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut', /not a Bitcoin/],
  ];
  for (const [a, reason] of invalid) assert.match(rejected(a), reason, a);
});

void test('Ethereum: EIP-55 examples pass, and any case slip fails the checksum', () => {
  const eip55 = [
    '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
    '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
    '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
    '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
  ];
  for (const a of eip55) {
    const lower = a.toLowerCase();
    assert.deepEqual(parsed(a), { chain: 'eth', address: lower, canonical: `eth:${lower}` });
    // Flip the case of each letter in turn: every flip must break the checksum.
    for (let i = 2; i < a.length; i++) {
      const ch = a[i]!;
      if (!/[a-fA-F]/.test(ch)) continue;
      const flipped =
        a.slice(0, i) + (ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase()) + a.slice(i + 1);
      assert.match(rejected(flipped), /EIP-55/, flipped);
    }
  }
  // A changed digit moves the hash, so the capitals no longer fit.
  assert.match(rejected('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAee'), /EIP-55/);
});

void test('Ethereum: all-lowercase and all-uppercase carry no checksum and are accepted', () => {
  for (const a of [
    '0x52908400098527886E0F7030069857D2E4169EE7',
    '0xde709f2102306220921060314715629080e2fb77',
  ]) {
    assert.equal(parsed(a).canonical, `eth:${a.toLowerCase()}`);
  }
  assert.match(rejected('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae'), /39 hex digits/);
  assert.match(rejected('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed0'), /41 hex digits/);
  assert.match(rejected('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg'), /"g"/);
  assert.match(rejected('5aaeb6053f3e94c9b9a09f33669435e7ef1beaed'), /lacks the 0x/);
});

void test('TRON: the USDT-TRC20 contract address', () => {
  assert.deepEqual(parsed(USDT_TRC20), {
    chain: 'tron',
    address: USDT_TRC20,
    canonical: `tron:${USDT_TRC20}`,
  });
});

void test('payment URIs from wallet QR codes yield their address', () => {
  assert.equal(parsed(`bitcoin:${GENESIS}?amount=0.01&label=Refund`).canonical, `btc:${GENESIS}`);
  assert.equal(parsed(`BITCOIN:${GENESIS}`).canonical, `btc:${GENESIS}`);
  assert.equal(
    parsed('ethereum:pay-0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359@1?value=2.014e18').canonical,
    'eth:0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359',
  );
  assert.equal(
    parsed(
      'ethereum:0xdAC17F958D2ee523a2206206994597C13D831ec7/transfer?address=0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
    ).canonical,
    'eth:0xdac17f958d2ee523a2206206994597c13d831ec7',
  );
  assert.equal(parsed(`tron:${USDT_TRC20}`).canonical, `tron:${USDT_TRC20}`);
});

void test('other input is refused clearly', () => {
  assert.match(rejected(''), /empty/);
  assert.match(rejected('bitcoin:'), /empty/);
  assert.match(rejected('LVg2kJoFNg45Nbpy53h7Fe1wKyeXVRhMH9'), /not a Bitcoin, Ethereum or TRON address/);
  assert.match(rejected('hello world'), /not a Bitcoin, Ethereum or TRON address/);
  assert.match(rejected('1'.repeat(600)), /too long/);
});

test("Tocsin's canonical forms read back as themselves, on their own chain only", () => {
  for (const input of [GENESIS, '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed']) {
    const first = parseWallet(input);
    assert.ok(first.ok, input);
    const again = parseWallet(first.value.canonical);
    assert.ok(again.ok, first.value.canonical);
    assert.equal(again.value.canonical, first.value.canonical);
  }
  assert.equal(parseWallet(`eth:${GENESIS}`).ok, false);
  assert.equal(parseWallet('btc:0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed').ok, false);
});
