import type { ObservableKind } from '../../observables/observable.js';
import type { ObservableValue } from '../../observables/observable-value.js';

/** What the extractor reports: an observable kind, or `emvco` for a VietQR/EMVCo payload found in text. */
export type ExtractedKind = ObservableKind | 'emvco';

/** One observable found in a message. */
export interface Extracted {
  readonly kind: ExtractedKind;
  /**
   * The parsed value to look up in the index, or undefined when the text looked like one but failed to parse
   * (a link whose host is invalid, an account number with no bank, a VietQR payload with a bad CRC). For
   * `emvco` it is the bank account the payload pays into, when there is one and it parses.
   */
  readonly value: ObservableValue | undefined;
  /** The text as written, `text.slice(start, end)`: `vcb . com . vn`, `0912.345.678`. */
  readonly raw: string;
  /** UTF-16 offset of the first character in the message. */
  readonly start: number;
  /** UTF-16 offset just after the last character. */
  readonly end: number;
  /** The link's host is a URL shortener: the page it leads to is unknown until expanded. */
  readonly shortened?: boolean;
  /** The domain mixes scripts (Cyrillic or Greek letters among Latin ones) or uses fullwidth forms. */
  readonly lookalike?: boolean;
  /** For a look-alike: the ASCII name it imitates, e.g. `vietcombank.com.vn`, when every letter maps. */
  readonly skeleton?: string;
}

/** Builds an Extracted for `text[start, end)`, leaving out the flags that are not set. */
export function extracted(
  kind: ExtractedKind,
  value: ObservableValue | undefined,
  text: string,
  start: number,
  end: number,
  flags?: { shortened?: boolean; lookalike?: boolean; skeleton?: string | undefined },
): Extracted {
  const out: {
    kind: ExtractedKind;
    value: ObservableValue | undefined;
    raw: string;
    start: number;
    end: number;
    shortened?: boolean;
    lookalike?: boolean;
    skeleton?: string;
  } = { kind, value, raw: text.slice(start, end), start, end };
  if (flags?.shortened === true) out.shortened = true;
  if (flags?.lookalike === true) {
    out.lookalike = true;
    if (flags.skeleton !== undefined) out.skeleton = flags.skeleton;
  }
  return out;
}

/**
 * Orders findings by position and keeps the first of each identical value (same kind and canonical value;
 * for a value that failed to parse, same kind and text): a number repeated in a message is reported once.
 */
export function sortAndDeduplicate(found: Extracted[]): Extracted[] {
  if (found.length > 1) found.sort((a, b) => a.start - b.start);
  if (found.length < 2) return found;
  const seen = new Set<string>();
  const out: Extracted[] = [];
  for (const item of found) {
    const key = `${item.kind}|${item.value === undefined ? '?' + item.raw : item.value.canonical}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(item);
  }
  return out;
}
