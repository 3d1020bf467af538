/**
 * `/api/v1/check`: "is this a scam?" for anyone. Anonymous callers (citizens, the app) are rate-limited per
 * client address and see what matched and how; members see every reason they are allowed under TLP.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import { tocsinError } from '../../core/errors/errors.js';
import { OBSERVABLE_KINDS } from '../../core/observables/observable-value.js';
import { ANONYMOUS, type Viewer } from '../../core/sharing/tlp.js';
import { MAX_BATCH, type CheckAnswer, type CheckService } from '../../services/check-service.js';
import { viewerOf } from '../../services/indicator-service.js';
import { errorResponses, literals } from '../schemas.js';
import type { RateLimits } from '../rate-limit.js';

const Kind = literals(OBSERVABLE_KINDS);
const Item = Type.Union([
  Type.String({ minLength: 1, maxLength: 8192 }),
  Type.Object(
    { value: Type.String({ minLength: 1, maxLength: 8192 }), kind: Type.Optional(Kind) },
    { additionalProperties: false },
  ),
]);
const Body = Type.Union([
  Type.Object(
    { value: Type.String({ minLength: 1, maxLength: 8192 }), kind: Type.Optional(Kind) },
    { additionalProperties: false },
  ),
  Type.Object({ items: Type.Array(Item, { minItems: 1 }) }, { additionalProperties: false }),
]);

const Reason = Type.Object({
  how: Type.String({ description: 'exact, subdomain, url-prefix or cidr' }),
  matched: Type.String({ description: 'the key or range that matched' }),
  categories: Type.Array(Type.String()),
  firstSeen: Type.Union([Type.String(), Type.Null()]),
  lastSeen: Type.Union([Type.String(), Type.Null()]),
  indicatorId: Type.Optional(Type.String()),
  source: Type.Optional(Type.String({ description: 'the reporting organization (members only)' })),
  confidence: Type.Optional(Type.Integer()),
  tlp: Type.Optional(Type.String()),
  description: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});

export const Answer = Type.Object(
  {
    value: Type.String(),
    kind: Type.Optional(Type.String()),
    canonical: Type.Optional(Type.String()),
    verdict: Type.Optional(literals(['malicious', 'suspicious', 'allow-listed', 'unknown'] as const)),
    score: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    summary: Type.Optional(Type.String()),
    reasons: Type.Optional(Type.Array(Reason)),
    details: Type.Optional(
      Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()])),
    ),
    allowListed: Type.Optional(Type.String()),
    reports: Type.Optional(Type.Integer()),
    payment: Type.Optional(
      Type.Object({
        bin: Type.Optional(Type.String()),
        bank: Type.Optional(Type.String()),
        account: Type.Optional(Type.String()),
        isCard: Type.Optional(Type.Boolean()),
        amount: Type.Optional(Type.String()),
        currency: Type.Optional(Type.String()),
        merchantName: Type.Optional(Type.String()),
        purpose: Type.Optional(Type.String()),
      }),
    ),
    error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
  },
  { $id: 'CheckAnswer', title: 'CheckAnswer' },
);

function viewer(req: FastifyRequest): Viewer {
  return req.principal === undefined ? ANONYMOUS : viewerOf(req.principal);
}

/** A single value that cannot be checked is the request's own error; in a batch it is that item's. */
function single(answer: CheckAnswer | undefined): CheckAnswer {
  if (answer === undefined) throw tocsinError('TOCSIN_ERR_INTERNAL');
  if ('error' in answer) throw tocsinError(answer.error.code, answer.error.message);
  return answer;
}

/**
 * One answer, or `results` for a batch. Written as one object schema rather than a union: the serializer
 * would otherwise validate every answer of a 10,000-item batch against each branch to pick one.
 */
const Answers = Type.Composite([
  Type.Omit(Answer, ['value']),
  Type.Object({
    value: Type.Optional(Type.String()),
    results: Type.Optional(Type.Array(Type.Ref('CheckAnswer'))),
  }),
]);

const JSON_TYPE = 'application/json; charset=utf-8';

/** A string that JSON writes as it is, between quotes: no quote, backslash, control character or surrogate. */
// eslint-disable-next-line no-control-regex -- the control characters are what JSON escapes
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

function quoted(s: string): string {
  return PLAIN.test(s) ? `"${s}"` : JSON.stringify(s);
}

/**
 * One answer's JSON, as `JSON.stringify` writes it. The schemas above describe the answers (OpenAPI), but
 * their compiled serializer is about 4× slower than `JSON.stringify` on them (its unions and the `details`
 * record take its slow paths). For one answer, writing the fixed keys as text and only the values through
 * JSON is faster again (3.9 → 3.5 µs a single check, in process, with the JSON's byte length taken as the
 * server does); for a whole batch it is not (answersJson). The bytes are the same because a `CheckAnswer`
 * holds exactly the schema's fields in the schema's order: test/http/check-json.test.ts compares this, the
 * schema's serializer and `JSON.stringify` on every shape of answer and on values that need escaping, so a
 * field added to one and not the others fails there.
 */
export function answerJson(a: CheckAnswer): string {
  if ('error' in a) return JSON.stringify(a);
  let out =
    `{"value":${quoted(a.value)},"kind":${quoted(a.kind)},"canonical":${quoted(a.canonical)},` +
    `"verdict":${quoted(a.verdict)},"score":${a.score},"summary":${quoted(a.summary)},` +
    `"reasons":${a.reasons.length === 0 ? '[]' : JSON.stringify(a.reasons)},"details":${JSON.stringify(a.details)}`;
  if (a.allowListed !== undefined) out += `,"allowListed":${quoted(a.allowListed)}`;
  if (a.reports !== undefined) out += `,"reports":${a.reports}`;
  if (a.payment !== undefined) out += `,"payment":${JSON.stringify(a.payment)}`;
  return `${out}}`;
}

/**
 * A batch's answer, `{ results: [...] }`, in the same bytes as `answerJson` writes each. `JSON.stringify`
 * here: joining 10,000 answers written as above is slower (the long string made of pieces must be flattened).
 */
export function answersJson(results: readonly CheckAnswer[]): string {
  return JSON.stringify({ results });
}

export async function checkRoutes(
  root: FastifyInstance,
  check: CheckService,
  limits: RateLimits,
): Promise<void> {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['check'];
  const A = Type.Ref('CheckAnswer');
  const config = { auth: 'optional' as const, rateLimit: limits.anonymous };

  app.get(
    '/api/v1/check',
    {
      config,
      schema: {
        tags,
        summary:
          'Check one value: a link, domain, IP, phone number, bank account, e-mail, wallet, file hash or VietQR payload',
        querystring: Type.Object({
          value: Type.String({ minLength: 1, maxLength: 8192 }),
          kind: Type.Optional(Kind),
        }),
        response: { 200: A, ...errorResponses, 429: Type.Ref('Error') },
      },
    },
    async (req, reply) =>
      reply.type(JSON_TYPE).send(answerJson(single((await check.check(viewer(req), [req.query]))[0]))),
  );

  app.post(
    '/api/v1/check',
    {
      config,
      schema: {
        tags,
        summary: `Check one value ({ value, kind? }) or a batch of up to ${MAX_BATCH} ({ items: [...] }), answered in order`,
        body: Body,
        response: {
          200: Answers,
          ...errorResponses,
          413: Type.Ref('Error'),
          429: Type.Ref('Error'),
        },
      },
    },
    async (req, reply) => {
      const body = req.body;
      if ('value' in body)
        return reply.type(JSON_TYPE).send(answerJson(single((await check.check(viewer(req), [body]))[0])));
      if (body.items.length > MAX_BATCH) {
        throw tocsinError(
          'TOCSIN_ERR_BATCH_TOO_LARGE',
          `a batch holds at most ${MAX_BATCH} items; this one has ${body.items.length}`,
        );
      }
      const items = body.items.map((i) => (typeof i === 'string' ? { value: i } : i));
      // Sent as bytes: encoded once. A string of 3 MB (10,000 answers) would be walked twice, once for its
      // Content-Length and again to write it.
      const json = answersJson(await check.check(viewer(req), items));
      return reply.type(JSON_TYPE).send(Buffer.from(json, 'utf8'));
    },
  );

  await app.register(async (qr) => {
    await qr.register(multipart, { limits: { fileSize: limits.qrMaxBytes, files: 1, fields: 0 } });
    for (const type of ['image/png', 'image/jpeg']) {
      qr.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: limits.qrMaxBytes }, (_req, body, done) =>
        done(null, body),
      );
    }
    qr.withTypeProvider<TypeBoxTypeProvider>().post(
      '/api/v1/check/qr',
      {
        config,
        schema: {
          tags,
          summary:
            'Check a QR code: send the PNG or JPEG as the body (Content-Type image/png or image/jpeg) or as multipart field "image"',
          consumes: ['image/png', 'image/jpeg', 'multipart/form-data'],
          response: {
            200: Type.Object({
              text: Type.String({ description: 'what the QR code holds' }),
              answer: Type.Optional(A),
            }),
            ...errorResponses,
            413: Type.Ref('Error'),
            415: Type.Ref('Error'),
            422: Type.Ref('Error'),
            429: Type.Ref('Error'),
          },
        },
      },
      async (req) => {
        let image: Buffer;
        if (req.isMultipart()) {
          const file = await req.file();
          if (file === undefined)
            throw tocsinError('TOCSIN_ERR_VALIDATION', 'send the image in a multipart field named "image"');
          image = await file.toBuffer();
          if (file.file.truncated)
            throw tocsinError(
              'TOCSIN_ERR_PAYLOAD_TOO_LARGE',
              `the image is larger than ${limits.qrMaxBytes} bytes`,
            );
        } else {
          image = req.body as Buffer;
        }
        const { text, answer } = await check.checkQr(viewer(req), image);
        return answer === undefined ? { text } : { text, answer };
      },
    );
  });
}
