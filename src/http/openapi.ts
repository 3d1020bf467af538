/** The OpenAPI 3 document, generated from the route schemas, and an interactive page to try the API. */
import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';

/** Registers the generator; call before any route is added so that every route is in the document. */
export async function installOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Tocsin API',
        version,
        description:
          'National cyber early-warning, anti-fraud and threat-sharing platform. Authenticate with `Authorization: Bearer <key>` or HTTP Basic with the key as password. Errors are `{ statusCode, code, error, message }`; the codes are listed in docs/errors.md.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An API key: tsn_<id>_<secret>' },
          basic: { type: 'http', scheme: 'basic', description: 'Any user name, the API key as password' },
        },
      },
      security: [{ bearer: [] }, { basic: [] }],
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) =>
        typeof json['$id'] === 'string' ? json['$id'] : `def-${i}`,
    },
  });
}

/** Serves the document at /api/openapi.json and the docs page at /api/docs, both public. */
export async function installDocsRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/openapi.json', { config: { auth: 'anonymous' }, schema: { hide: true } }, () =>
    app.swagger(),
  );
  await app.register(async (docs) => {
    // The page's own routes are the plugin's; mark them public here rather than special-casing URLs in auth.
    docs.addHook('onRoute', (route) => {
      route.config = { ...route.config, auth: 'anonymous' };
    });
    await docs.register(swaggerUi, { routePrefix: '/api/docs' });
  });
}
