/**
 * The CLI's two ways to work: directly on the configured database (as the local operator), or through a
 * running Tocsin server (`--server URL` or TOCSIN_SERVER) with an API key (`--key`, TOCSIN_API_KEY, or the
 * first-run `<dataDir>/admin-key.txt`). The server's error bodies become the same errors a local run throws.
 */
import type { ScanMessage, ScanResult } from '../services/scan-service.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { Config } from '../config/config.js';
import {
  errorCatalogue,
  tocsinError,
  type ErrorCode,
  type ErrorDetail,
  type TocsinError,
} from '../core/errors/errors.js';
import type { Indicator } from '../core/indicators/indicator.js';
import type { IndicatorInput } from '../core/indicators/indicator-input.js';
import type { ObservableKind } from '../core/observables/observable.js';
import type { CheckAnswer, CheckItem } from '../services/check-service.js';
import { configOf, type CliIo } from './io.js';

/** The environment variables the CLI reads for the server mode; the configuration schema does not know them. */
export const SERVER_ENV = 'TOCSIN_SERVER';
export const API_KEY_ENV = 'TOCSIN_API_KEY';

/** An indicator as the API shows it (without the index's internal number). */
export type IndicatorView = Omit<Indicator, 'num'>;

export type Filed =
  | {
      readonly ok: true;
      readonly outcome: 'created' | 'updated' | 'unchanged';
      readonly indicator: IndicatorView;
    }
  | { readonly ok: false; readonly error: TocsinError };

export interface IndicatorQuery {
  readonly kind?: ObservableKind | undefined;
  readonly value?: string | undefined;
  readonly contains?: string | undefined;
  readonly category?: string | undefined;
  readonly status?: 'active' | 'revoked' | 'all' | undefined;
}

/** The server's page size limit for listings. */
const MAX_PAGE = 1000;

export interface RemoteOptions {
  readonly server?: string | undefined;
  readonly key?: string | undefined;
}

/** Adds `--server` and `--key` to a command. */
export function remoteOptions(cmd: Command): Command {
  return cmd
    .option(
      '--server <url>',
      `work through a running Tocsin server (or ${SERVER_ENV}) instead of the database`,
    )
    .option('--key <key>', `API key for --server (or ${API_KEY_ENV}, or <dataDir>/admin-key.txt)`);
}

/**
 * The configuration from the environment, without the CLI's own TOCSIN_SERVER and TOCSIN_API_KEY, which the
 * configuration schema would refuse as unknown settings.
 */
export function localConfig(io: CliIo, configFile: string | undefined): Config {
  const { [SERVER_ENV]: _server, [API_KEY_ENV]: _key, ...env } = io.env;
  return configOf({ ...io, env }, configFile);
}

export type Target =
  { readonly kind: 'local'; readonly config: Config } | { readonly kind: 'server'; readonly api: ApiClient };

const nonEmpty = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : s.trim());

/** Where a command works: the server named by `--server` or TOCSIN_SERVER, else the configured database. */
export function targetOf(io: CliIo, configFile: string | undefined, o: RemoteOptions): Target {
  const server = nonEmpty(o.server) ?? nonEmpty(io.env[SERVER_ENV]);
  if (server === undefined) return { kind: 'local', config: localConfig(io, configFile) };
  let key = nonEmpty(o.key) ?? nonEmpty(io.env[API_KEY_ENV]);
  if (key === undefined) {
    const file = join(localConfig(io, configFile).dataDir, 'admin-key.txt');
    if (existsSync(file)) key = nonEmpty(readFileSync(file, 'utf8'));
  }
  return { kind: 'server', api: new ApiClient(server, key) };
}

interface ErrorBody {
  code?: unknown;
  message?: unknown;
  details?: unknown;
}

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(errorCatalogue, code);
}

/** An error body `{ code, message }` as the error it reports. */
export function errorFromBody(body: unknown, fallback: string): TocsinError {
  const b = (typeof body === 'object' && body !== null ? body : {}) as ErrorBody;
  if (!isErrorCode(b.code)) return tocsinError('TOCSIN_ERR_INTERNAL', fallback);
  const message = typeof b.message === 'string' ? b.message : undefined;
  const details = Array.isArray(b.details) ? (b.details as ErrorDetail[]) : undefined;
  return tocsinError(b.code, message, details === undefined ? undefined : { details });
}

type FileResultBody =
  | { outcome: 'created' | 'updated' | 'unchanged'; indicator: IndicatorView }
  | { index: number; value: string; error: ErrorBody };

/** A small client for the parts of the Tocsin API the CLI drives. */
export class ApiClient {
  readonly base: string;
  readonly #key: string | undefined;

  constructor(server: string, key: string | undefined) {
    let url: URL;
    try {
      url = new URL(server);
    } catch {
      throw tocsinError(
        'TOCSIN_ERR_VALIDATION',
        `--server: "${server}" is not a URL (e.g. http://127.0.0.1:8080)`,
      );
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw tocsinError('TOCSIN_ERR_VALIDATION', `--server: "${server}" is not an http or https URL`);
    this.base = url.href.replace(/\/+$/, '');
    this.#key = key;
  }

  /** One request; a non-2xx answer throws the error its body names. */
  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = this.base + path;
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(this.#key === undefined ? {} : { authorization: `Bearer ${this.#key}` }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw tocsinError(
        'TOCSIN_ERR_SERVER_UNREACHABLE',
        `cannot reach the Tocsin server at ${this.base}: ${cause?.code ?? cause?.message ?? (e as Error).message}`,
        { cause: e },
      );
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (!res.ok) {
      throw errorFromBody(
        json,
        `the server at ${this.base} answered ${method} ${path} with HTTP ${res.status}: ${text.slice(0, 200)}`,
      );
    }
    if (json === undefined)
      throw tocsinError(
        'TOCSIN_ERR_INTERNAL',
        `the server at ${this.base} answered ${method} ${path} with no JSON`,
      );
    return json as T;
  }

  /**
   * Runs a batch request; a batch the server finds too large (its body limit) is halved and sent again, so
   * that a server with a small body limit still takes the whole input.
   */
  async #halving<I, O>(items: readonly I[], send: (part: readonly I[]) => Promise<O[]>): Promise<O[]> {
    try {
      return await send(items);
    } catch (e) {
      const tooLarge =
        (e as TocsinError).code === 'TOCSIN_ERR_PAYLOAD_TOO_LARGE' ||
        (e as TocsinError).code === 'TOCSIN_ERR_BATCH_TOO_LARGE';
      if (!tooLarge || items.length < 2) throw e;
      const mid = Math.ceil(items.length / 2);
      return [
        ...(await this.#halving(items.slice(0, mid), send)),
        ...(await this.#halving(items.slice(mid), send)),
      ];
    }
  }

  /** Files indicators (one batch); each gets its own result, in order. */
  fileIndicators(inputs: readonly IndicatorInput[]): Promise<Filed[]> {
    return this.#halving(inputs, async (part) => {
      const r = await this.request<{ results: FileResultBody[] }>('POST', '/api/v1/indicators', part);
      if (r.results.length !== part.length)
        throw tocsinError(
          'TOCSIN_ERR_INTERNAL',
          `the server answered ${r.results.length} of ${part.length} items`,
        );
      return r.results.map((x): Filed =>
        'error' in x
          ? { ok: false, error: errorFromBody(x.error, `item ${x.index} was refused`) }
          : { ok: true, outcome: x.outcome, indicator: x.indicator },
      );
    });
  }

  /** Up to `limit` indicators matching the query, in pages the server accepts, and the total. */
  async searchIndicators(
    q: IndicatorQuery,
    limit: number,
  ): Promise<{ items: IndicatorView[]; total: number }> {
    const items: IndicatorView[] = [];
    for (;;) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(q)) if (typeof v === 'string') params.set(k, v);
      params.set('limit', String(Math.min(MAX_PAGE, limit - items.length)));
      params.set('offset', String(items.length));
      const page = await this.request<{ items: IndicatorView[]; total: number }>(
        'GET',
        `/api/v1/indicators?${params.toString()}`,
      );
      items.push(...page.items);
      if (page.items.length === 0 || items.length >= limit || items.length >= page.total)
        return { items, total: page.total };
    }
  }

  revokeIndicator(id: string): Promise<IndicatorView> {
    return this.request<IndicatorView>('DELETE', `/api/v1/indicators/${encodeURIComponent(id)}`);
  }

  /**
   * A request whose body (when given) is streamed and whose answer is returned unread, for the import and
   * export commands; a non-2xx answer throws the error its body names.
   */
  async stream(
    method: string,
    path: string,
    body?: AsyncIterable<Uint8Array>,
    contentType = 'application/json',
  ): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(this.base + path, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': contentType }),
          ...(this.#key === undefined ? {} : { authorization: `Bearer ${this.#key}` }),
        },
        ...(body === undefined ? {} : { body: body, duplex: 'half' }),
      });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw tocsinError(
        'TOCSIN_ERR_SERVER_UNREACHABLE',
        `cannot reach the Tocsin server at ${this.base}: ${cause?.code ?? cause?.message ?? (e as Error).message}`,
        { cause: e },
      );
    }
    if (!res.ok) {
      const text = await res.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      throw errorFromBody(json, `the server at ${this.base} answered ${method} ${path} with HTTP ${res.status}`);
    }
    return res;
  }

  /** Checks a batch (at most 10,000), answered in order. */
  /** Scans messages (one batch), answered in order. */
  scan(messages: readonly ScanMessage[]): Promise<ScanResult[]> {
    return this.#halving(messages, async (part) => {
      const r = await this.request<{ results: ScanResult[] }>('POST', '/api/v1/scan', { messages: part });
      if (r.results.length !== part.length)
        throw tocsinError(
          'TOCSIN_ERR_INTERNAL',
          `the server answered ${r.results.length} of ${part.length} messages`,
        );
      return r.results;
    });
  }

  check(items: readonly CheckItem[]): Promise<CheckAnswer[]> {
    return this.#halving(items, async (part) => {
      const r = await this.request<{ results: CheckAnswer[] }>('POST', '/api/v1/check', {
        items: part.map((i) =>
          i.kind === undefined ? { value: i.value } : { value: i.value, kind: i.kind },
        ),
      });
      if (r.results.length !== part.length)
        throw tocsinError(
          'TOCSIN_ERR_INTERNAL',
          `the server answered ${r.results.length} of ${part.length} items`,
        );
      return r.results;
    });
  }
}
