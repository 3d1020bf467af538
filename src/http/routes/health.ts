/** Liveness and readiness, for load balancers and orchestrators. Anonymous. */
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { tocsinError } from '../../core/errors/errors.js';
import type { Store } from '../../store/store.js';

export function healthRoutes(app: FastifyInstance, store: Store): void {
  const Status = Type.Object({ status: Type.String() });
  app.get(
    '/healthz',
    {
      config: { auth: 'anonymous' },
      schema: { tags: ['health'], summary: 'The process is up', response: { 200: Status } },
    },
    () => ({ status: 'ok' }),
  );
  app.get(
    '/readyz',
    {
      config: { auth: 'anonymous' },
      schema: {
        tags: ['health'],
        summary: 'The store answers',
        response: { 200: Status, 503: Type.Ref('Error') },
      },
    },
    async () => {
      try {
        await store.ping();
      } catch (e) {
        throw tocsinError('TOCSIN_ERR_STORE_UNAVAILABLE', 'the store does not answer', { cause: e });
      }
      return { status: 'ready' };
    },
  );
}
