/**
 * The lean path for `GET /api/v1/check` by members: the one route a telco or a bank calls millions of times
 * a day, one value at a time. fastify's routing, hooks and reply machinery cost more than the check itself
 * (about half of a request's time at 10 M indicators), so a plain `node:http` handler answers the common
 * case, a well-formed query with a valid API key, before fastify sees the request, and hands fastify
 * everything else untouched: anonymous callers (whose rate limit lives there), bad or missing keys, values
 * that cannot be checked, unusual queries, every other route. Its answers are byte for byte the fastify
 * route's (test/http/fast-check.test.ts compares the two on the same requests).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseAuthorization } from '../core/auth/credentials.js';
import { OBSERVABLE_KINDS } from '../core/observables/observable-value.js';
import type { ObservableKind } from '../core/observables/observable.js';
import type { CheckAnswer, CheckItem, CheckService } from '../services/check-service.js';
import { viewerOf } from '../services/indicator-service.js';
import type { KeyService } from '../services/key-service.js';
import { answerJson } from './routes/check.js';

const PATH = '/api/v1/check?';
const MAX_VALUE = 8192;
const KINDS: ReadonlySet<string> = new Set(OBSERVABLE_KINDS);

declare module 'fastify' {
  interface FastifyInstance {
    /** How many requests the lean check path answered (for tests and diagnostics). */
    leanChecks: { served: number };
  }
}

/** Told of each request answered (all with 200), for the same metrics the fastify routes record. */
export type FastCheckObserver = (seconds: number) => void;

/**
 * A form-encoded query component as URLSearchParams decodes it, where `decodeURIComponent` can (it throws on
 * what URLSearchParams would repair: a stray `%`, bytes that are not UTF-8).
 */
function formDecoded(s: string): string | undefined {
  const spaced = s.includes('+') ? s.replaceAll('+', ' ') : s;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return undefined;
  }
}

/** The query when it is one the lean path answers (`value`, and maybe `kind`, once each), else undefined. */
function readQuery(url: string): { value: string; kind?: ObservableKind } | undefined {
  // The usual query, `value=…` alone: read without URLSearchParams and its iterator.
  if (url.startsWith('value=', PATH.length) && !url.includes('&', PATH.length)) {
    const value = formDecoded(url.slice(PATH.length + 6));
    if (value !== undefined) return value.length === 0 || value.length > MAX_VALUE ? undefined : { value };
  }
  const q = new URLSearchParams(url.slice(PATH.length));
  let value: string | undefined;
  let kind: string | undefined;
  let n = 0;
  for (const [k, v] of q) {
    n++;
    if (k === 'value' && value === undefined) value = v;
    else if (k === 'kind' && kind === undefined) kind = v;
    else return undefined;
  }
  if (value === undefined || value.length === 0 || value.length > MAX_VALUE || n > 2) return undefined;
  if (kind === undefined) return { value };
  return KINDS.has(kind) ? { value, kind: kind as ObservableKind } : undefined;
}

/**
 * A request listener that answers what it can and passes the rest to `next` (fastify's handler). Once it
 * takes a request it answers it, or, on any problem before the first byte is written, passes it on.
 */
export function fastCheckListener(deps: {
  keys: KeyService;
  check: CheckService;
  observe?: FastCheckObserver;
  stats?: { served: number };
}): (
  req: IncomingMessage,
  res: ServerResponse,
  next: (req: IncomingMessage, res: ServerResponse) => void,
) => void {
  type Next = (req: IncomingMessage, res: ServerResponse) => void;
  const send = (res: ServerResponse, a: CheckAnswer, started: bigint) => {
    const body = answerJson(a);
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
    if (deps.stats !== undefined) deps.stats.served++;
    deps.observe?.(Number(process.hrtime.bigint() - started) / 1e9);
  };
  // When the key and every indicator the answer needs are in memory (the steady state of a busy server),
  // the answer is written at once; otherwise after the store has been read, by the same code as fastify's.
  const answerLater = async (
    req: IncomingMessage,
    res: ServerResponse,
    next: Next,
    query: CheckItem,
    key: string,
    started: bigint,
  ) => {
    let a: CheckAnswer | undefined;
    try {
      const principal = await deps.keys.authenticate(key);
      [a] = await deps.check.check(viewerOf(principal), [query]);
    } catch {
      // A key that does not authenticate, a store that does not answer: fastify says so, in its words.
      return next(req, res);
    }
    if (a === undefined || 'error' in a) return next(req, res);
    send(res, a, started);
  };
  const answer = (req: IncomingMessage, res: ServerResponse, next: Next) => {
    const started = process.hrtime.bigint();
    const query = readQuery(req.url!);
    const creds = parseAuthorization(req.headers.authorization);
    if (query === undefined || creds.kind !== 'key') return next(req, res);
    const principal = deps.keys.cachedPrincipal(creds.key);
    const a = principal === undefined ? undefined : deps.check.checkCached(viewerOf(principal), [query])?.[0];
    if (a === undefined) {
      answerLater(req, res, next, query, creds.key, started).catch(() => {
        if (!res.headersSent) next(req, res);
      });
      return;
    }
    if ('error' in a) return next(req, res);
    send(res, a, started);
  };
  return (req, res, next) => {
    if (req.method !== 'GET' || req.url?.startsWith(PATH) !== true) {
      next(req, res);
      return;
    }
    try {
      answer(req, res, next);
    } catch {
      if (!res.headersSent) next(req, res);
    }
  };
}
