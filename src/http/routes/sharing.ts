/**
 * Sharing beyond TLP levels: `/api/v1/orgs/{id}/clients` (an organization's clients and constituents, whom
 * its AMBER reaches) and `/api/v1/groups` (sharing groups, named as recipients with `group:<id>`).
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { GroupView, SharingService } from '../../services/sharing-service.js';
import { principalOf } from '../auth.js';
import { errorResponses, IdParams } from '../schemas.js';

const Id = Type.String({ minLength: 1, maxLength: 100 });

const Group = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  createdAt: Type.String(),
  members: Type.Array(Type.String(), { description: 'member organization ids' }),
  recipient: Type.String({ description: 'how to name the group among recipients: group:<id>' }),
});

const view = (g: GroupView) => ({ ...g, members: [...g.members], recipient: `group:${g.id}` });

export function sharingRoutes(root: FastifyInstance, sharing: SharingService): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['sharing'];

  app.get(
    '/api/v1/orgs/:id/clients',
    {
      schema: {
        tags,
        summary: "The organization's clients and constituents: its AMBER reaches them",
        params: IdParams,
        response: { 200: Type.Object({ clients: Type.Array(Type.String()) }), ...errorResponses },
      },
    },
    async (req) => ({ clients: await sharing.clients(principalOf(req), req.params.id) }),
  );

  for (const [method, named] of [
    ['PUT', true],
    ['DELETE', false],
  ] as const) {
    app.route({
      method,
      url: '/api/v1/orgs/:id/clients/:clientId',
      schema: {
        tags,
        summary: named
          ? "Name a client or constituent (the organization's admins, or the centre's)"
          : 'Stop naming a client or constituent',
        params: Type.Object({ id: Id, clientId: Id }),
        response: { 204: Type.Null({ description: 'done' }), ...errorResponses },
      },
      handler: async (req, reply) => {
        const p = req.params;
        await sharing.setClient(principalOf(req), p.id, p.clientId, named);
        return reply.status(204).send(null);
      },
    });
  }

  app.get(
    '/api/v1/groups',
    {
      schema: {
        tags,
        summary:
          "Sharing groups: all for the centre's admins, the ones your organization belongs to otherwise",
        response: { 200: Type.Object({ items: Type.Array(Group) }), ...errorResponses },
      },
    },
    async (req) => ({ items: (await sharing.listGroups(principalOf(req))).map(view) }),
  );

  app.post(
    '/api/v1/groups',
    {
      schema: {
        tags,
        summary: "Create a sharing group (the centre's admins)",
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 200 }),
            description: Type.Optional(Type.String({ maxLength: 2000 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Group, ...errorResponses, 409: Type.Ref('Error') },
      },
    },
    async (req, reply) => reply.status(201).send(view(await sharing.createGroup(principalOf(req), req.body))),
  );

  app.get(
    '/api/v1/groups/:id',
    {
      schema: {
        tags,
        summary: 'One sharing group',
        params: IdParams,
        response: { 200: Group, ...errorResponses },
      },
    },
    async (req) => view(await sharing.getGroup(principalOf(req), req.params.id)),
  );

  for (const [method, member] of [
    ['PUT', true],
    ['DELETE', false],
  ] as const) {
    app.route({
      method,
      url: '/api/v1/groups/:id/members/:orgId',
      schema: {
        tags,
        summary: member
          ? "Add an organization to a group (the centre's admins)"
          : 'Remove an organization from a group',
        params: Type.Object({ id: Id, orgId: Id }),
        response: { 204: Type.Null({ description: 'done' }), ...errorResponses },
      },
      handler: async (req, reply) => {
        const p = req.params;
        await sharing.setMember(principalOf(req), p.id, p.orgId, member);
        return reply.status(204).send(null);
      },
    });
  }
}
