/** `/api/v1/audit`: the audit trail and its verification, for the operating centre's admins. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { isPlatformAdmin } from '../../core/auth/principal.js';
import { tocsinError } from '../../core/errors/errors.js';
import type { AuditService } from '../../services/audit-service.js';
import { principalOf } from '../auth.js';
import { errorResponses, PageQuery } from '../schemas.js';

export function auditRoutes(root: FastifyInstance, audit: AuditService): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['audit'];
  app.get(
    '/api/v1/audit',
    {
      schema: {
        tags,
        summary: 'Audit entries, newest first',
        querystring: PageQuery,
        response: {
          200: Type.Object({
            items: Type.Array(Type.Ref('AuditEntry')),
            limit: Type.Integer(),
            offset: Type.Integer(),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => ({ items: await audit.list(principalOf(req), req.query), ...req.query }),
  );
  app.get(
    '/api/v1/audit/verify',
    {
      schema: {
        tags,
        summary: 'Walk the hash chain and name the first entry that was changed or removed',
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            entries: Type.Integer(),
            seq: Type.Optional(Type.Integer()),
            problem: Type.Optional(Type.String()),
            message: Type.Optional(Type.String()),
            headHash: Type.Optional(Type.String()),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      if (!isPlatformAdmin(principalOf(req)))
        throw tocsinError(
          'TOCSIN_ERR_FORBIDDEN',
          'only an admin of the operating centre may verify the audit trail',
        );
      return audit.verify();
    },
  );
}
