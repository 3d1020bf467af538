/**
 * Where a bundle import parses and checks its batches (`checkTexts`): in process, or on a worker thread, so
 * that on a machine with two cores the next batch is parsed and validated while the main thread writes the
 * one before. Both give the same answers; the worker only moves the work.
 */
import { Worker } from 'node:worker_threads';
import type { TaxiiCollection } from '../core/taxii/collection.js';
import { checkTexts, type CheckedText } from '../core/taxii/check-object.js';
import type { CheckRequest } from './stix-check-worker.js';

export interface BatchChecker {
  check(texts: readonly string[], c: TaxiiCollection): Promise<CheckedText[]>;
  close(): Promise<void>;
}

export const inProcessChecker: BatchChecker = {
  check: (texts, c) => Promise.resolve(checkTexts(texts, c.id, c.defaultTlp)),
  close: () => Promise.resolve(),
};

const FROM_SOURCE = import.meta.url.endsWith('.ts');
/** The worker's module beside this one: `.ts` when running from source (through tsx), `.js` once built. */
const WORKER_URL = new URL(`./stix-check-worker${FROM_SOURCE ? '.ts' : '.js'}`, import.meta.url);

/** A thread does not inherit tsx's loader: from source, the thread registers it before loading the module. */
function startWorker(): Worker {
  if (!FROM_SOURCE) return new Worker(WORKER_URL);
  const api = import.meta.resolve('tsx/esm/api');
  return new Worker(
    `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_URL.href)}); });`,
    { eval: true },
  );
}

/** A checker on its own worker thread; `close` ends the thread. A dead worker fails every check waiting. */
export function workerChecker(): BatchChecker {
  const worker = startWorker();
  let seq = 0;
  let failed: Error | undefined;
  const waiting = new Map<number, { resolve: (v: CheckedText[]) => void; reject: (e: Error) => void }>();
  const failAll = (e: Error) => {
    failed = e;
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  worker.on('message', (m: { seq: number; out?: CheckedText[]; error?: string }) => {
    const w = waiting.get(m.seq);
    if (w === undefined) return;
    waiting.delete(m.seq);
    if (m.out !== undefined) w.resolve(m.out);
    else w.reject(new Error(`checking a batch failed: ${m.error ?? 'no answer'}`));
  });
  worker.on('error', (e) => failAll(e));
  worker.on('exit', (code) => failAll(new Error(`the checking thread stopped (exit code ${code})`)));
  return {
    check(texts, c) {
      if (failed !== undefined) return Promise.reject(failed);
      const request: CheckRequest = { seq: ++seq, texts, collectionId: c.id, defaultTlp: c.defaultTlp };
      return new Promise((resolve, reject) => {
        waiting.set(request.seq, { resolve, reject });
        worker.postMessage(request);
      });
    },
    async close() {
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}
