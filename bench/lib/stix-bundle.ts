/**
 * Generated STIX 2.1 bundles for the ingest and TAXII benchmarks: indicators as exporters write them (compact
 * JSON, about 470 bytes each, also read by bench/stix-split.bench.ts), with TLP markings, patterns Tocsin
 * can enforce (a domain or a URL: each feeds one Tocsin indicator), and unique ids and values.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Rng } from './generate.js';

const MARKINGS = [
  'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
];
const DESCRIPTIONS = [
  undefined,
  undefined,
  'Phishing page imitating the "Vietcombank" login',
  'Lừa đảo chuyển khoản, giả danh công an',
  'C2 server\nseen in the campaign',
];

function hex(rng: Rng, n: number): string {
  let s = '';
  for (let k = 0; k < n; k++) s += '0123456789abcdef'[rng.int(16)]!;
  return s;
}

/** The JSON text of the `k`-th generated indicator. */
export function indicatorText(k: number, rng: Rng): string {
  const uuid = `${hex(rng, 8)}-${hex(rng, 4)}-4${hex(rng, 3)}-a${hex(rng, 3)}-${hex(rng, 12)}`;
  const host = `${hex(rng, 6)}-${k}.example`;
  const pattern = rng.chance(0.5)
    ? `[domain-name:value = '${host}']`
    : `[url:value = 'http://${host}/dang-nhap?id=${k}&ref=sms']`;
  const day = String(1 + (k % 28)).padStart(2, '0');
  return JSON.stringify({
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${uuid}`,
    created: `2024-03-${day}T10:00:00.000Z`,
    modified: `2024-03-${day}T10:00:00.000Z`,
    name: 'Phishing site',
    description: DESCRIPTIONS[k % DESCRIPTIONS.length],
    indicator_types: ['malicious-activity'],
    labels: ['phishing'],
    pattern,
    pattern_type: 'stix',
    valid_from: `2024-03-${day}T10:00:00Z`,
    confidence: 50 + (k % 50),
    object_marking_refs: [MARKINGS[k % MARKINGS.length]],
  });
}

/** The objects' JSON texts, one at a time. */
export function* indicatorTexts(count: number, seed: number): Generator<string> {
  const rng = new Rng(seed);
  for (let k = 0; k < count; k++) yield indicatorText(k, rng);
}

/** Writes a bundle of `count` generated indicators to `path`, streamed; returns its size in bytes. */
export async function writeBundle(path: string, count: number, seed: number): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  let piece = '{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[';
  let k = 0;
  for (const text of indicatorTexts(count, seed)) {
    piece += (k++ === 0 ? '' : ',') + text;
    if (piece.length >= 1 << 20) {
      bytes += Buffer.byteLength(piece);
      if (!out.write(piece)) await once(out, 'drain');
      piece = '';
    }
  }
  piece += ']}';
  bytes += Buffer.byteLength(piece);
  out.end(piece);
  await once(out, 'finish');
  return bytes;
}
