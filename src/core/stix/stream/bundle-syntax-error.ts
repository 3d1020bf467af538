/** Why a streamed STIX bundle could not be split: what was wrong, and the byte offset where it was found. */
export class BundleSyntaxError extends Error {
  override readonly name = 'BundleSyntaxError';

  constructor(
    /** What is wrong, without the offset: "unterminated string". */
    readonly reason: string,
    /** 0-based offset in bytes from the start of the input (a UTF-8 byte-order mark counts). */
    readonly offset: number,
    options?: { readonly cause?: unknown },
  ) {
    super(`${reason} at byte ${offset}`, options);
  }
}
