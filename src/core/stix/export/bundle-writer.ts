/**
 * Writes a STIX bundle as a sequence of strings, one object at a time, so that an export of millions of
 * objects never sits in memory: `{"type":"bundle","id":"bundle--…"`, then `,"objects":[` with the first
 * object, `,` and each next one, and `]}` (a bundle with no objects omits `objects`, which STIX 2.1 forbids
 * to be empty).
 */

/** A new random bundle id (a bundle is a one-off envelope: STIX gives its id no meaning beyond uniqueness). */
export function newBundleId(): string {
  return `bundle--${globalThis.crypto.randomUUID()}`;
}

/** One bundle's text, piece by piece: `start()`, `object(o)` for each, `end()`. */
export class BundleWriter {
  private count = 0;
  private state: 'new' | 'open' | 'closed' = 'new';

  constructor(readonly id: string = newBundleId()) {
    if (!/^bundle--[0-9a-f-]{36}$/.test(id)) throw new TypeError(`"${id}" is not a bundle id`);
  }

  /** The number of objects written. */
  get objectCount(): number {
    return this.count;
  }

  start(): string {
    if (this.state !== 'new') throw new Error('the bundle was already started');
    this.state = 'open';
    return `{"type":"bundle","id":${JSON.stringify(this.id)}`;
  }

  /** The text that adds `o` (already JSON text when a string) to the bundle. */
  object(o: object | string): string {
    if (this.state !== 'open')
      throw new Error('start the bundle before writing objects, and not after its end');
    const text = typeof o === 'string' ? o : JSON.stringify(o);
    return this.count++ === 0 ? `,"objects":[${text}` : `,${text}`;
  }

  end(): string {
    if (this.state !== 'open') throw new Error('the bundle is not open');
    this.state = 'closed';
    return this.count === 0 ? '}' : ']}';
  }
}

/**
 * The whole bundle of `objects` as strings of about `pieceSize` characters (64 Ki by default): few enough
 * writes to a stream, little enough held at once.
 *
 *   for await (const piece of bundleText(objects)) await write(piece);
 */
export async function* bundleText(
  objects: AsyncIterable<object | string> | Iterable<object | string>,
  options: { readonly id?: string; readonly pieceSize?: number } = {},
): AsyncGenerator<string, void, undefined> {
  const writer = new BundleWriter(options.id);
  const pieceSize = options.pieceSize ?? 65536;
  let piece = writer.start();
  for await (const o of objects) {
    piece += writer.object(o);
    if (piece.length >= pieceSize) {
      yield piece;
      piece = '';
    }
  }
  yield piece + writer.end();
}
