/**
 * The worker thread of a bundle import: parses and checks batches of objects' JSON texts (`checkTexts`, pure)
 * while the import's main thread writes the batch before. One request at a time in, one answer out, in order.
 */
import { parentPort } from 'node:worker_threads';
import type { Tlp } from '../core/sharing/tlp.js';
import { checkTexts } from '../core/taxii/check-object.js';

export interface CheckRequest {
  readonly seq: number;
  readonly texts: readonly string[];
  readonly collectionId: string;
  readonly defaultTlp: Tlp;
}

parentPort?.on('message', (m: CheckRequest) => {
  try {
    parentPort?.postMessage({ seq: m.seq, out: checkTexts(m.texts, m.collectionId, m.defaultTlp) });
  } catch (e) {
    parentPort?.postMessage({ seq: m.seq, error: e instanceof Error ? e.message : String(e) });
  }
});
