/**
 * `/api/v1/scan/rules`: the content rules in force, their history, edits by the operating centre's analysts
 * (each a new version, audited), and `POST /api/v1/scan/rules/test` to try rules on sample messages before
 * they go live. `/api/v1/scan/stats`: the scanner's daily counts for the dashboards.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { CATEGORIES } from '../../core/indicators/indicator.js';
import { tocsinError } from '../../core/errors/errors.js';
import { TLP_LEVELS } from '../../core/sharing/tlp.js';
import { viewerOf } from '../../services/indicator-service.js';
import type { ScanCounts } from '../../services/scan-counts.js';
import type { RuleInput, ScanRuleService } from '../../services/scan-rules-service.js';
import type { ScanService } from '../../services/scan-service.js';
import { principalOf } from '../auth.js';
import { errorResponses, literals } from '../schemas.js';
import { Message, Result } from './scan.js';

/** Most sample messages a rule test takes: it is for trying a rule, not for scanning. */
export const MAX_TEST_MESSAGES = 1_000;

const RuleId = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$', description: 'a-z, 0-9 and -' });

const RuleBody = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  category: literals(CATEGORIES),
  weight: Type.Number({ minimum: 0, maximum: 100, description: 'how much a hit says "scam", 0–100' }),
  tlp: Type.Optional(literals(TLP_LEVELS)),
  enabled: Type.Optional(Type.Boolean()),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  when: Type.Unknown({
    description:
      'a condition tree: { any: [...] }, { all: [...] }, { not: c }, { phrases: [...] }, { regex: "…" }, { has: "link" }, { ref: "phrase-set" } (docs/scan-rules.md)',
  }),
};

const RuleWrite = Type.Object(
  {
    ...RuleBody,
    baseVersion: Type.Optional(
      Type.Integer({ minimum: 0, description: 'the version this edit is based on (optimistic locking)' }),
    ),
  },
  { additionalProperties: false },
);

const RuleOut = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  name: Type.String(),
  category: Type.String(),
  weight: Type.Number(),
  tlp: Type.String(),
  enabled: Type.Boolean(),
  description: Type.String(),
  when: Type.Unknown(),
  source: Type.String({ description: 'starter (shipped with Tocsin) or custom' }),
  ownerOrgId: Type.String(),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
});

const Params = Type.Object({ id: RuleId });

/** The body a writer sends, with the defaults of a new rule filled in. */
function ruleInput(b: {
  name: string;
  category: RuleInput['category'];
  weight: number;
  tlp?: RuleInput['tlp'] | undefined;
  enabled?: boolean | undefined;
  description?: string | undefined;
  when: unknown;
  baseVersion?: number | undefined;
}): RuleInput {
  return {
    name: b.name,
    category: b.category,
    weight: b.weight,
    tlp: b.tlp ?? 'green',
    enabled: b.enabled ?? true,
    description: b.description ?? '',
    when: b.when as RuleInput['when'],
    baseVersion: b.baseVersion,
  };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function scanRuleRoutes(
  root: FastifyInstance,
  deps: { rules: ScanRuleService; scan: ScanService; counts: ScanCounts },
): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['scan'];

  app.get(
    '/api/v1/scan/rules',
    {
      schema: {
        tags,
        summary: 'The content rules in force (starter and custom, enabled or not) that you may see',
        response: { 200: Type.Object({ rules: Type.Array(RuleOut) }), ...errorResponses },
      },
    },
    (req) => ({ rules: deps.rules.list(viewerOf(principalOf(req))) }),
  );

  app.get(
    '/api/v1/scan/rules/:id',
    {
      schema: {
        tags,
        summary: 'One content rule',
        params: Params,
        response: { 200: RuleOut, ...errorResponses },
      },
    },
    (req) => deps.rules.get(viewerOf(principalOf(req)), req.params.id),
  );

  app.get(
    '/api/v1/scan/rules/:id/versions',
    {
      schema: {
        tags,
        summary: 'Every stored version of a rule, oldest first; a deleted rule ends with a tombstone',
        params: Params,
        response: {
          200: Type.Object({
            versions: Type.Array(
              Type.Object({
                version: Type.Integer(),
                deleted: Type.Boolean(),
                rule: Type.Optional(Type.Unknown()),
                at: Type.String(),
                by: Type.Union([Type.String(), Type.Null()]),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => ({ versions: await deps.rules.versions(viewerOf(principalOf(req)), req.params.id) }),
  );

  app.put(
    '/api/v1/scan/rules/:id',
    {
      schema: {
        tags,
        summary:
          "Create a rule, or write a new version of one (a starter rule too); the operating centre's analysts and admins",
        params: Params,
        body: RuleWrite,
        response: { 200: RuleOut, ...errorResponses, 409: Type.Ref('Error'), 422: Type.Ref('Error') },
      },
    },
    (req) => deps.rules.put(principalOf(req), req.params.id, ruleInput(req.body)),
  );

  app.delete(
    '/api/v1/scan/rules/:id',
    {
      schema: {
        tags,
        summary: 'Delete a rule (a starter rule too): its history is kept, ending with a tombstone',
        params: Params,
        querystring: Type.Object(
          { baseVersion: Type.Optional(Type.Integer({ minimum: 0 })) },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null({ description: 'deleted' }), ...errorResponses, 409: Type.Ref('Error') },
      },
    },
    async (req, reply) => {
      await deps.rules.delete(principalOf(req), req.params.id, req.query.baseVersion);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/scan/rules/test',
    {
      schema: {
        tags,
        summary: `Try rules on up to ${MAX_TEST_MESSAGES} sample messages before they go live: candidates replace the rules of the same id (or are added); nothing is written or counted`,
        body: Type.Object(
          {
            rules: Type.Optional(
              Type.Array(Type.Object({ id: RuleId, ...RuleBody }, { additionalProperties: false }), {
                maxItems: 100,
              }),
            ),
            messages: Type.Array(Message, { minItems: 1 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            candidates: Type.Array(Type.String(), { description: 'the ids of the rules under test' }),
            results: Type.Array(Result),
          }),
          ...errorResponses,
          413: Type.Ref('Error'),
          422: Type.Ref('Error'),
        },
      },
    },
    async (req) => {
      const { messages, rules = [] } = req.body;
      if (messages.length > MAX_TEST_MESSAGES) {
        throw tocsinError(
          'TOCSIN_ERR_BATCH_TOO_LARGE',
          `a rule test takes at most ${MAX_TEST_MESSAGES} messages; this one has ${messages.length}`,
        );
      }
      const viewer = viewerOf(principalOf(req));
      const live = deps.rules.withCandidates(
        rules.map((r) => ({ id: r.id, input: ruleInput(r) })),
        viewer.kind === 'member' ? viewer.orgId : '',
      );
      return {
        candidates: rules.map((r) => r.id),
        results: await deps.scan.scan(viewer, messages, { rules: live }),
      };
    },
  );

  app.get(
    '/api/v1/scan/stats',
    {
      schema: {
        tags,
        summary:
          "Daily scan counts (messages, per verdict, flagged, flagged per category): your organization's; the operating centre sees every organization's, or one's with orgId",
        querystring: Type.Object(
          {
            from: Type.String({ pattern: DAY.source, description: 'first day, YYYY-MM-DD (UTC)' }),
            to: Type.String({ pattern: DAY.source, description: 'last day, YYYY-MM-DD (UTC), inclusive' }),
            orgId: Type.Optional(Type.String({ maxLength: 100 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            days: Type.Array(
              Type.Object({
                day: Type.String(),
                messages: Type.Integer(),
                flagged: Type.Integer(),
                verdicts: Type.Record(Type.String(), Type.Integer()),
                categories: Type.Record(Type.String(), Type.Integer()),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const p = principalOf(req);
      const { from, to, orgId } = req.query;
      if (from > to) throw tocsinError('TOCSIN_ERR_BAD_REQUEST', `from (${from}) is after to (${to})`);
      // Members see their own counts only; asking for another organization's is refused, not silently narrowed.
      if (!p.orgIsOperator && orgId !== undefined && orgId !== p.orgId) {
        throw tocsinError(
          'TOCSIN_ERR_FORBIDDEN',
          "only the operating centre sees other organizations' counts",
        );
      }
      const rows = await deps.counts.daily({
        fromDay: from,
        toDay: to,
        orgId: p.orgIsOperator ? orgId : p.orgId,
      });
      const days = new Map<
        string,
        {
          day: string;
          messages: number;
          flagged: number;
          verdicts: Record<string, number>;
          categories: Record<string, number>;
        }
      >();
      for (const r of rows) {
        let d = days.get(r.day);
        if (d === undefined) {
          d = { day: r.day, messages: 0, flagged: 0, verdicts: {}, categories: {} };
          days.set(r.day, d);
        }
        if (r.name === 'messages') d.messages += r.count;
        else if (r.name === 'flagged') d.flagged += r.count;
        else if (r.name.startsWith('verdict:')) {
          const k = r.name.slice('verdict:'.length);
          d.verdicts[k] = (d.verdicts[k] ?? 0) + r.count;
        } else if (r.name.startsWith('category:')) {
          const k = r.name.slice('category:'.length);
          d.categories[k] = (d.categories[k] ?? 0) + r.count;
        }
      }
      return { days: [...days.values()] };
    },
  );
}
