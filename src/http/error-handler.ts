/**
 * The HTTP edge of the error catalogue: every failure leaves as `{ statusCode, code, error, message }` with
 * a code from docs/errors.md, never a stack trace.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import {
  isTocsinError,
  statusText,
  tocsinError,
  type ErrorCode,
  type ErrorDetail,
  type TocsinError,
} from '../core/errors/errors.js';

export interface ErrorResponse {
  statusCode: number;
  code: ErrorCode;
  error: string;
  message: string;
  details?: readonly ErrorDetail[];
}

export function errorBody(e: TocsinError): ErrorResponse {
  return {
    statusCode: e.statusCode,
    code: e.code,
    error: statusText(e.statusCode),
    message: e.message,
    ...(e.details === undefined ? {} : { details: e.details }),
  };
}

/** Fastify's own errors, by code, mapped onto the catalogue. */
const FASTIFY_CODES: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'TOCSIN_ERR_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'TOCSIN_ERR_PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'TOCSIN_ERR_BAD_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'TOCSIN_ERR_BAD_REQUEST',
  FST_ERR_CTP_INVALID_JSON_BODY: 'TOCSIN_ERR_BAD_REQUEST',
  FST_ERR_CTP_EMPTY_TYPE: 'TOCSIN_ERR_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_TYPE: 'TOCSIN_ERR_UNSUPPORTED_MEDIA_TYPE',
};

/** Turns anything thrown in a request into a catalogued error. */
export function toTocsinError(err: unknown): TocsinError {
  if (isTocsinError(err)) return err;
  const fe = err as Partial<FastifyError> & {
    validation?: { instancePath?: string; message?: string; params?: Record<string, unknown> }[];
  };
  if (fe.validation !== undefined) {
    const where = fe.validationContext ?? 'body';
    const details = fe.validation.map((v) => {
      const extra = v.params?.['additionalProperty'] ?? v.params?.['missingProperty'];
      const path = `/${where}${v.instancePath ?? ''}${typeof extra === 'string' ? '/' + extra : ''}`;
      return { path, message: v.message ?? 'is invalid' };
    });
    return tocsinError('TOCSIN_ERR_VALIDATION', details.map((d) => `${d.path} ${d.message}`).join('; '), {
      details,
      cause: err,
    });
  }
  if (typeof fe.code === 'string') {
    const mapped = FASTIFY_CODES[fe.code];
    if (mapped !== undefined) return tocsinError(mapped, fe.message, { cause: err });
  }
  // A body the JSON parser rejects carries statusCode 400 and no code we know.
  if (fe.statusCode === 400 && err instanceof SyntaxError)
    return tocsinError('TOCSIN_ERR_BAD_REQUEST', `malformed JSON: ${err.message}`, { cause: err });
  return tocsinError('TOCSIN_ERR_INTERNAL', undefined, { cause: err });
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err, request, reply) => {
    const e = toTocsinError(err);
    if (e.statusCode >= 500) request.log.error({ err }, 'request failed');
    else request.log.info({ code: e.code }, e.message);
    return reply.status(e.statusCode).send(errorBody(e));
  });
  app.setNotFoundHandler((request, reply) => {
    const e = tocsinError(
      'TOCSIN_ERR_ROUTE_NOT_FOUND',
      `no route ${request.method} ${request.url.split('?')[0] ?? ''}`,
    );
    return reply.status(404).send(errorBody(e));
  });
}
