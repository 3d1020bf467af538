/**
 * The NATS protocol text the scan bus writes and reads itself rather than through the client's per-message
 * calls: a batch of verdicts as `HPUB` frames in one buffer, and the fields of a JetStream reply subject.
 */
import { tocsinError } from '../../core/errors/errors.js';
import type { Outbound } from '../scan-bus.js';

/**
 * The delivery count and stream sequence in a JetStream reply subject, `$JS.ACK.<stream>.<consumer>.
 * <deliveries>.<stream seq>.<consumer seq>.<time>.<pending>` (9 tokens) or, from newer servers, with a
 * domain and an account hash before the stream (11 tokens or more). Undefined for anything else (the
 * client's own parser then answers, or throws).
 */
export function deliveryInfo(reply: string): { seq: number; deliveries: number } | undefined {
  if (!reply.startsWith('$JS.ACK.')) return undefined;
  const dots: number[] = [];
  for (let i = reply.indexOf('.'); i !== -1 && dots.length < 12; i = reply.indexOf('.', i + 1)) dots.push(i);
  const tokens = dots.length + 1;
  // The delivery count is token 4 (old form) or 6; the stream sequence the next.
  const at = tokens === 9 ? 4 : tokens >= 11 ? 6 : -1;
  if (at < 0) return undefined;
  const deliveries = Number(reply.slice(dots[at - 1]! + 1, dots[at]));
  const seq = Number(reply.slice(dots[at]! + 1, dots[at + 1]));
  return Number.isSafeInteger(seq) && Number.isSafeInteger(deliveries) ? { seq, deliveries } : undefined;
}

const HEADER_VALUE = /^[\x21-\x7e]+$/;
/** A header value that may hold spaces (`application/x-ndjson; charset=utf-8`), not at either end. */
const HEADER_TEXT = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;
const SUBJECT = /^[^\s]+$/;

/**
 * The `HPUB <subject> <reply> <header bytes> <total bytes>` frames of a batch of verdicts, each with its
 * `Nats-Msg-Id` header, in one buffer: what `NatsConnection.publish` would send for each, checked as it
 * checks (a subject without spaces, a payload within the server's limit).
 */
export function hpubFrames(verdicts: readonly Outbound[], reply: string, maxPayload: number): Uint8Array {
  const lines = new Array<string>(verdicts.length);
  let size = 0;
  for (let i = 0; i < verdicts.length; i++) {
    const v = verdicts[i]!;
    if (!SUBJECT.test(v.subject))
      throw tocsinError('TOCSIN_ERR_INTERNAL', `not a NATS subject: ${v.subject}`);
    if (!HEADER_VALUE.test(v.dedupId))
      throw tocsinError('TOCSIN_ERR_INTERNAL', `a dedup id must be printable ASCII: ${v.dedupId}`);
    if (v.contentType !== undefined && !HEADER_TEXT.test(v.contentType))
      throw tocsinError('TOCSIN_ERR_INTERNAL', `a content type must be printable ASCII: ${v.contentType}`);
    const header =
      v.contentType === undefined
        ? `NATS/1.0\r\nNats-Msg-Id: ${v.dedupId}\r\n\r\n`
        : `NATS/1.0\r\nNats-Msg-Id: ${v.dedupId}\r\nContent-Type: ${v.contentType}\r\n\r\n`;
    const total = header.length + v.data.length;
    if (total > maxPayload)
      throw tocsinError(
        'TOCSIN_ERR_BUS_UNAVAILABLE',
        `a verdict of ${total} bytes is over the NATS server's limit of ${maxPayload}`,
      );
    const line = `HPUB ${v.subject} ${reply} ${header.length} ${total}\r\n${header}`;
    lines[i] = line;
    // Subjects are ASCII in practice; a UTF-8 one takes more bytes than characters.
    size += Buffer.byteLength(line) + v.data.length + 2;
  }
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (let i = 0; i < verdicts.length; i++) {
    const data = verdicts[i]!.data;
    at += out.write(lines[i]!, at, 'utf8');
    out.set(data, at);
    at += data.length;
    out[at++] = 13;
    out[at++] = 10;
  }
  return out;
}
