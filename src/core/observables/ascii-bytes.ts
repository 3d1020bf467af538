// Hot loops over a string's characters read them faster from a byte array: `charCodeAt` slows down once a call
// site has met strings of several representations (flat one-byte, two-byte, sliced, concatenated), as the check
// path does, while a typed array reads alike whatever string the bytes came from.

const ENCODER = new TextEncoder();
let bytes = new Uint8Array(1024);
let held: string | undefined;

/**
 * The code units of `s` as bytes when `s` is ASCII, undefined otherwise. The array is shared and holds `s` only
 * until the next call (its length may exceed `s.length`). The URL fast path writes its input here and the
 * matcher then finds the canonical URL already written when it is that input, as it usually is.
 */
export function asciiBytes(s: string): Uint8Array | undefined {
  if (s === held) return bytes;
  // Room for three bytes a unit, so that a string that is not ASCII shows in the count written.
  if (bytes.length < 3 * s.length) bytes = new Uint8Array(Math.max(3 * s.length, 2 * bytes.length));
  if (ENCODER.encodeInto(s, bytes).written !== s.length) {
    held = undefined;
    return undefined;
  }
  held = s;
  return bytes;
}
