/**
 * `POST /api/v1/import/stix` (a STIX 2.1 bundle of any size, streamed: it is split as it arrives and written
 * in batches) and `POST /api/v1/import/misp` (one MISP event): both answer the import summary.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { StixImportService } from '../../services/stix-import-service.js';
import { principalOf } from '../auth.js';
import { errorResponses } from '../schemas.js';

const Query = Type.Object({
  collection: Type.Optional(
    Type.String({ maxLength: 100, description: 'TAXII collection id or alias (default shared)' }),
  ),
});

const Summary = Type.Object(
  {
    objects: Type.Integer(),
    added: Type.Integer(),
    updated: Type.Integer(),
    duplicates: Type.Integer(),
    rejected: Type.Integer(),
    rejections: Type.Array(
      Type.Object({ index: Type.Integer(), id: Type.Optional(Type.String()), reason: Type.String() }),
    ),
    indicatorsFed: Type.Integer(),
    bytes: Type.Integer(),
  },
  { additionalProperties: true },
);

export function importRoutes(root: FastifyInstance, imports: StixImportService): void {
  root.withTypeProvider<TypeBoxTypeProvider>().post(
    '/api/v1/import/misp',
    {
      schema: {
        tags: ['stix'],
        summary: 'Import one MISP event ({"Event": {...}}) into a TAXII collection as STIX 2.1',
        querystring: Query,
        body: Type.Object({}, { additionalProperties: true }),
        response: { 200: Summary, ...errorResponses },
      },
    },
    async (req) => imports.importMispEvent(principalOf(req), req.query.collection ?? 'shared', req.body),
  );

  // Encapsulated: this route alone reads its body as a stream, past the body limit.
  void root.register((child, _opts, done) => {
    child.removeAllContentTypeParsers();
    child.addContentTypeParser('*', (_req, payload, next) => next(null, payload));
    child.withTypeProvider<TypeBoxTypeProvider>().post(
      '/api/v1/import/stix',
      {
        schema: {
          tags: ['stix'],
          summary:
            'Import a STIX 2.1 bundle of any size into a TAXII collection, streamed, in batches of 5,000 objects',
          querystring: Query,
          response: { 200: Summary, ...errorResponses },
        },
      },
      async (req) =>
        imports.importBundle(
          principalOf(req),
          req.query.collection ?? 'shared',
          req.body as AsyncIterable<Uint8Array>,
        ),
    );
    done();
  });
}
