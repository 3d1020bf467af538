/** Rate limits for anonymous callers: per client address, members exempt. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { tocsinError } from '../core/errors/errors.js';

export interface RateLimits {
  /** The route config that limits anonymous callers. */
  readonly anonymous: {
    readonly max: number;
    readonly timeWindow: number;
    readonly hook: 'preHandler';
    readonly allowList: (req: FastifyRequest) => boolean;
  };
  readonly qrMaxBytes: number;
}

export async function installRateLimit(
  app: FastifyInstance,
  opts: { anonymousPerMinute: number; qrMaxBytes: number },
): Promise<RateLimits> {
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) =>
      tocsinError(
        'TOCSIN_ERR_RATE_LIMITED',
        `at most ${ctx.max} requests a minute from one address without an API key; retry in ${Math.ceil(ctx.ttl / 1000)} s`,
      ),
  });
  return {
    // After authentication (onRequest), so that members, who are known, are not counted.
    anonymous: {
      max: opts.anonymousPerMinute,
      timeWindow: 60_000,
      hook: 'preHandler',
      allowList: (req) => req.principal !== undefined,
    },
    qrMaxBytes: opts.qrMaxBytes,
  };
}
