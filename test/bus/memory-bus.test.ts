import { MemoryQueue, MemoryScanBus } from '../../src/bus/memory/memory-scan-bus.js';
import { scanBusContract } from './scan-bus-contract.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

scanBusContract({
  name: 'memory',
  skip: undefined,
  setup() {
    const q = new MemoryQueue({ ackWaitMs: 500 });
    return Promise.resolve({
      ackWaitMs: q.ackWaitMs,
      client: () => Promise.resolve(new MemoryScanBus(q)),
      send: (source, data, contentType) => {
        q.publish(
          `tocsin.scan.in.${source}`,
          typeof data === 'string' ? encoder.encode(data) : data,
          contentType,
        );
        return Promise.resolve();
      },
      verdicts: () =>
        Promise.resolve(
          q.verdicts.map((v) => ({
            subject: v.subject,
            data: decoder.decode(v.data),
            dedupId: v.dedupId,
            contentType: v.contentType,
          })),
        ),
      pending: () => Promise.resolve(q.pending),
      teardown: () => Promise.resolve(),
    });
  },
});
