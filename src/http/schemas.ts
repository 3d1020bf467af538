/** JSON schemas shared by the routes: they validate requests, shape responses and generate the OpenAPI document. */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { ORG_KINDS, SECTORS } from '../core/directory/organization.js';
import { ROLES } from '../core/directory/user.js';

/** A string from a fixed list, written as a JSON-schema `enum` (what OpenAPI readers show best). */
export const literals = <T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });

export const ErrorBody = Type.Object(
  {
    statusCode: Type.Integer(),
    code: Type.String({ description: 'A code from docs/errors.md, e.g. TOCSIN_ERR_VALIDATION' }),
    error: Type.String({ description: 'The HTTP reason phrase' }),
    message: Type.String(),
    details: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  },
  { $id: 'Error', title: 'Error' },
);

/** The error responses every authenticated route may give. */
export const errorResponses = {
  400: Type.Ref(ErrorBody),
  401: Type.Ref(ErrorBody),
  403: Type.Ref(ErrorBody),
  404: Type.Ref(ErrorBody),
  409: Type.Ref(ErrorBody),
} as const;

export const PageQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
});

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

export function listing<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    limit: Type.Integer(),
    offset: Type.Integer(),
  });
}

export const Org = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    country: Type.String({ description: 'ISO 3166-1 alpha-2' }),
    sector: literals(SECTORS),
    kind: literals(ORG_KINDS),
    isOperator: Type.Boolean(),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Organization', title: 'Organization' },
);

export const NewOrg = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    country: Type.String({ pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2, e.g. VN' }),
    sector: literals(SECTORS),
    kind: literals(ORG_KINDS),
  },
  { additionalProperties: false },
);
export type NewOrgBody = Static<typeof NewOrg>;

export const OrgPatch = Type.Partial(NewOrg, { additionalProperties: false, minProperties: 1 });

export const User = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    orgId: Type.String({ format: 'uuid' }),
    name: Type.String(),
    email: Type.String(),
    role: literals(ROLES),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'User', title: 'User' },
);

export const NewUser = Type.Object(
  {
    orgId: Type.String({ minLength: 1, maxLength: 100 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    email: Type.String({ minLength: 3, maxLength: 254 }),
    role: literals(ROLES),
  },
  { additionalProperties: false },
);

export const ApiKey = Type.Object(
  {
    id: Type.String(),
    userId: Type.String(),
    name: Type.String(),
    hint: Type.String({ description: 'The key with its secret left out' }),
    createdAt: Type.String({ format: 'date-time' }),
    lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { $id: 'ApiKey', title: 'ApiKey' },
);

export const NewApiKey = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, description: 'What the key is for' }),
    userId: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Default: yourself' })),
  },
  { additionalProperties: false },
);

export const CreatedApiKey = Type.Intersect([
  Type.Ref(ApiKey),
  Type.Object({
    key: Type.String({ description: 'The whole key. Shown this once; only its hash is stored.' }),
  }),
]);

export const AuditEntry = Type.Object(
  {
    seq: Type.Integer(),
    at: Type.String({ format: 'date-time' }),
    actorUserId: Type.Union([Type.String(), Type.Null()]),
    actorOrgId: Type.Union([Type.String(), Type.Null()]),
    action: Type.String(),
    objectType: Type.String(),
    objectId: Type.String(),
    beforeDigest: Type.Union([Type.String(), Type.Null()]),
    afterDigest: Type.Union([Type.String(), Type.Null()]),
    prevHash: Type.String(),
    hash: Type.String(),
  },
  { $id: 'AuditEntry', title: 'AuditEntry' },
);

export const SHARED_SCHEMAS = [ErrorBody, Org, User, ApiKey, AuditEntry] as const;
