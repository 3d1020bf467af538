/**
 * Tocsin's configuration: one schema over `TOCSIN_*` environment variables and an optional JSON config file
 * (`TOCSIN_CONFIG=path`). Parsed once at start-up, every bad key reported by name, then frozen and passed in.
 * No other module reads `process.env`.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { tocsinError, type ErrorDetail } from '../core/errors/errors.js';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  /** Folder for the SQLite database, the admin key file and other local state. */
  readonly dataDir: string;
  /** `postgres://…` selects PostgreSQL; otherwise the SQLite file `databasePath`. */
  readonly databaseUrl: string | undefined;
  /** PostgreSQL schema for Tocsin's tables (created if missing); unset means the connection's default. */
  readonly databaseSchema: string | undefined;
  /** The SQLite file, used when `databaseUrl` is not set. */
  readonly databasePath: string;
  readonly host: string;
  readonly port: number;
  readonly logLevel: LogLevel;
  /** Largest request body accepted, in bytes. */
  readonly bodyLimit: number;
  /** Trust `X-Forwarded-For` from a reverse proxy when resolving the client address. */
  readonly trustProxy: boolean;
  /** The national centre that runs this instance, created on first run. */
  readonly operator: {
    readonly name: string;
    readonly country: string;
    readonly adminEmail: string;
  };
  /** Requests a minute one client address may make to anonymous routes (checks, reports). */
  readonly anonymousRateLimit: number;
  /** Largest QR image accepted, in bytes. */
  readonly qrMaxBytes: number;
  /** A text file of the operator's own allow-listed domains, one a line, added to the built-in list. */
  readonly allowListFile: string | undefined;
  /** HTTP worker processes (node:cluster), each with its own index; 1 serves from this process. */
  readonly workers: number;
  /** Milliseconds between looks for indicator changes made by other processes or nodes. */
  readonly indexFollowMs: number;
  /** Seconds between writes of an API key's last-used time (a key used constantly is written at most this often). */
  readonly keyLastUsedInterval: number;
  /** The message stream on NATS JetStream: off unless `url` is set. */
  readonly nats: {
    readonly url: string | undefined;
    /** Subjects are `<prefix>.scan.in.>` and `<prefix>.scan.out.>`; streams `<PREFIX>_SCAN_IN` and `_OUT`. */
    readonly prefix: string;
    /** The organization (id or name) the stream is scanned for; unset: CLEAR and GREEN rules and indicators only. */
    readonly org: string | undefined;
    /** Milliseconds before an unacknowledged message is delivered again (to this or another process). */
    readonly ackWaitMs: number;
    /** Messages fetched and scanned together. */
    readonly batch: number;
  };
}

type Kind = 'string' | 'int' | 'bool' | 'enum';

interface KeySpec {
  /** Environment variable. */
  readonly env: string;
  /** Path in the config file, dot-separated. */
  readonly file: string;
  readonly kind: Kind;
  readonly values?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  readonly doc: string;
}

/** Every setting, its environment variable and its config-file key. `docs/config.md` documents them. */
export const CONFIG_KEYS: readonly KeySpec[] = [
  { env: 'TOCSIN_DATA_DIR', file: 'dataDir', kind: 'string', doc: 'data folder (default ./data)' },
  { env: 'TOCSIN_DATABASE_URL', file: 'databaseUrl', kind: 'string', doc: 'postgres://… to use PostgreSQL' },
  {
    env: 'TOCSIN_DATABASE_SCHEMA',
    file: 'databaseSchema',
    kind: 'string',
    doc: 'PostgreSQL schema (default public)',
  },
  {
    env: 'TOCSIN_DATABASE_PATH',
    file: 'databasePath',
    kind: 'string',
    doc: 'SQLite file (default <dataDir>/tocsin.db)',
  },
  { env: 'TOCSIN_HOST', file: 'host', kind: 'string', doc: 'address to listen on (default 127.0.0.1)' },
  { env: 'TOCSIN_PORT', file: 'port', kind: 'int', min: 0, max: 65535, doc: 'port (default 8080)' },
  {
    env: 'TOCSIN_LOG_LEVEL',
    file: 'logLevel',
    kind: 'enum',
    values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    doc: 'log level (default info)',
  },
  {
    env: 'TOCSIN_BODY_LIMIT',
    file: 'bodyLimit',
    kind: 'int',
    min: 1024,
    max: 1 << 30,
    doc: 'largest body in bytes (default 10 MiB)',
  },
  {
    env: 'TOCSIN_TRUST_PROXY',
    file: 'trustProxy',
    kind: 'bool',
    doc: 'trust X-Forwarded-For (default false)',
  },
  { env: 'TOCSIN_OPERATOR_NAME', file: 'operator.name', kind: 'string', doc: 'name of the operating centre' },
  {
    env: 'TOCSIN_OPERATOR_COUNTRY',
    file: 'operator.country',
    kind: 'string',
    doc: 'its ISO 3166 country (default VN)',
  },
  {
    env: 'TOCSIN_ADMIN_EMAIL',
    file: 'operator.adminEmail',
    kind: 'string',
    doc: 'e-mail of the first admin user',
  },
  {
    env: 'TOCSIN_ANON_RATE_LIMIT',
    file: 'anonymousRateLimit',
    kind: 'int',
    min: 1,
    max: 1_000_000,
    doc: 'anonymous requests a minute per address (default 60)',
  },
  {
    env: 'TOCSIN_QR_MAX_BYTES',
    file: 'qrMaxBytes',
    kind: 'int',
    min: 1024,
    max: 50 * 1024 * 1024,
    doc: 'largest QR image (default 5 MiB)',
  },
  {
    env: 'TOCSIN_ALLOWLIST_FILE',
    file: 'allowListFile',
    kind: 'string',
    doc: "the operator's allow-listed domains, one a line",
  },
  {
    env: 'TOCSIN_INDEX_FOLLOW_MS',
    file: 'indexFollowMs',
    kind: 'int',
    min: 50,
    max: 600_000,
    doc: 'ms between looks for indicator changes (default 1000)',
  },
  {
    env: 'TOCSIN_WORKERS',
    file: 'workers',
    kind: 'int',
    min: 1,
    max: 256,
    doc: 'HTTP worker processes (default 1)',
  },
  {
    env: 'TOCSIN_KEY_LAST_USED_INTERVAL',
    file: 'keyLastUsedInterval',
    kind: 'int',
    min: 0,
    max: 86400,
    doc: 'seconds between last-used writes per key (default 60)',
  },
  { env: 'TOCSIN_NATS_URL', file: 'nats.url', kind: 'string', doc: 'nats://host:port: scan the JetStream stream' },
  {
    env: 'TOCSIN_NATS_PREFIX',
    file: 'nats.prefix',
    kind: 'string',
    doc: 'subject prefix (default tocsin): <prefix>.scan.in.> and <prefix>.scan.out.>',
  },
  {
    env: 'TOCSIN_NATS_ORG',
    file: 'nats.org',
    kind: 'string',
    doc: 'organization (id or name) the stream is scanned for (default: none, CLEAR and GREEN only)',
  },
  {
    env: 'TOCSIN_NATS_ACK_WAIT_MS',
    file: 'nats.ackWaitMs',
    kind: 'int',
    min: 500,
    max: 3_600_000,
    doc: 'ms before an unacknowledged message is delivered again (default 30000)',
  },
  {
    env: 'TOCSIN_NATS_BATCH',
    file: 'nats.batch',
    kind: 'int',
    min: 1,
    max: 10_000,
    doc: 'messages fetched and scanned together; an NDJSON entry counts as its lines (default 500)',
  },
];

const FILE_ONLY_ENV = 'TOCSIN_CONFIG';
/** Settings of the command line as a client of a running server, read by the CLI itself: not server config. */
export const CLIENT_ENV = ['TOCSIN_SERVER', 'TOCSIN_API_KEY'] as const;

type Raw = Record<string, string | number | boolean>;

/**
 * Parses the configuration from the environment and the optional config file it names.
 * Throws TOCSIN_ERR_CONFIG listing every bad key by name.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>, cwd: string): Config {
  const problems: ErrorDetail[] = [];
  const raw: Raw = {};

  const filePath = env[FILE_ONLY_ENV];
  if (filePath !== undefined && filePath !== '') {
    readConfigFile(isAbsolute(filePath) ? filePath : resolve(cwd, filePath), raw, problems);
  }

  const known = new Set([FILE_ONLY_ENV, ...CLIENT_ENV, ...CONFIG_KEYS.map((k) => k.env)]);
  for (const name of Object.keys(env).sort()) {
    if (name.startsWith('TOCSIN_') && !known.has(name)) {
      problems.push({ path: name, message: 'unknown setting' });
    }
  }
  for (const spec of CONFIG_KEYS) {
    const value = env[spec.env];
    if (value === undefined) continue;
    const parsed = coerce(spec, value);
    if (typeof parsed === 'object') problems.push({ path: spec.env, message: parsed.error });
    else raw[spec.file] = parsed;
  }

  if (problems.length > 0) throw configError(problems);
  return build(raw, cwd, problems);
}

function configError(problems: readonly ErrorDetail[]) {
  const list = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
  return tocsinError('TOCSIN_ERR_CONFIG', `invalid configuration: ${list}`, { details: problems });
}

function readConfigFile(path: string, raw: Raw, problems: ErrorDetail[]): void {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    problems.push({
      path: FILE_ONLY_ENV,
      message: `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`,
    });
    return;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    problems.push({ path: path, message: `not valid JSON: ${(e as Error).message}` });
    return;
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    problems.push({ path, message: 'must hold a JSON object' });
    return;
  }
  const byFile = new Map(CONFIG_KEYS.map((k) => [k.file, k]));
  const walk = (obj: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(obj)) {
      const key = prefix + k;
      const spec = byFile.get(key);
      if (spec === undefined) {
        if (
          typeof v === 'object' &&
          v !== null &&
          !Array.isArray(v) &&
          [...byFile.keys()].some((f) => f.startsWith(key + '.'))
        ) {
          walk(v as Record<string, unknown>, key + '.');
        } else {
          problems.push({ path: `${path}: ${key}`, message: 'unknown setting' });
        }
        continue;
      }
      const parsed =
        typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
          ? coerce(spec, v)
          : { error: 'must be a string, number or boolean' };
      if (typeof parsed === 'object') problems.push({ path: `${path}: ${key}`, message: parsed.error });
      else raw[key] = parsed;
    }
  };
  walk(doc as Record<string, unknown>, '');
}

function coerce(
  spec: KeySpec,
  value: string | number | boolean,
): string | number | boolean | { error: string } {
  switch (spec.kind) {
    case 'string':
      if (typeof value !== 'string' || value.trim() === '') return { error: 'must be a non-empty string' };
      return value.trim();
    case 'int': {
      const n =
        typeof value === 'number' ? value : /^-?\d+$/.test(value.toString().trim()) ? Number(value) : NaN;
      if (!Number.isSafeInteger(n)) return { error: `must be a whole number, got ${JSON.stringify(value)}` };
      if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
        return { error: `must be between ${spec.min} and ${spec.max}, got ${n}` };
      }
      return n;
    }
    case 'bool': {
      if (typeof value === 'boolean') return value;
      const s = value.toString().trim().toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(s)) return true;
      if (['0', 'false', 'no', 'off'].includes(s)) return false;
      return { error: `must be true or false, got ${JSON.stringify(value)}` };
    }
    case 'enum': {
      const s = value.toString().trim().toLowerCase();
      if (spec.values?.includes(s)) return s;
      return { error: `must be one of ${spec.values?.join(', ')}, got ${JSON.stringify(value)}` };
    }
  }
}

function build(raw: Raw, cwd: string, problems: ErrorDetail[]): Config {
  const str = (k: string, d: string) => (raw[k] as string | undefined) ?? d;
  const int = (k: string, d: number) => (raw[k] as number | undefined) ?? d;
  const dataDir = resolve(cwd, str('dataDir', 'data'));
  const databaseUrl = raw['databaseUrl'] as string | undefined;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push({
      path: 'TOCSIN_DATABASE_URL',
      message: 'must start with postgres:// (leave it unset for SQLite)',
    });
  }
  const databaseSchema = raw['databaseSchema'] as string | undefined;
  if (databaseSchema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(databaseSchema)) {
    problems.push({ path: 'TOCSIN_DATABASE_SCHEMA', message: 'must be a lowercase SQL identifier' });
  }
  const country = str('operator.country', 'VN').toUpperCase();
  if (!/^[A-Z]{2}$/.test(country))
    problems.push({ path: 'TOCSIN_OPERATOR_COUNTRY', message: 'must be an ISO 3166 alpha-2 code' });
  const adminEmail = str('operator.adminEmail', 'admin@tocsin.local');
  if (!/^[^@\s]+@[^@\s]+$/.test(adminEmail))
    problems.push({ path: 'TOCSIN_ADMIN_EMAIL', message: 'must be an e-mail address' });
  const natsUrl = raw['nats.url'] as string | undefined;
  if (natsUrl !== undefined && !/^(nats|tls):\/\/[^\s]+$/.test(natsUrl))
    problems.push({ path: 'TOCSIN_NATS_URL', message: 'must be a nats:// or tls:// URL' });
  if (!/^[A-Za-z0-9_-]+$/.test(str('nats.prefix', 'tocsin')))
    problems.push({ path: 'TOCSIN_NATS_PREFIX', message: 'must be letters, digits, _ or - (one subject token)' });
  if (problems.length > 0) throw configError(problems);

  const config: Config = {
    dataDir,
    databaseUrl,
    databaseSchema,
    databasePath: resolve(dataDir, str('databasePath', 'tocsin.db')),
    host: str('host', '127.0.0.1'),
    port: int('port', 8080),
    logLevel: str('logLevel', 'info') as LogLevel,
    bodyLimit: int('bodyLimit', 10 * 1024 * 1024),
    trustProxy: (raw['trustProxy'] as boolean | undefined) ?? false,
    operator: {
      name: str('operator.name', 'National Cyber Security Centre'),
      country,
      adminEmail,
    },
    keyLastUsedInterval: int('keyLastUsedInterval', 60),
    anonymousRateLimit: int('anonymousRateLimit', 60),
    qrMaxBytes: int('qrMaxBytes', 5 * 1024 * 1024),
    allowListFile:
      raw['allowListFile'] === undefined ? undefined : resolve(cwd, raw['allowListFile'] as string),
    indexFollowMs: int('indexFollowMs', 1000),
    workers: int('workers', 1),
    nats: {
      url: raw['nats.url'] as string | undefined,
      prefix: str('nats.prefix', 'tocsin'),
      org: raw['nats.org'] as string | undefined,
      ackWaitMs: int('nats.ackWaitMs', 30_000),
      batch: int('nats.batch', 500),
    },
  };
  return deepFreeze(config);
}

function deepFreeze<T extends object>(o: T): T {
  for (const v of Object.values(o)) if (typeof v === 'object' && v !== null) deepFreeze(v as object);
  return Object.freeze(o);
}
