/**
 * JSON request bodies must be UTF-8. fastify's own parser decodes the bytes as UTF-8 and quietly replaces
 * what is not (U+FFFD), so a message, a value or a rule would be checked, stored and audited as something
 * its sender never wrote. This parser refuses such a body with a coded error, then hands the text to
 * fastify's default JSON parser (its `__proto__` and `constructor` poisoning checks included).
 */
import type { FastifyInstance } from 'fastify';
import { tocsinError } from '../core/errors/errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function installJsonBodies(app: FastifyInstance): void {
  const parseText = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      done(tocsinError('TOCSIN_ERR_BAD_REQUEST', 'the body is not valid UTF-8'), undefined);
      return;
    }
    void parseText(req, text, done);
  });
}
