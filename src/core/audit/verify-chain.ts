/** Walks an audit chain and names the first entry that was changed or removed. */
import { entryHash, GENESIS_HASH, type AuditEntry } from './audit-entry.js';

export type ChainVerdict =
  | { readonly ok: true; readonly entries: number; readonly headHash: string }
  | {
      readonly ok: false;
      readonly entries: number;
      /** The sequence number of the first entry that does not verify (or that is missing). */
      readonly seq: number;
      readonly problem: 'changed' | 'removed' | 'head-mismatch';
      readonly message: string;
    };

/**
 * Verifies entries given in ascending `seq` order. `head`, when known, is the chain head the store keeps
 * apart from the entries, so that removing the last entries is caught too.
 */
export async function verifyChain(
  entries: AsyncIterable<AuditEntry> | Iterable<AuditEntry>,
  head?: { seq: number; hash: string },
): Promise<ChainVerdict> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  for await (const e of entries) {
    if (e.seq !== expectedSeq) {
      return {
        ok: false,
        entries: count,
        seq: expectedSeq,
        problem: 'removed',
        message:
          e.seq > expectedSeq
            ? `audit entry ${expectedSeq} is missing (next entry found is ${e.seq})`
            : `audit entry ${e.seq} appears out of order after ${expectedSeq - 1}`,
      };
    }
    if (e.prevHash !== prevHash) {
      // The link to the previous entry was edited, or the previous entry was replaced.
      return {
        ok: false,
        entries: count,
        seq: e.seq,
        problem: 'changed',
        message: `audit entry ${e.seq} does not link to entry ${e.seq - 1}: it or its predecessor was changed`,
      };
    }
    if (entryHash(e) !== e.hash) {
      return {
        ok: false,
        entries: count,
        seq: e.seq,
        problem: 'changed',
        message: `audit entry ${e.seq} was changed: its content does not match its hash`,
      };
    }
    prevHash = e.hash;
    expectedSeq++;
    count++;
  }
  if (head !== undefined && (head.seq !== count || head.hash !== prevHash)) {
    const seq = Math.min(head.seq, count + 1);
    return {
      ok: false,
      entries: count,
      seq,
      problem: head.seq > count ? 'removed' : 'head-mismatch',
      message:
        head.seq > count
          ? `audit entry ${count + 1} is missing: the chain head records ${head.seq} entries, ${count} remain`
          : `the chain head (entry ${head.seq}) does not match the last entry (${count})`,
    };
  }
  return { ok: true, entries: count, headHash: prevHash };
}
