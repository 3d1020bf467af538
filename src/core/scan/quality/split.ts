/**
 * A deterministic split of a labelled corpus into a development part (to read and tune rules on) and a
 * held-out part (to report). A message's part depends on its text alone, so the split is the same on every
 * machine and in every run, adding messages never moves the others, and repeated messages (the UCI corpus
 * holds hundreds of copies of the same advertisement) all fall on one side: a rule tuned on a copy in the
 * development part cannot be scored on its twin in the held-out part.
 */
import { sha256 } from '@noble/hashes/sha2.js';

export type Part = 'dev' | 'held-out';

/** The share of the corpus kept out of sight, in percent. */
export const HELD_OUT_PERCENT = 30;

const encoder = new TextEncoder();

/**
 * The text a message is split on: trimmed, spaces collapsed, lower case, so that copies differing only in
 * spacing or case share a part.
 */
export function splitKey(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** 0–99, from the first four bytes of the SHA-256 of the split key. */
export function bucketOf(text: string): number {
  const d = sha256(encoder.encode(splitKey(text)));
  const n = ((d[0]! << 24) | (d[1]! << 16) | (d[2]! << 8) | d[3]!) >>> 0;
  return n % 100;
}

/** The part a message belongs to: the lowest `heldOutPercent` buckets are held out. */
export function partOf(text: string, heldOutPercent: number = HELD_OUT_PERCENT): Part {
  return bucketOf(text) < heldOutPercent ? 'held-out' : 'dev';
}

/** Splits `items` by their text, keeping their order within each part. */
export function splitCorpus<T extends { readonly text: string }>(
  items: readonly T[],
  heldOutPercent: number = HELD_OUT_PERCENT,
): { readonly dev: T[]; readonly heldOut: T[] } {
  const dev: T[] = [];
  const heldOut: T[] = [];
  for (const it of items) (partOf(it.text, heldOutPercent) === 'dev' ? dev : heldOut).push(it);
  return { dev, heldOut };
}
