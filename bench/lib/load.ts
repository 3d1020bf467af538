/**
 * The load generator, run in a process of its own so that it uses the other core: autocannon against one
 * URL, for a fixed time, with keep-alive. Reads its job as JSON from argv[2]; prints one JSON line of results.
 *   { url, connections, seconds, method?, body? (file path), headers?, values? (file: one value a line,
 *     appended to url in turn) }
 */
import { readFileSync } from 'node:fs';
import autocannon, { type Options } from 'autocannon';

interface Job {
  url: string;
  connections: number;
  seconds: number;
  method?: 'GET' | 'POST';
  bodyFile?: string;
  headers?: Record<string, string>;
  valuesFile?: string;
}

const job = JSON.parse(process.argv[2] ?? '{}') as Job;
const body = job.bodyFile === undefined ? undefined : readFileSync(job.bodyFile);
const values =
  job.valuesFile === undefined
    ? []
    : readFileSync(job.valuesFile, 'utf8')
        .split('\n')
        .filter((v) => v !== '');
const base = new URL(job.url);
let next = 0;

const options = {
  url: job.url,
  connections: job.connections,
  duration: job.seconds,
  pipelining: 1,
  method: job.method ?? 'GET',
  headers: { ...(job.headers ?? {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
  ...(body === undefined ? {} : { body }),
  ...(values.length === 0
    ? {}
    : {
        requests: [
          {
            setupRequest: (req: Record<string, unknown>) => ({
              ...req,
              path: `${base.pathname}${base.search}${encodeURIComponent(values[next++ % values.length]!)}`,
            }),
          },
        ],
      }),
} as Options;
const result = await autocannon(options);
console.log(
  JSON.stringify({
    requestsPerSecond: result.requests.average,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    total: result.requests.total,
  }),
);
