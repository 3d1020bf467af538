/**
 * The TAXII 2.1 server (`/taxii2/`) as an encapsulated fastify plugin, with its own media types, body
 * reading and error body (TAXII's, section 3.6.1, carrying the `TOCSIN_ERR_…` code in `error_code`); and
 * the admin API of its collections (`/api/v1/taxii/collections`), which is an ordinary Tocsin route.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { tocsinError } from '../../core/errors/errors.js';
import { TLP_LEVELS } from '../../core/sharing/tlp.js';
import type { TaxiiCollection } from '../../core/taxii/collection.js';
import { taxiiErrorBody } from '../../core/taxii/error-body.js';
import type { RawQuery } from '../../core/taxii/filters.js';
import { acceptsTaxii, isTaxiiContentType, TAXII_MEDIA_TYPE } from '../../core/taxii/media-type.js';
import type { StixObjectText, StoredStixObject } from '../../core/taxii/records.js';
import {
  apiRootResource,
  collectionResource,
  manifestRecord,
  statusResource,
} from '../../core/taxii/resources.js';
import { viewerOf } from '../../services/indicator-service.js';
import type { TaxiiPage, TaxiiService } from '../../services/taxii-service.js';
import { principalOf } from '../auth.js';
import { toTocsinError } from '../error-handler.js';
import { errorResponses, literals } from '../schemas.js';

export const TAXII_PREFIX = '/taxii2';
/** The one API root, under the prefix. */
export const API_ROOT = 'api';

export interface TaxiiOptions {
  /** The API root's `max_content_length`: the app's body limit. */
  readonly maxContentLength: number;
}

function send(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  // A Buffer, so that fastify leaves the media type as TAXII spells it (no charset, no quotes).
  return reply
    .status(status)
    .header('content-type', TAXII_MEDIA_TYPE)
    .send(Buffer.from(JSON.stringify(body)));
}

/** A page as TAXII sends it: `more`, `next`, the list when not empty, and the date-added headers. */
function sendPage<T>(
  reply: FastifyReply,
  page: TaxiiPage<StoredStixObject>,
  list: string,
  item: (o: StoredStixObject) => T,
) {
  if (page.firstAdded !== undefined) void reply.header('X-TAXII-Date-Added-First', page.firstAdded);
  if (page.lastAdded !== undefined) void reply.header('X-TAXII-Date-Added-Last', page.lastAdded);
  return send(reply, 200, {
    more: page.more,
    ...(page.next === undefined ? {} : { next: page.next }),
    ...(page.items.length === 0 ? {} : { [list]: page.items.map(item) }),
  });
}

/**
 * A page of objects: the stored JSON text of each object spliced into the envelope as it is (it was written
 * by JSON.stringify), rather than parsed and serialized again.
 */
function sendObjects(reply: FastifyReply, page: TaxiiPage<StixObjectText>) {
  if (page.firstAdded !== undefined) void reply.header('X-TAXII-Date-Added-First', page.firstAdded);
  if (page.lastAdded !== undefined) void reply.header('X-TAXII-Date-Added-Last', page.lastAdded);
  let body = `{"more":${page.more ? 'true' : 'false'}`;
  if (page.next !== undefined) body += `,"next":${JSON.stringify(page.next)}`;
  if (page.items.length > 0) body += `,"objects":[${page.items.map((o) => o.json).join(',')}]`;
  return reply
    .status(200)
    .header('content-type', TAXII_MEDIA_TYPE)
    .send(Buffer.from(body + '}'));
}

const query = (req: FastifyRequest) => req.query as RawQuery;
type Params = { id: string; objectId: string; statusId: string };

function baseUrl(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}${TAXII_PREFIX}/`;
}

function taxiiServer(app: FastifyInstance, taxii: TaxiiService, opts: TaxiiOptions): void {
  app.setErrorHandler((err, request, reply) => {
    const e = toTocsinError(err);
    if (e.statusCode >= 500) request.log.error({ err }, 'TAXII request failed');
    else request.log.info({ code: e.code }, e.message);
    if (e.statusCode === 401) void reply.header('WWW-Authenticate', 'Basic realm="tocsin"');
    return send(reply, e.statusCode, taxiiErrorBody(e, request.id));
  });
  app.setNotFoundHandler((request, reply) =>
    send(
      reply,
      404,
      taxiiErrorBody(
        tocsinError(
          'TOCSIN_ERR_ROUTE_NOT_FOUND',
          `no TAXII resource ${request.method} ${request.url.split('?')[0] ?? ''}`,
        ),
        request.id,
      ),
    ),
  );
  // Bodies are read as text whatever their type, so that the handler answers 415 and 422 as TAXII says.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.addHook('onRequest', (request, _reply, done) => {
    if (acceptsTaxii(request.headers.accept)) done();
    else done(tocsinError('TOCSIN_ERR_NOT_ACCEPTABLE', `cannot answer in "${request.headers.accept ?? ''}"`));
  });

  const hide = { schema: { hide: true } };
  const root = `/${API_ROOT}`;
  const col = `${root}/collections/:id`;

  app.get('/', hide, async (req, reply) => {
    principalOf(req);
    const url = `${baseUrl(req)}${API_ROOT}/`;
    return send(reply, 200, {
      title: 'Tocsin TAXII 2.1',
      description: 'Threat intelligence shared through Tocsin, under TLP 2.0.',
      default: url,
      api_roots: [url],
    });
  });

  app.get(`${root}/`, hide, async (req, reply) => {
    principalOf(req);
    return send(
      reply,
      200,
      apiRootResource({
        title: 'Tocsin',
        description: 'Collections of STIX 2.1 objects shared by the member organizations.',
        maxContentLength: opts.maxContentLength,
      }),
    );
  });

  app.get<{ Params: Params }>(`${root}/status/:statusId/`, hide, async (req, reply) =>
    send(reply, 200, statusResource(await taxii.status(principalOf(req), req.params.statusId))),
  );

  app.get(`${root}/collections/`, hide, async (req, reply) => {
    const p = principalOf(req);
    const list = await taxii.collections(p);
    const viewer = viewerOf(p);
    return send(
      reply,
      200,
      list.length === 0 ? {} : { collections: list.map((c) => collectionResource(c, viewer)) },
    );
  });

  app.get<{ Params: Params }>(`${col}/`, hide, async (req, reply) => {
    const p = principalOf(req);
    return send(reply, 200, collectionResource(await taxii.collection(p, req.params.id), viewerOf(p)));
  });

  app.get<{ Params: Params }>(`${col}/manifest/`, hide, async (req, reply) =>
    sendPage(
      reply,
      await taxii.manifest(principalOf(req), req.params.id, query(req)),
      'objects',
      manifestRecord,
    ),
  );

  app.get<{ Params: Params }>(`${col}/objects/`, hide, async (req, reply) =>
    sendObjects(reply, await taxii.objects(principalOf(req), req.params.id, query(req))),
  );

  app.post<{ Params: Params }>(`${col}/objects/`, hide, async (req, reply) => {
    const p = principalOf(req);
    // Permission first: a caller who may not write learns nothing from how its body was read.
    await taxii.collection(p, req.params.id);
    if (!isTaxiiContentType(req.headers['content-type']))
      throw tocsinError(
        'TOCSIN_ERR_UNSUPPORTED_MEDIA_TYPE',
        `the body must be ${TAXII_MEDIA_TYPE}, not "${req.headers['content-type'] ?? ''}"`,
      );
    let envelope: unknown;
    try {
      envelope = JSON.parse(typeof req.body === 'string' ? req.body : '');
    } catch (e) {
      throw tocsinError('TOCSIN_ERR_UNPROCESSABLE', `the body is not JSON: ${(e as Error).message}`, {
        cause: e,
      });
    }
    return send(reply, 202, statusResource(await taxii.add(p, req.params.id, envelope)));
  });

  app.get<{ Params: Params }>(`${col}/objects/:objectId/`, hide, async (req, reply) =>
    sendObjects(reply, await taxii.object(principalOf(req), req.params.id, req.params.objectId, query(req))),
  );

  app.delete<{ Params: Params }>(`${col}/objects/:objectId/`, hide, async (req, reply) => {
    await taxii.remove(principalOf(req), req.params.id, req.params.objectId, query(req));
    return reply.status(200).header('content-type', TAXII_MEDIA_TYPE).send(Buffer.alloc(0));
  });

  app.get<{ Params: Params }>(`${col}/objects/:objectId/versions/`, hide, async (req, reply) =>
    sendPage(
      reply,
      await taxii.versions(principalOf(req), req.params.id, req.params.objectId, query(req)),
      'versions',
      (o) => o.version,
    ),
  );
}

// ── admin API ─────────────────────────────────────────────────────────────────────────────────────────

const Access = Type.Union(
  [
    literals(['members', 'operator'] as const),
    Type.Array(Type.String({ format: 'uuid' }), { maxItems: 1000, description: 'organization ids' }),
  ],
  { description: 'members, operator, or a list of organization ids (the operating centre always may)' },
);

const CollectionBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
    alias: Type.Optional(Type.Union([Type.String({ maxLength: 63 }), Type.Null()])),
    read: Access,
    write: Access,
    defaultTlp: Type.Optional(literals(TLP_LEVELS)),
  },
  { additionalProperties: false },
);

const CollectionPatch = Type.Partial(CollectionBody, { additionalProperties: false, minProperties: 1 });

const CollectionSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  alias: Type.Union([Type.String(), Type.Null()]),
  read: Access,
  write: Access,
  defaultTlp: literals(TLP_LEVELS),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const access = (a: TaxiiCollection['read']): 'members' | 'operator' | string[] =>
  typeof a === 'string' ? a : [...a];
const out = (c: TaxiiCollection) => ({ ...c, read: access(c.read), write: access(c.write) });

function adminRoutes(root: FastifyInstance, taxii: TaxiiService): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['taxii'];
  const IdParams = Type.Object({ id: Type.String({ maxLength: 100 }) });
  app.get(
    '/api/v1/taxii/collections',
    {
      schema: {
        tags,
        summary: 'Every TAXII collection, with who may read and write it (admins of the operating centre)',
        response: { 200: Type.Object({ items: Type.Array(CollectionSchema) }), ...errorResponses },
      },
    },
    async (req) => ({ items: (await taxii.allCollections(principalOf(req))).map(out) }),
  );
  app.post(
    '/api/v1/taxii/collections',
    {
      schema: {
        tags,
        summary: 'Create a TAXII collection',
        body: CollectionBody,
        response: { 201: CollectionSchema, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(out(await taxii.createCollection(principalOf(req), req.body))),
  );
  app.patch(
    '/api/v1/taxii/collections/:id',
    {
      schema: {
        tags,
        summary: "Change a TAXII collection's title, description, alias, readers, writers or default TLP",
        params: IdParams,
        body: CollectionPatch,
        response: { 200: CollectionSchema, ...errorResponses },
      },
    },
    async (req) => out(await taxii.updateCollection(principalOf(req), req.params.id, req.body)),
  );
}

/** Mounts the TAXII server under `/taxii2/` and the collections' admin API. */
export async function taxiiRoutes(
  app: FastifyInstance,
  taxii: TaxiiService,
  opts: TaxiiOptions,
): Promise<void> {
  adminRoutes(app, taxii);
  await app.register(
    (child, _opts, done) => {
      taxiiServer(child, taxii, opts);
      done();
    },
    { prefix: TAXII_PREFIX },
  );
}
