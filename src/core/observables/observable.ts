/** The kinds of observable Tocsin checks, canonicalizes and matches. */
export type ObservableKind =
  'url' | 'domain' | 'ip' | 'phone' | 'bank-account' | 'email' | 'wallet' | 'file-hash';

/**
 * The result of parsing untrusted input. Parsers never throw on bad input: a batch of ten thousand values
 * must answer each one, so a bad value is an ordinary result with a message fit to show the caller.
 */
export type ParseResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export function ok<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

export function fail<T = never>(error: string): ParseResult<T> {
  return { ok: false, error };
}
