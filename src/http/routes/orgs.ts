/** `/api/v1/orgs`: the directory of organizations. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { DirectoryService } from '../../services/directory-service.js';
import { principalOf } from '../auth.js';
import { errorResponses, IdParams, listing, NewOrg, OrgPatch, PageQuery } from '../schemas.js';

export function orgRoutes(root: FastifyInstance, directory: DirectoryService): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const Org = Type.Ref('Organization');
  const tags = ['organizations'];

  app.get(
    '/api/v1/orgs',
    {
      schema: {
        tags,
        summary: 'List organizations (every member may read the directory)',
        querystring: PageQuery,
        response: { 200: listing(Org), ...errorResponses },
      },
    },
    async (req) => ({ ...(await directory.listOrgs(principalOf(req), req.query)), ...req.query }),
  );
  app.post(
    '/api/v1/orgs',
    {
      schema: {
        tags,
        summary: 'Create an organization (admins of the operating centre)',
        body: NewOrg,
        response: { 201: Org, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await directory.createOrg(principalOf(req), req.body)),
  );
  app.get(
    '/api/v1/orgs/:id',
    {
      schema: {
        tags,
        summary: 'One organization',
        params: IdParams,
        response: { 200: Org, ...errorResponses },
      },
    },
    async (req) => directory.getOrg(principalOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/orgs/:id',
    {
      schema: {
        tags,
        summary: 'Change an organization (admins of the operating centre)',
        params: IdParams,
        body: OrgPatch,
        response: { 200: Org, ...errorResponses },
      },
    },
    async (req) => directory.updateOrg(principalOf(req), req.params.id, req.body),
  );
}
