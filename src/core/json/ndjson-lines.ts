/**
 * The lines of an NDJSON body, as the scan API and the scan stream both read them: split at `\n`, trimmed
 * (so `\r\n` ends a line too), blank lines left out, each with its number in the body (1 for the first). A
 * line that is not valid UTF-8 comes with no text, so that it can be answered on its own and the others kept.
 */

const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface NdjsonLine {
  readonly line: number;
  /** Undefined when the line is not valid UTF-8. */
  readonly text: string | undefined;
}

export function ndjsonLines(bytes: Uint8Array): NdjsonLine[] {
  const out: NdjsonLine[] = [];
  let whole: string | undefined;
  try {
    whole = utf8.decode(bytes);
  } catch {
    whole = undefined;
  }
  if (whole !== undefined) {
    const lines = whole.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i]!.trim();
      if (text !== '') out.push({ line: i + 1, text });
    }
    return out;
  }
  // Not valid UTF-8 somewhere: each line decoded on its own, so that only the bad ones lose their text.
  for (let start = 0, line = 1; start <= bytes.length; line++) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    let text: string | undefined;
    try {
      text = utf8.decode(bytes.subarray(start, end)).trim();
    } catch {
      text = undefined;
    }
    if (text !== '') out.push({ line, text });
    start = end + 1;
  }
  return out;
}
