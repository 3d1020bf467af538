/** `/api/v1/users`: users and their roles. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { DirectoryService } from '../../services/directory-service.js';
import { principalOf } from '../auth.js';
import { errorResponses, IdParams, listing, NewUser, PageQuery } from '../schemas.js';

export function userRoutes(root: FastifyInstance, directory: DirectoryService): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const User = Type.Ref('User');
  const tags = ['users'];

  app.get(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: 'List users: all (operating centre admins), your organization (its admins) or yourself',
        querystring: Type.Composite([
          PageQuery,
          Type.Object({ orgId: Type.Optional(Type.String({ maxLength: 100 })) }),
        ]),
        response: { 200: listing(User), ...errorResponses },
      },
    },
    async (req) => {
      const { orgId, ...page } = req.query;
      return { ...(await directory.listUsers(principalOf(req), { orgId }, page)), ...page };
    },
  );
  app.get(
    '/api/v1/users/me',
    {
      schema: {
        tags,
        summary: 'The user behind the API key, with its organization',
        response: {
          200: Type.Object({ user: User, organization: Type.Ref('Organization') }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const me = principalOf(req);
      const [user, organization] = await Promise.all([
        directory.getUser(me, me.userId),
        directory.getOrg(me, me.orgId),
      ]);
      return { user, organization };
    },
  );
  app.post(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: "Add a user to an organization (that organization's admins)",
        body: NewUser,
        response: { 201: User, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(await directory.createUser(principalOf(req), req.body)),
  );
  app.get(
    '/api/v1/users/:id',
    { schema: { tags, summary: 'One user', params: IdParams, response: { 200: User, ...errorResponses } } },
    async (req) => directory.getUser(principalOf(req), req.params.id),
  );
}
