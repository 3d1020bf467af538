/** `/api/v1/scan`: telcos and platforms send messages; each comes back with a verdict and its reasons. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { MAX_MESSAGES, type ScanService } from '../../services/scan-service.js';
import { viewerOf } from '../../services/indicator-service.js';
import { tocsinError } from '../../core/errors/errors.js';
import { ndjsonLines } from '../../core/json/ndjson-lines.js';
import { principalOf } from '../auth.js';
import { errorResponses } from '../schemas.js';

export const Message = Type.Object(
  {
    id: Type.Optional(Type.String({ maxLength: 200 })),
    text: Type.String({ description: 'the message as received' }),
    sender: Type.Optional(Type.String({ maxLength: 200 })),
    timestamp: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);

const Span = Type.Object({ start: Type.Integer(), end: Type.Integer(), text: Type.String() });

export const Result = Type.Object({
  id: Type.Optional(Type.String()),
  verdict: Type.Optional(Type.String({ description: 'malicious, suspicious, clean or unknown' })),
  score: Type.Optional(Type.Integer()),
  items: Type.Optional(
    Type.Array(
      Type.Object({
        kind: Type.String(),
        raw: Type.String(),
        start: Type.Integer(),
        end: Type.Integer(),
        canonical: Type.Optional(Type.String()),
        verdict: Type.Optional(Type.String()),
        score: Type.Optional(Type.Integer()),
        reasons: Type.Optional(
          Type.Array(
            Type.Object(
              { how: Type.String(), matched: Type.String(), categories: Type.Array(Type.String()) },
              { additionalProperties: true },
            ),
          ),
        ),
        shortened: Type.Optional(Type.Boolean()),
        lookalike: Type.Optional(Type.Boolean()),
        imitates: Type.Optional(Type.String()),
      }),
    ),
  ),
  rules: Type.Optional(
    Type.Array(
      Type.Object({
        ruleId: Type.String(),
        name: Type.String(),
        category: Type.String(),
        weight: Type.Integer(),
        spans: Type.Array(Span),
      }),
    ),
  ),
  error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
});

/** Messages of an NDJSON body whose line is not valid UTF-8: answered with their own error, the rest scanned. */
const notUtf8 = new WeakSet<object>();

/**
 * NDJSON bodies (`application/x-ndjson`): one message object a line, as telcos export them; read into the
 * same `{ messages }` shape the JSON body has, so both meet one schema. A line that is not JSON is a 400
 * naming its line; a line that is not valid UTF-8 is that message's own error.
 */
function parseNdjson(body: Buffer): { messages: unknown[] } {
  const messages: unknown[] = [];
  for (const { line, text } of ndjsonLines(body)) {
    if (text === undefined) {
      const placeholder = { text: '' };
      notUtf8.add(placeholder);
      messages.push(placeholder);
      continue;
    }
    try {
      messages.push(JSON.parse(text));
    } catch (e) {
      throw tocsinError('TOCSIN_ERR_BAD_REQUEST', `NDJSON line ${line} is not JSON: ${(e as Error).message}`);
    }
  }
  return { messages };
}

export async function scanRoutes(root: FastifyInstance, scan: ScanService): Promise<void> {
  // A plugin of its own, so that the NDJSON parser applies to this route only.
  await root.register((scoped, _opts, ready) => {
    scoped.addContentTypeParser('application/x-ndjson', { parseAs: 'buffer' }, (_req, body, done) => {
      try {
        done(null, parseNdjson(body as Buffer));
      } catch (e) {
        done(e as Error, undefined);
      }
    });
    scanRoute(scoped, scan);
    ready();
  });
}

function scanRoute(root: FastifyInstance, scan: ScanService): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/api/v1/scan',
    {
      schema: {
        tags: ['scan'],
        summary: `Scan up to ${MAX_MESSAGES} messages ({ messages: [{ id?, text, sender?, timestamp? }] }, or NDJSON: one message a line), answered in order`,
        consumes: ['application/json', 'application/x-ndjson'],
        body: Type.Object(
          { messages: Type.Array(Message, { minItems: 1 }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ results: Type.Array(Result) }),
          ...errorResponses,
          413: Type.Ref('Error'),
        },
      },
    },
    async (req) => {
      const { messages } = req.body;
      if (messages.length > MAX_MESSAGES)
        throw tocsinError(
          'TOCSIN_ERR_BATCH_TOO_LARGE',
          `a batch holds at most ${MAX_MESSAGES} messages; this one has ${messages.length}`,
        );
      const bad = messages.map((m) => notUtf8.has(m));
      if (!bad.includes(true)) return { results: await scan.scan(viewerOf(principalOf(req)), messages) };
      const answered = await scan.scan(
        viewerOf(principalOf(req)),
        messages.filter((_, i) => !bad[i]),
      );
      let j = 0;
      return {
        results: messages.map((_, i) =>
          bad[i]
            ? { error: { code: 'TOCSIN_ERR_BAD_REQUEST', message: `message ${i + 1} is not valid UTF-8` } }
            : answered[j++]!,
        ),
      };
    },
  );
}
