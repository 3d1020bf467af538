/** The splitter as an async iteration: chunks in, the bundle's elements and properties out, in input order. */
import { BundleSplitter } from './bundle-splitter.js';

/** One element of `objects` (its exact JSON text), or another top-level property of the bundle, parsed. */
export type BundleEvent =
  | { readonly kind: 'object'; readonly text: string; readonly offset: number; readonly index: number }
  | { readonly kind: 'property'; readonly name: string; readonly value: unknown };

/**
 * Splits a bundle read from `chunks` (a file or HTTP body stream: any `AsyncIterable<Uint8Array>`). Throws
 * `BundleSyntaxError` (with the byte offset) on malformed input, after yielding every element before it.
 *
 *   for await (const e of splitBundle(createReadStream(path)))
 *     if (e.kind === 'object') importObject(JSON.parse(e.text));
 */
export async function* splitBundle(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): AsyncGenerator<BundleEvent, void, undefined> {
  let pending: BundleEvent[] = [];
  const splitter = new BundleSplitter({
    object: (text, offset, index) => pending.push({ kind: 'object', text, offset, index }),
    property: (name, value) => pending.push({ kind: 'property', name, value }),
  });
  const drain = function* (): Generator<BundleEvent> {
    const out = pending;
    pending = [];
    yield* out;
  };
  for await (const chunk of chunks) {
    try {
      splitter.write(chunk);
    } catch (e) {
      yield* drain();
      throw e;
    }
    yield* drain();
  }
  splitter.end();
}
