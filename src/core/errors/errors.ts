/**
 * The catalogue of every error Tocsin reports. Each code is defined once, here, with its HTTP status and a
 * default message; `docs/errors.md` documents each one (a test keeps the two in step).
 *
 * Domain code throws these; only the HTTP edge turns them into `{ statusCode, code, error, message }`.
 */

/** An error from the catalogue: a stable code, an HTTP status, a message safe to show a caller. */
export class TocsinError extends Error {
  override readonly name = 'TocsinError';
  readonly code: ErrorCode;
  readonly statusCode: number;
  /** Per-item or per-field detail, safe to show a caller (never a stack or an internal message). */
  readonly details: readonly ErrorDetail[] | undefined;

  constructor(
    code: ErrorCode,
    statusCode: number,
    message: string,
    options?: { cause?: unknown; details?: readonly ErrorDetail[] },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.statusCode = statusCode;
    this.details = options?.details;
  }
}

export interface ErrorDetail {
  /** Where the problem is: a field path (`/body/name`), a config key (`TOCSIN_PORT`), an item index. */
  readonly path: string;
  readonly message: string;
}

interface ErrorDefinition {
  readonly statusCode: number;
  readonly message: string;
}

const definitions = {
  TOCSIN_ERR_VALIDATION: { statusCode: 400, message: 'The request does not match its schema' },
  TOCSIN_ERR_BAD_REQUEST: { statusCode: 400, message: 'The request is malformed' },
  TOCSIN_ERR_UNAUTHENTICATED: { statusCode: 401, message: 'Authentication is required' },
  TOCSIN_ERR_INVALID_CREDENTIALS: { statusCode: 401, message: 'The API key is unknown or revoked' },
  TOCSIN_ERR_FORBIDDEN: { statusCode: 403, message: 'Your role does not allow this' },
  TOCSIN_ERR_NOT_FOUND: { statusCode: 404, message: 'No such object' },
  TOCSIN_ERR_ROUTE_NOT_FOUND: { statusCode: 404, message: 'No such route' },
  TOCSIN_ERR_DUPLICATE_ORG: { statusCode: 409, message: 'An organization with this name already exists' },
  TOCSIN_ERR_DUPLICATE_GROUP: { statusCode: 409, message: 'A sharing group with this name already exists' },
  TOCSIN_ERR_DUPLICATE_USER: { statusCode: 409, message: 'A user with this e-mail address already exists' },
  TOCSIN_ERR_KEY_REVOKED: { statusCode: 409, message: 'The API key is already revoked' },
  TOCSIN_ERR_INVALID_VALUE: { statusCode: 400, message: 'The value is not a valid observable of its kind' },
  TOCSIN_ERR_BATCH_TOO_LARGE: { statusCode: 413, message: 'The batch holds more items than allowed' },
  TOCSIN_ERR_NO_QR_CODE: { statusCode: 422, message: 'No QR code was found in the image' },
  TOCSIN_ERR_RATE_LIMITED: { statusCode: 429, message: 'Too many requests' },
  TOCSIN_ERR_REPORT_TRIAGED: { statusCode: 409, message: 'The report was already confirmed or rejected' },
  TOCSIN_ERR_INVALID_RULE: { statusCode: 422, message: 'The content rule does not compile' },
  TOCSIN_ERR_RULE_VERSION_CONFLICT: {
    statusCode: 409,
    message: 'The content rule was changed since the version given',
  },
  TOCSIN_ERR_PAYLOAD_TOO_LARGE: { statusCode: 413, message: 'The request body is too large' },
  TOCSIN_ERR_UNSUPPORTED_MEDIA_TYPE: {
    statusCode: 415,
    message: 'The request body has an unsupported media type',
  },
  TOCSIN_ERR_NOT_ACCEPTABLE: {
    statusCode: 406,
    message:
      'No media type the Accept header allows can be given (TAXII: application/taxii+json;version=2.1)',
  },
  TOCSIN_ERR_UNPROCESSABLE: { statusCode: 422, message: 'The request body cannot be processed' },
  TOCSIN_ERR_INVALID_STIX: { statusCode: 422, message: 'The STIX object is not valid STIX 2.1' },
  TOCSIN_ERR_INVALID_PATTERN: {
    statusCode: 422,
    message: 'The indicator pattern is not a valid STIX pattern',
  },
  TOCSIN_ERR_STIX_BUNDLE_MALFORMED: {
    statusCode: 400,
    message: 'The STIX bundle is not well-formed JSON',
  },
  TOCSIN_ERR_INVALID_PAGE_TOKEN: {
    statusCode: 400,
    message: 'The next token is not valid for this request',
  },
  TOCSIN_ERR_DUPLICATE_ALIAS: {
    statusCode: 409,
    message: 'A TAXII collection with this alias already exists',
  },
  TOCSIN_ERR_INTERNAL: { statusCode: 500, message: 'Internal error' },
  TOCSIN_ERR_SERVER_UNREACHABLE: { statusCode: 503, message: 'The Tocsin server does not answer' },
  TOCSIN_ERR_STORE_UNAVAILABLE: { statusCode: 503, message: 'The database is unavailable' },
  TOCSIN_ERR_BUS_UNAVAILABLE: { statusCode: 503, message: 'The message bus (NATS JetStream) is unavailable' },
  TOCSIN_ERR_CONFIG: { statusCode: 500, message: 'The configuration is invalid' },
  TOCSIN_ERR_MIGRATION: { statusCode: 500, message: 'The database migration failed' },
  TOCSIN_ERR_AUDIT_CHAIN_BROKEN: { statusCode: 500, message: 'The audit chain does not verify' },
} as const satisfies Record<`TOCSIN_ERR_${string}`, ErrorDefinition>;

export type ErrorCode = keyof typeof definitions;

/** Every code in the catalogue, with its status and default message. */
export const errorCatalogue: Readonly<Record<ErrorCode, ErrorDefinition>> = Object.freeze(definitions);

/**
 * Creates an error from the catalogue.
 * @example throw tocsinError('TOCSIN_ERR_NOT_FOUND', `organization ${id} not found`)
 */
export function tocsinError(
  code: ErrorCode,
  message?: string,
  options?: { cause?: unknown; details?: readonly ErrorDetail[] },
): TocsinError {
  const def = definitions[code];
  return new TocsinError(code, def.statusCode, message ?? def.message, options);
}

export function isTocsinError(e: unknown): e is TocsinError {
  return e instanceof TocsinError;
}

/** The short HTTP reason phrase for a status, as fastify and the TAXII error body use it. */
export function statusText(statusCode: number): string {
  return STATUS_TEXT[statusCode] ?? (statusCode >= 500 ? 'Internal Server Error' : 'Bad Request');
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};
