/**
 * The scan API's load generator, run in a process of its own (the other core): posts successive NDJSON
 * batches cut from the corpus to `POST /api/v1/scan` over keep-alive connections, each connection sending its
 * next batch as soon as the previous answer is read, for a warm-up and then a timed interval. Reads its job as
 * JSON from argv[2]; prints one JSON line of results.
 *   { url, key, ndjsonFile, messages (lines of the file to use), batch, connections, warmup, seconds }
 * autocannon posts one fixed body; a scanner fed the same 1,000 messages again and again would answer from
 * warm caches, so this cycles through different batches instead.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { Agent, request } from 'node:http';

interface Job {
  url: string;
  key: string;
  ndjsonFile: string;
  messages: number;
  batch: number;
  connections: number;
  warmup: number;
  seconds: number;
}

const job = JSON.parse(process.argv[2] ?? '{}') as Job;

/** The first `count` lines of the file, as request bodies of `batch` lines each. */
function bodies(path: string, count: number, batch: number): { body: Buffer; lines: number }[] {
  const fd = openSync(path, 'r');
  const chunk = Buffer.allocUnsafe(1 << 22);
  const out: { body: Buffer; lines: number }[] = [];
  let pending: Buffer[] = [];
  let lines = 0;
  let inBatch = 0;
  let carry = Buffer.alloc(0);
  while (lines < count) {
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    let buf = Buffer.concat([carry, chunk.subarray(0, n)]);
    let start = 0;
    for (let nl = buf.indexOf(10, start); nl >= 0 && lines < count; nl = buf.indexOf(10, start)) {
      pending.push(buf.subarray(start, nl + 1));
      start = nl + 1;
      lines++;
      if (++inBatch === batch) {
        out.push({ body: Buffer.concat(pending), lines: inBatch });
        pending = [];
        inBatch = 0;
      }
    }
    buf = buf.subarray(start);
    carry = Buffer.from(buf);
  }
  closeSync(fd);
  if (pending.length > 0) out.push({ body: Buffer.concat(pending), lines: pending.length });
  return out;
}

const batches = bodies(job.ndjsonFile, job.messages, job.batch);
const url = new URL(job.url);
const agent = new Agent({ keepAlive: true, maxSockets: job.connections });

interface Answer {
  status: number;
  bytes: number;
  body?: string;
}

function post(body: Buffer, keepBody: boolean): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: {
          authorization: `Bearer ${job.key}`,
          'content-type': 'application/x-ndjson',
          'content-length': body.length,
        },
      },
      (res) => {
        let bytes = 0;
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => {
          bytes += d.length;
          if (keepBody) chunks.push(d);
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            bytes,
            ...(keepBody ? { body: Buffer.concat(chunks).toString() } : {}),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

// One answer read whole, to check the server scans what it is sent.
const first = await post(batches[0]!.body, true);
let firstResults: number;
try {
  firstResults = (JSON.parse(first.body ?? '') as { results: unknown[] }).results.length;
} catch {
  firstResults = -1;
}

let next = 0;
let messages = 0;
let answered = 0;
let non2xx = 0;
let errors = 0;
let responseBytes = 0;
const latencies: number[] = [];
let timing = false;

async function connection(until: number): Promise<void> {
  while (performance.now() < until) {
    const { body, lines } = batches[next++ % batches.length]!;
    const t0 = performance.now();
    try {
      const a = await post(body, false);
      if (!timing) continue;
      if (a.status !== 200) non2xx++;
      else messages += lines;
      answered++;
      responseBytes += a.bytes;
      latencies.push(performance.now() - t0);
    } catch {
      errors++;
    }
  }
}

const warmEnd = performance.now() + job.warmup * 1000;
await Promise.all(Array.from({ length: job.connections }, () => connection(warmEnd)));
timing = true;
const start = performance.now();
const end = start + job.seconds * 1000;
await Promise.all(Array.from({ length: job.connections }, () => connection(end)));
const seconds = (performance.now() - start) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
console.log(
  JSON.stringify({
    messagesPerSecond: messages / seconds,
    batches: answered,
    batchesAvailable: batches.length,
    latencyP50: pct(0.5),
    latencyP99: pct(0.99),
    non2xx,
    errors,
    responseBytesPerMessage: messages === 0 ? 0 : responseBytes / messages,
    firstStatus: first.status,
    firstResults,
  }),
);
agent.destroy();
