/** `/api/v1/reports`: citizens report scams (anonymous allowed, rate-limited); the operating centre triages. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { CATEGORIES } from '../../core/indicators/indicator.js';
import { OBSERVABLE_KINDS } from '../../core/observables/observable-value.js';
import { CHANNELS } from '../../core/reports/report.js';
import type { ReportService } from '../../services/report-service.js';
import { principalOf } from '../auth.js';
import type { RateLimits } from '../rate-limit.js';
import { errorResponses, IdParams, listing, literals, PageQuery } from '../schemas.js';

const Kind = literals(OBSERVABLE_KINDS);

export const ReportSchema = Type.Object(
  {
    id: Type.String(),
    kind: Type.String(),
    value: Type.String(),
    canonical: Type.String(),
    channel: Type.String(),
    description: Type.String(),
    contact: Type.Union([Type.String(), Type.Null()]),
    occurredAt: Type.Union([Type.String(), Type.Null()]),
    reporter: Type.String({ description: 'a keyed hash: equal for the same reporter' }),
    reporterOrgId: Type.Union([Type.String(), Type.Null()]),
    status: literals(['pending', 'confirmed', 'rejected'] as const),
    indicatorId: Type.Union([Type.String(), Type.Null()]),
    triagedBy: Type.Union([Type.String(), Type.Null()]),
    triagedAt: Type.Union([Type.String(), Type.Null()]),
    triageNote: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String(),
  },
  { $id: 'Report', title: 'Report' },
);

export function reportRoutes(root: FastifyInstance, reports: ReportService, limits: RateLimits): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['reports'];
  const R = Type.Ref('Report');

  app.post(
    '/api/v1/reports',
    {
      config: { auth: 'optional', rateLimit: limits.anonymous },
      schema: {
        tags,
        summary:
          'Report a scam: the number, account, link or QR payload, and what happened. No account needed.',
        body: Type.Object(
          {
            value: Type.String({ minLength: 1, maxLength: 8192 }),
            kind: Type.Optional(Kind),
            channel: Type.Optional(literals(CHANNELS)),
            description: Type.String({ minLength: 1, maxLength: 5000, description: 'what happened' }),
            contact: Type.Optional(
              Type.String({ maxLength: 200, description: 'optional: how the centre may reach you' }),
            ),
            occurredAt: Type.Optional(Type.String({ maxLength: 40 })),
          },
          { additionalProperties: false },
        ),
        response: {
          202: Type.Object({
            id: Type.String(),
            status: Type.String(),
            kind: Type.String(),
            canonical: Type.String(),
            message: Type.String(),
          }),
          ...errorResponses,
          429: Type.Ref('Error'),
        },
      },
    },
    async (req, reply) => {
      const reporter = req.principal === undefined ? { clientAddress: req.ip } : { principal: req.principal };
      const r = await reports.submit(reporter, req.body);
      return reply.status(202).send({
        id: r.id,
        status: r.status,
        kind: r.kind,
        canonical: r.canonical,
        message:
          'Thank you. Your report waits for an analyst of the national centre; other reports of the same value add up.',
      });
    },
  );

  app.get(
    '/api/v1/reports',
    {
      schema: {
        tags,
        summary: "The triage queue (the operating centre's analysts and admins)",
        querystring: Type.Composite([
          PageQuery,
          Type.Object({
            status: Type.Optional(literals(['pending', 'confirmed', 'rejected'] as const)),
            kind: Type.Optional(Kind),
            value: Type.Optional(Type.String({ maxLength: 8192 })),
          }),
        ]),
        response: { 200: listing(R), ...errorResponses },
      },
    },
    async (req) => {
      const { limit, offset, ...filter } = req.query;
      return { ...(await reports.list(principalOf(req), filter, { limit, offset })), limit, offset };
    },
  );

  app.get(
    '/api/v1/reports/:id',
    { schema: { tags, summary: 'One report', params: IdParams, response: { 200: R, ...errorResponses } } },
    async (req) => reports.get(principalOf(req), req.params.id),
  );

  app.post(
    '/api/v1/reports/:id/confirm',
    {
      schema: {
        tags,
        summary:
          'Confirm a report into an indicator of the operating centre; every pending report of the same value is closed with it',
        params: IdParams,
        body: Type.Object(
          {
            categories: Type.Array(literals(CATEGORIES), { minItems: 1, maxItems: 16 }),
            confidence: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
            tlp: Type.Optional(
              Type.String({ description: 'default clear: a confirmed citizen report warns everyone' }),
            ),
            description: Type.Optional(Type.String({ maxLength: 10_000 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ report: R, indicator: Type.Ref('Indicator'), closed: Type.Integer() }),
          ...errorResponses,
        },
      },
    },
    async (req) => reports.confirm(principalOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/reports/:id/reject',
    {
      schema: {
        tags,
        summary: 'Reject a report',
        params: IdParams,
        body: Type.Object(
          { note: Type.Optional(Type.String({ maxLength: 5000 })) },
          { additionalProperties: false },
        ),
        response: { 200: R, ...errorResponses },
      },
    },
    async (req) => reports.reject(principalOf(req), req.params.id, req.body.note),
  );
}
