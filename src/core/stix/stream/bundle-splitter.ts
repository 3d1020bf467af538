/**
 * Splits a STIX bundle streamed as UTF-8 bytes into the JSON text of each element of its top-level `objects`
 * array, so that a bundle of any size is imported with one object in memory at a time (`JSON.parse` cannot
 * even hold a string over 512 MB). Chunks may split the input anywhere: inside a string, an escape or a
 * multi-byte character.
 *
 * Why a hand-written byte scanner rather than a streaming JSON library: the import must reach half the
 * objects/s of one bare `JSON.parse` of the whole bundle. Scanning for structure only (brackets, strings and
 * their escapes) and handing each element to the engine's own `JSON.parse` keeps most of that speed (see
 * bench/stix-split.bench.ts). JSON parsers written in JavaScript, which build every value token by token, do
 * not come close: on 50,000 generated indicators (Node 20), @streamparser/json 0.0.26 with `paths:
 * ['$.objects.*']` gave 0.17× the objects/s of one JSON.parse, stream-json 3.8 (pick + streamArray) 0.05×.
 *
 * The scanner checks the bundle's own structure (a top-level object, `objects` an array, brackets that match,
 * strings that end, nothing after the bundle) and reports the byte offset of what is wrong. The inside of each
 * element is left to `JSON.parse`, which the caller runs on the text anyway.
 */
import { BundleSyntaxError } from './bundle-syntax-error.js';

/** What the splitter reports as it goes. */
export interface BundleSplitterHandlers {
  /** An element of the top-level `objects` array: its exact JSON text, its byte offset, its 0-based index. */
  readonly object: (text: string, offset: number, index: number) => void;
  /** Any other top-level property of the bundle (`type`, `id`, `spec_version`…), parsed, when it ends. */
  readonly property?: (name: string, value: unknown) => void;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

// Where the scanner is in the bundle's own structure.
const START = 0; // before the top-level `{`
const FIRST_KEY = 1; // after `{`: a key or `}`
const KEY = 2; // inside a top-level key
const AFTER_KEY = 3; // before `:`
const MEMBER_VALUE = 4; // before a top-level value
const FIRST_ELEMENT = 5; // after `objects: [`: an element or `]`
const ELEMENT = 6; // after a `,` in `objects`: an element
const VALUE = 7; // inside an element or a top-level value
const AFTER_ELEMENT = 8; // `,` or `]`
const AFTER_MEMBER = 9; // `,` or `}`
const NEXT_KEY = 10; // after a top-level `,`: a key
const DONE = 11; // after the closing `}`: only white space

const EXPECTED: Readonly<Record<number, string>> = {
  [START]: 'a bundle object',
  [FIRST_KEY]: 'a property name or }',
  [KEY]: 'the end of a property name',
  [AFTER_KEY]: ':',
  [MEMBER_VALUE]: 'a value',
  [FIRST_ELEMENT]: 'an object or ]',
  [ELEMENT]: 'an object',
  [AFTER_ELEMENT]: ', or ] in objects',
  [AFTER_MEMBER]: ', or } closing the bundle',
  [NEXT_KEY]: 'a property name',
};

const EMPTY = new Uint8Array(0);
const MIN_CAPACITY = 1 << 16;

/**
 * Feed it chunks with `write`, then call `end`; elements are handed to `handlers.object` as soon as their last
 * byte arrives. Throws `BundleSyntaxError` on malformed input. A chunk with nothing pending before it is
 * scanned in place, not copied: do not modify a chunk after writing it.
 *
 *   const splitter = new BundleSplitter({ object: (text) => store(JSON.parse(text)) });
 *   for await (const chunk of stream) splitter.write(chunk);
 *   splitter.end();
 */
export class BundleSplitter {
  private readonly handlers: BundleSplitterHandlers;
  private readonly decoder = new TextDecoder();
  private buf: Uint8Array = EMPTY; // bytes [0, len) are input from offset `base` on
  private len = 0;
  private owned = false; // whether `buf` is ours to write into
  private base = 0;
  private pos = 0; // the next byte to scan
  private state = START;
  private failed: BundleSyntaxError | undefined;
  private scalar = false;
  // The key of the top-level member being read.
  private keyStart = 0;
  private key = '';
  private sawObjects = false;
  // The value being scanned (state VALUE).
  private valueStart = 0;
  private inElement = false;
  private depth = 0;
  private stack = new Uint8Array(64);
  private inString = false;
  private stringStart = 0;
  private count = 0;

  constructor(handlers: BundleSplitterHandlers) {
    this.handlers = handlers;
  }

  /** The number of elements of `objects` handed out so far. */
  get objectCount(): number {
    return this.count;
  }

  /** The number of bytes written so far. */
  get bytesRead(): number {
    return this.base + this.len;
  }

  /** Scans one more chunk of the input, handing out every element it completes. */
  write(chunk: Uint8Array): void {
    if (this.failed !== undefined) throw this.failed;
    this.append(chunk);
    this.run();
  }

  /** Says the input is complete; throws when the bundle is unfinished. */
  end(): void {
    if (this.failed !== undefined) throw this.failed;
    if (this.state === DONE) return;
    const at = this.base + this.len;
    if (this.state === VALUE || this.state === KEY) {
      if (this.inString || this.state === KEY) {
        const start = this.state === KEY ? this.keyStart : this.stringStart;
        this.fail('unterminated string', this.base + start);
      }
      const what = this.valueDescription();
      this.fail(`unexpected end of input inside ${what}`, this.base + this.valueStart);
    }
    if (this.state === START && this.base + this.len === 0)
      this.fail('empty input: expected a bundle object', 0);
    this.fail(`unexpected end of input: expected ${EXPECTED[this.state] ?? 'more'}`, at);
  }

  // ── Buffer ─────────────────────────────────────────────────────────────────────────────────────────────

  private append(chunk: Uint8Array): void {
    const keep = this.keepFrom();
    const retained = this.len - keep;
    if (retained === 0) {
      this.shift(keep);
      this.buf = chunk;
      this.len = chunk.length;
      this.owned = false;
      return;
    }
    if (this.owned && this.len + chunk.length <= this.buf.length) {
      this.buf.set(chunk, this.len);
      this.len += chunk.length;
      return;
    }
    const need = retained + chunk.length;
    let target: Uint8Array;
    // Compacting in place only pays when it frees at least half the buffer; growing keeps copies linear.
    if (this.owned && need <= this.buf.length >> 1) {
      this.buf.copyWithin(0, keep, this.len);
      target = this.buf;
    } else {
      target = new Uint8Array(Math.max(need, this.buf.length * 2, MIN_CAPACITY));
      target.set(this.buf.subarray(keep, this.len));
    }
    this.shift(keep);
    target.set(chunk, retained);
    this.buf = target;
    this.len = need;
    this.owned = true;
  }

  /** The first byte still needed: the start of the value or key being read, else the scan position. */
  private keepFrom(): number {
    if (this.state === VALUE) return this.valueStart;
    if (this.state === KEY) return this.keyStart;
    return this.pos;
  }

  private shift(by: number): void {
    this.base += by;
    this.pos -= by;
    this.valueStart -= by;
    this.keyStart -= by;
    this.stringStart -= by;
  }

  // ── Scanning ───────────────────────────────────────────────────────────────────────────────────────────

  private run(): void {
    try {
      this.scan(this.buf.length === this.len ? this.buf : this.buf.subarray(0, this.len));
    } catch (e) {
      // Malformed input, or a handler that threw: the scan state is no longer trustworthy either way.
      this.failed ??=
        e instanceof BundleSyntaxError
          ? e
          : new BundleSyntaxError('splitting stopped', this.base + this.pos, { cause: e });
      throw e;
    }
  }

  private scan(buf: Uint8Array): void {
    const len = buf.length;
    let i = this.pos;
    for (;;) {
      if (this.state === VALUE) {
        this.pos = i;
        const end = this.scalar ? this.scanScalar(buf) : this.scanValue(buf);
        if (end < 0) return;
        this.finishValue(buf, end);
        i = end;
        continue;
      }
      if (this.state === KEY) {
        const end = this.stringEnd(buf, i);
        if (end < 0) {
          this.pos = len;
          return;
        }
        this.key = this.parseKey(buf.subarray(this.keyStart, end));
        this.state = AFTER_KEY;
        i = end;
        continue;
      }
      while (i < len && isSpace(buf[i]!)) i++;
      if (i === len) {
        this.pos = i;
        return;
      }
      const c = buf[i]!;
      switch (this.state) {
        case START:
          if (c === 0xef && this.base + i === 0) {
            // A UTF-8 byte-order mark: wait for its three bytes.
            if (len - i < 3) {
              this.pos = i;
              return;
            }
            if (buf[i + 1] === 0xbb && buf[i + 2] === 0xbf) {
              i += 3;
              continue;
            }
          }
          if (c !== OPEN_BRACE)
            this.fail('not a JSON object at the top level: a bundle starts with {', this.base + i);
          this.state = FIRST_KEY;
          i++;
          break;
        case FIRST_KEY:
        case NEXT_KEY:
          if (c === CLOSE_BRACE && this.state === FIRST_KEY) {
            this.state = DONE;
            i++;
            break;
          }
          if (c !== QUOTE) this.unexpected(c, i);
          this.keyStart = i;
          this.state = KEY;
          i++;
          break;
        case AFTER_KEY:
          if (c !== COLON) this.unexpected(c, i);
          this.state = MEMBER_VALUE;
          i++;
          break;
        case MEMBER_VALUE:
          if (this.key === 'objects') {
            if (this.sawObjects) this.fail('the bundle has a second objects property', this.base + i);
            if (c !== OPEN_BRACKET) this.fail('objects is not an array', this.base + i);
            this.sawObjects = true;
            this.state = FIRST_ELEMENT;
            i++;
            break;
          }
          if (c === CLOSE_BRACE || c === CLOSE_BRACKET || c === COMMA || c === COLON) this.unexpected(c, i);
          this.startValue(c, i, false);
          break;
        case FIRST_ELEMENT:
          if (c === CLOSE_BRACKET) {
            this.state = AFTER_MEMBER;
            i++;
            break;
          }
          if (c === CLOSE_BRACE || c === COMMA || c === COLON) this.unexpected(c, i);
          this.startValue(c, i, true);
          break;
        case ELEMENT:
          if (c === CLOSE_BRACKET) this.fail('trailing comma in objects', this.base + i);
          if (c === CLOSE_BRACE || c === COMMA || c === COLON) this.unexpected(c, i);
          this.startValue(c, i, true);
          break;
        case AFTER_ELEMENT:
          if (c === COMMA) this.state = ELEMENT;
          else if (c === CLOSE_BRACKET) this.state = AFTER_MEMBER;
          else this.unexpected(c, i);
          i++;
          break;
        case AFTER_MEMBER:
          if (c === COMMA) this.state = NEXT_KEY;
          else if (c === CLOSE_BRACE) this.state = DONE;
          else this.unexpected(c, i);
          i++;
          break;
        case DONE:
          this.fail('trailing garbage after the bundle', this.base + i);
      }
    }
  }

  private startValue(first: number, i: number, inElement: boolean): void {
    this.state = VALUE;
    this.scalar = first !== OPEN_BRACE && first !== OPEN_BRACKET && first !== QUOTE;
    this.valueStart = i;
    this.inElement = inElement;
    this.depth = 0;
    this.inString = false;
  }

  /**
   * Scans the value started at `valueStart` from `pos`: the index just past its end, or -1 when it goes on
   * past the buffer (the scan state is saved to resume there). The hot loop of the splitter.
   */
  private scanValue(buf: Uint8Array): number {
    const len = buf.length;
    let i = this.pos;
    let depth = this.depth;
    let inString = this.inString;
    let stringStart = this.stringStart;
    let stack = this.stack;
    // Literal byte values in this loop: module-level constants measured 10–20% slower here.
    let end = -1;
    while (i < len) {
      if (inString) {
        // Byte by byte, stepping over each escaped byte: faster here than indexOf from quote to quote, whose
        // per-call cost outweighs its speed on STIX's many short strings. After a backslash that ends the
        // buffer, `i` is len + 1: the scan resumes past the escaped byte, the first of the next chunk.
        while (i < len) {
          const d = buf[i]!;
          if (d === 0x22 /* " */) break;
          i += d === 0x5c /* \\ */ ? 2 : 1;
        }
        if (i >= len) break;
        i++;
        inString = false;
        if (depth === 0) {
          end = i;
          break;
        }
        continue;
      }
      const c = buf[i]!;
      if (c === 0x22 /* " */) {
        inString = true;
        stringStart = i;
      } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
        if (depth === stack.length) {
          const grown = new Uint8Array(stack.length * 2);
          grown.set(stack);
          stack = this.stack = grown;
        }
        stack[depth++] = c;
      } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
        // `}` and `]` are two code points after `{` and `[`.
        if (stack[depth - 1] !== c - 2) {
          const opened = stack[depth - 1] === 0x7b /* { */ ? 'an object' : 'an array';
          this.fail(`${String.fromCharCode(c)} closes ${opened}`, this.base + i);
        }
        if (--depth === 0) {
          end = i + 1;
          break;
        }
      }
      i++;
    }
    this.depth = depth;
    this.inString = inString;
    this.stringStart = stringStart;
    if (end < 0) this.pos = i;
    return end;
  }

  /** A number, `true`, `false` or `null` (or garbage, which JSON.parse will name): it ends at a delimiter. */
  private scanScalar(buf: Uint8Array): number {
    let i = this.pos;
    while (i < buf.length) {
      const c = buf[i]!;
      if (c === 0x2c /* , */ || c === 0x7d /* } */ || c === 0x5d /* ] */ || isSpace(c)) return i;
      if (c === 0x22 /* " */ || c === 0x7b /* { */ || c === 0x5b /* [ */ || c === 0x3a /* : */)
        this.unexpected(c, i);
      i++;
    }
    this.pos = i;
    return -1;
  }

  /** The index just past the closing quote of the string whose opening quote is at `keyStart`, or -1. */
  private stringEnd(buf: Uint8Array, from: number): number {
    let i = Math.max(from, this.keyStart + 1);
    for (;;) {
      const q = buf.indexOf(QUOTE, i);
      if (q < 0) return -1;
      let b = q - 1;
      while (buf[b] === BACKSLASH) b--;
      if (((q - 1 - b) & 1) === 0) return q + 1;
      i = q + 1;
    }
  }

  private parseKey(bytes: Uint8Array): string {
    try {
      return JSON.parse(this.decoder.decode(bytes)) as string;
    } catch (e) {
      return this.fail('a property name is not a valid JSON string', this.base + this.keyStart, e);
    }
  }

  private finishValue(buf: Uint8Array, end: number): void {
    const start = this.valueStart;
    const text = this.decoder.decode(buf.subarray(start, end));
    if (this.inElement) {
      this.state = AFTER_ELEMENT;
      this.handlers.object(text, this.base + start, this.count++);
      return;
    }
    this.state = AFTER_MEMBER;
    if (this.handlers.property === undefined) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      this.fail(`the bundle's ${this.key} property is not valid JSON`, this.base + start, e);
    }
    this.handlers.property(this.key, value);
  }

  private valueDescription(): string {
    const what = this.depth === 0 ? 'a value' : this.stack[0] === OPEN_BRACE ? 'an object' : 'an array';
    return this.inElement ? `${what} (objects[${this.count}])` : `${what} (property ${this.key})`;
  }

  private unexpected(c: number, i: number): never {
    const shown =
      c >= 0x20 && c < 0x7f ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16).padStart(2, '0')}`;
    this.fail(`unexpected ${shown}: expected ${EXPECTED[this.state] ?? 'a value'}`, this.base + i);
  }

  private fail(reason: string, offset: number, cause?: unknown): never {
    const e = new BundleSyntaxError(reason, offset, cause === undefined ? undefined : { cause });
    this.failed = e;
    throw e;
  }
}
