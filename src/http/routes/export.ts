/** `GET /api/v1/export/stix`: what the caller may see, as one STIX 2.1 bundle, streamed. */
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { CATEGORIES } from '../../core/indicators/indicator.js';
import { OBSERVABLE_KINDS } from '../../core/observables/observable-value.js';
import { STIX_MEDIA_TYPE, type StixExportService } from '../../services/stix-export-service.js';
import { principalOf } from '../auth.js';
import { errorResponses, literals } from '../schemas.js';

export const ExportQuery = Type.Object({
  kind: Type.Optional(literals(OBSERVABLE_KINDS)),
  category: Type.Optional(literals(CATEGORIES)),
  sourceOrgId: Type.Optional(Type.String({ maxLength: 100 })),
  status: Type.Optional(literals(['active', 'revoked', 'all'] as const)),
  contains: Type.Optional(
    Type.String({ minLength: 2, maxLength: 200, description: 'substring of the canonical value' }),
  ),
  indicators: Type.Optional(
    Type.Boolean({
      description: 'false to leave the indicators out (with collection: that collection only)',
    }),
  ),
  collection: Type.Optional(
    Type.String({
      maxLength: 100,
      description: 'also the objects of this TAXII collection (id or alias) you may read',
    }),
  ),
});

export function exportRoutes(root: FastifyInstance, exports: StixExportService): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/v1/export/stix',
    {
      schema: {
        tags: ['stix'],
        summary:
          'The indicators you may see (TLP), and optionally a TAXII collection, as one STIX 2.1 bundle (application/stix+json;version=2.1), streamed',
        querystring: ExportQuery,
        response: { 200: Type.Any({ description: 'a STIX 2.1 bundle' }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const pieces = await exports.export(principalOf(req), req.query);
      return reply
        .header('content-type', STIX_MEDIA_TYPE)
        .header('content-disposition', 'attachment; filename="tocsin-export.json"')
        .send(Readable.from(pieces));
    },
  );
}
