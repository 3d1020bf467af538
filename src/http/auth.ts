/**
 * Authentication: every route requires an API key (Bearer or HTTP Basic) unless its config says
 * `auth: 'anonymous'` (no key needed, none read) or `auth: 'optional'` (a key, when given, must be valid).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseAuthorization } from '../core/auth/credentials.js';
import type { Principal } from '../core/auth/principal.js';
import { tocsinError } from '../core/errors/errors.js';
import type { KeyService } from '../services/key-service.js';

export type AuthMode = 'required' | 'optional' | 'anonymous';

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: AuthMode;
  }
  interface FastifyRequest {
    principal: Principal | undefined;
  }
}

export function installAuth(app: FastifyInstance, keys: KeyService): void {
  app.decorateRequest('principal', undefined);
  app.addHook('onRequest', async (request, reply) => {
    // An unknown route answers 404 to anyone: there is nothing behind it to protect.
    if (request.is404) return;
    const mode = request.routeOptions.config.auth ?? 'required';
    if (mode === 'anonymous') return;
    const creds = parseAuthorization(request.headers.authorization);
    switch (creds.kind) {
      case 'none':
        if (mode === 'optional') return;
        void reply.header('WWW-Authenticate', 'Bearer, Basic realm="tocsin"');
        throw tocsinError(
          'TOCSIN_ERR_UNAUTHENTICATED',
          'an API key is required: Authorization: Bearer <key>, or HTTP Basic with the key as password',
        );
      case 'malformed':
        void reply.header('WWW-Authenticate', 'Bearer, Basic realm="tocsin"');
        throw tocsinError('TOCSIN_ERR_UNAUTHENTICATED', creds.reason);
      case 'key':
        request.principal = await keys.authenticate(creds.key);
        return;
    }
  });
}

/** The caller of a route that requires authentication. */
export function principalOf(request: FastifyRequest): Principal {
  const p = request.principal;
  if (p === undefined) throw tocsinError('TOCSIN_ERR_UNAUTHENTICATED');
  return p;
}
