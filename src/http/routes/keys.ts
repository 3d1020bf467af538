/** `/api/v1/keys`: API keys, shown once at creation, stored only as a hash. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { KeyService } from '../../services/key-service.js';
import { principalOf } from '../auth.js';
import { CreatedApiKey, errorResponses, IdParams, NewApiKey, PageQuery } from '../schemas.js';

export function keyRoutes(root: FastifyInstance, keys: KeyService): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const ApiKey = Type.Ref('ApiKey');
  const tags = ['api keys'];

  app.get(
    '/api/v1/keys',
    {
      schema: {
        tags,
        summary: "List API keys: yours, your organization's (its admins), or all (operating centre admins)",
        querystring: Type.Composite([
          PageQuery,
          Type.Object({
            userId: Type.Optional(Type.String({ maxLength: 100 })),
            orgId: Type.Optional(Type.String({ maxLength: 100 })),
          }),
        ]),
        response: {
          200: Type.Object({ items: Type.Array(ApiKey), limit: Type.Integer(), offset: Type.Integer() }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const { userId, orgId, ...page } = req.query;
      return { items: await keys.listKeys(principalOf(req), { userId, orgId }, page), ...page };
    },
  );
  app.post(
    '/api/v1/keys',
    {
      schema: {
        tags,
        summary: 'Create an API key; the response holds the key, shown this once',
        body: NewApiKey,
        response: { 201: CreatedApiKey, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { key, record } = await keys.createKey(principalOf(req), req.body);
      return reply.status(201).send({ ...record, key });
    },
  );
  app.delete(
    '/api/v1/keys/:id',
    {
      schema: {
        tags,
        summary: 'Revoke an API key (it stops working at once)',
        params: IdParams,
        response: { 200: ApiKey, ...errorResponses },
      },
    },
    async (req) => keys.revokeKey(principalOf(req), req.params.id),
  );
}
