/** `/api/v1/indicators`: file, search, read, change and revoke indicators. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { CATEGORIES } from '../../core/indicators/indicator.js';
import {
  OBSERVABLE_KINDS,
  parseAnyObservable,
  parseObservable,
} from '../../core/observables/observable-value.js';
import { TLP_LEVELS } from '../../core/sharing/tlp.js';
import { tocsinError } from '../../core/errors/errors.js';
import type { IndicatorService } from '../../services/indicator-service.js';
import { viewerOf } from '../../services/indicator-service.js';
import { MAX_BATCH } from '../../services/check-service.js';
import { principalOf } from '../auth.js';
import { errorBody } from '../error-handler.js';
import { errorResponses, IdParams, listing, literals, PageQuery } from '../schemas.js';

const Kind = literals(OBSERVABLE_KINDS);
const DateTime = Type.String({ description: 'ISO 8601 date-time', maxLength: 40 });

const Recipients = Type.Array(Type.String({ maxLength: 120 }), {
  maxItems: 100,
  description:
    'organization ids and sharing groups (group:<id>) it is shared with beyond its TLP level: AMBER+STRICT and RED reach only these, the owner and the centre',
});

export const IndicatorInput = Type.Object(
  {
    kind: Type.Optional(Kind),
    value: Type.String({
      minLength: 1,
      maxLength: 8192,
      description: 'As you would write it: 0912 345 678, VCB:0123456789, hxxp://evil[.]example/login',
    }),
    categories: Type.Array(literals(CATEGORIES), { minItems: 1, maxItems: 16 }),
    confidence: Type.Optional(Type.Integer({ minimum: 0, maximum: 100, description: 'default 75' })),
    tlp: Type.Optional(Type.String({ description: 'clear, green, amber (default), amber+strict or red' })),
    recipients: Type.Optional(Recipients),
    validFrom: Type.Optional(DateTime),
    validUntil: Type.Optional(Type.Union([DateTime, Type.Null()])),
    firstSeen: Type.Optional(DateTime),
    lastSeen: Type.Optional(DateTime),
    description: Type.Optional(Type.String({ maxLength: 10_000 })),
  },
  { additionalProperties: false },
);

export const Indicator = Type.Object(
  {
    id: Type.String(),
    kind: Kind,
    value: Type.String(),
    canonical: Type.String(),
    categories: Type.Array(Type.String()),
    confidence: Type.Integer(),
    sourceOrgId: Type.String(),
    createdBy: Type.Union([Type.String(), Type.Null()]),
    tlp: literals(TLP_LEVELS),
    recipients: Type.Array(Type.String()),
    validFrom: Type.String(),
    validUntil: Type.Union([Type.String(), Type.Null()]),
    firstSeen: Type.Union([Type.String(), Type.Null()]),
    lastSeen: Type.Union([Type.String(), Type.Null()]),
    description: Type.Union([Type.String(), Type.Null()]),
    revokedAt: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String(),
    updatedAt: Type.String(),
  },
  { $id: 'Indicator', title: 'Indicator' },
);

const Patch = Type.Object(
  {
    categories: Type.Optional(Type.Array(literals(CATEGORIES), { minItems: 1, maxItems: 16 })),
    confidence: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    tlp: Type.Optional(Type.String()),
    recipients: Type.Optional(Recipients),
    validUntil: Type.Optional(Type.Union([DateTime, Type.Null()])),
    lastSeen: Type.Optional(DateTime),
    description: Type.Optional(Type.Union([Type.String({ maxLength: 10_000 }), Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);

const FileResult = Type.Union([
  Type.Object({
    outcome: literals(['created', 'updated', 'unchanged'] as const),
    indicator: Type.Ref('Indicator'),
  }),
  Type.Object({ index: Type.Integer(), value: Type.String(), error: Type.Ref('Error') }),
]);

const Search = Type.Composite([
  PageQuery,
  Type.Object({
    kind: Type.Optional(Kind),
    value: Type.Optional(
      Type.String({ maxLength: 8192, description: 'any spelling: it is canonicalized first' }),
    ),
    contains: Type.Optional(
      Type.String({ minLength: 2, maxLength: 200, description: 'substring of the canonical value' }),
    ),
    category: Type.Optional(literals(CATEGORIES)),
    sourceOrgId: Type.Optional(Type.String({ maxLength: 100 })),
    status: Type.Optional(literals(['active', 'revoked', 'all'] as const)),
    cursor: Type.Optional(
      Type.String({
        maxLength: 1024,
        pattern: '^[A-Za-z0-9_.-]+$',
        description: "the previous page's `next`: the page after it, unchanged by indicators filed since",
      }),
    ),
  }),
]);

/** A page of indicators: `next`, when present, is the cursor of the page after this one. */
const IndicatorPage = Type.Composite([
  listing(Type.Ref('Indicator')),
  Type.Object({ next: Type.Optional(Type.String()) }),
]);

export function indicatorRoutes(root: FastifyInstance, indicators: IndicatorService): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['indicators'];
  const Ind = Type.Ref('Indicator');

  app.post(
    '/api/v1/indicators',
    {
      schema: {
        tags,
        summary: `File one indicator, or an array of up to ${MAX_BATCH}; a repeat from your organization enriches the existing one`,
        body: Type.Union([IndicatorInput, Type.Array(IndicatorInput, { maxItems: MAX_BATCH })]),
        response: {
          200: Type.Object({ results: Type.Array(FileResult) }),
          201: Type.Object({ results: Type.Array(FileResult) }),
          ...errorResponses,
          413: Type.Ref('Error'),
        },
      },
    },
    async (req, reply) => {
      const items = Array.isArray(req.body) ? req.body : [req.body];
      const results = await indicators.file(principalOf(req), items);
      const out = results.map((r, index) =>
        r.ok
          ? { outcome: r.outcome, indicator: r.indicator }
          : { index, value: items[index]!.value, error: errorBody(r.error) },
      );
      // A single indicator that failed answers with its own error, as any single-object endpoint would.
      const only = results[0];
      if (!Array.isArray(req.body) && only !== undefined && !only.ok) throw only.error;
      return reply
        .status(results.some((r) => r.ok && r.outcome === 'created') ? 201 : 200)
        .send({ results: out });
    },
  );

  app.get(
    '/api/v1/indicators',
    {
      schema: {
        tags,
        summary: 'Search the indicators you may see (TLP), newest first; page with `cursor` (or `offset`)',
        querystring: Search,
        response: { 200: IndicatorPage, ...errorResponses },
      },
    },
    async (req) => {
      const p = principalOf(req);
      const { limit, offset, value, cursor, ...rest } = req.query;
      if (cursor !== undefined && offset > 0)
        throw tocsinError('TOCSIN_ERR_BAD_REQUEST', 'cursor and offset: give one or the other');
      let canonical: string | undefined;
      let kind = rest.kind;
      if (value !== undefined) {
        const v = kind === undefined ? parseAnyObservable(value) : parseObservable(kind, value);
        if (!v.ok) throw tocsinError('TOCSIN_ERR_INVALID_VALUE', v.error);
        canonical = v.value.canonical;
        kind = v.value.kind;
      }
      const r = await indicators.search(viewerOf(p), { ...rest, kind, canonical }, { limit, offset, cursor });
      return { ...r, limit, offset };
    },
  );

  app.get(
    '/api/v1/indicators/:id',
    {
      schema: { tags, summary: 'One indicator', params: IdParams, response: { 200: Ind, ...errorResponses } },
    },
    async (req) => indicators.get(viewerOf(principalOf(req)), req.params.id),
  );

  app.patch(
    '/api/v1/indicators/:id',
    {
      schema: {
        tags,
        summary: "Change an indicator's categories, confidence, TLP, validity, sighting or description",
        params: IdParams,
        body: Patch,
        response: { 200: Ind, ...errorResponses },
      },
    },
    async (req) => {
      const p = principalOf(req);
      return indicators.update(p, viewerOf(p), req.params.id, req.body);
    },
  );

  app.delete(
    '/api/v1/indicators/:id',
    {
      schema: {
        tags,
        summary: 'Revoke an indicator: it stops matching at once and stays on record',
        params: IdParams,
        response: { 200: Ind, ...errorResponses },
      },
    },
    async (req) => {
      const p = principalOf(req);
      return indicators.revoke(p, viewerOf(p), req.params.id);
    },
  );
}
