/**
 * Reads the QR code in a PNG or JPEG image, such as a citizen's photo or screenshot of a payment QR code.
 *
 * The bytes are untrusted: the format is sniffed from the magic bytes, never from a name or a MIME type, and
 * the dimensions are read from the header and capped before any pixel is decoded, so a small file that
 * declares a huge image (a decompression bomb) is refused before it can claim the memory.
 */
import { Buffer } from 'node:buffer';
import jpeg from 'jpeg-js';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import type { ParseResult } from '../observables/observable.js';
import { fail, ok } from '../observables/observable.js';

export type QrImageFormat = 'png' | 'jpeg';

export interface QrImageText {
  readonly text: string;
  readonly format: QrImageFormat;
}

/** Images above this many pixels are refused: a phone photo is 12–50 MP, a screenshot 2–4 MP. */
export const MAX_PIXELS = 40_000_000;
// A 40 MP RGBA image is 160 MB; the decoders need some more besides.
const MAX_RAW_BYTES = 160 * 1024 * 1024;
const JPEG_MAX_MEMORY_MB = 512;

// jsqr is CommonJS typed as an ES module; its function carries itself as `.default`, which both views reach.
const jsQR = jsQRModule.default;

const TOO_LARGE = `the image is too large (at most ${MAX_PIXELS / 1_000_000} megapixels)`;

/** Decodes a PNG or JPEG image and reads the QR code in it. */
export function decodeQrImage(bytes: Uint8Array): ParseResult<QrImageText> {
  let pixels: ParseResult<Rgba>;
  let format: QrImageFormat;
  if (isPng(bytes)) {
    format = 'png';
    pixels = decodePng(bytes);
  } else if (isJpeg(bytes)) {
    format = 'jpeg';
    pixels = decodeJpeg(bytes);
  } else {
    return fail('not a PNG or JPEG image');
  }
  if (!pixels.ok) return pixels;
  const { data, width, height } = pixels.value;
  const clamped = new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength);
  // Light-on-dark codes (dark-mode screenshots, some bank apps) are found only by also trying the inverse.
  const code = jsQR(clamped, width, height, { inversionAttempts: 'attemptBoth' });
  if (code === null) return fail('no QR code found in the image');
  if (code.data.length === 0) return fail('the QR code in the image is empty');
  return ok({ text: code.data, format });
}

interface Rgba {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function isPng(b: Uint8Array): boolean {
  if (b.length < PNG_MAGIC.length) return false;
  for (let i = 0; i < PNG_MAGIC.length; i++) if (b[i] !== PNG_MAGIC[i]) return false;
  return true;
}

function isJpeg(b: Uint8Array): boolean {
  return b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
}

function u32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

// Samples per pixel of each PNG colour type: grey, -, RGB, palette, grey+alpha, -, RGBA.
const PNG_CHANNELS = [1, 0, 3, 1, 2, 0, 4];

function decodePng(b: Uint8Array): ParseResult<Rgba> {
  // IHDR must come first: length 13, then width, height, bit depth, colour type, …, interlace method.
  if (b.length < 33 || u32(b, 8) !== 13 || u32(b, 12) !== 0x49484452) return fail('the PNG image is corrupt');
  const width = u32(b, 16);
  const height = u32(b, 20);
  const depth = b[24]!;
  const channels = PNG_CHANNELS[b[25]!] ?? 0;
  if (width === 0 || height === 0 || channels === 0) return fail('the PNG image is corrupt');
  if (width * height > MAX_PIXELS) return fail(TOO_LARGE);
  if (Math.ceil((width * channels * depth) / 8) * height > MAX_RAW_BYTES) return fail(TOO_LARGE);
  // pngjs inflates interlaced data with no output limit, so such a file could still be a bomb.
  if (b[28] !== 0) return fail('interlaced PNG images are not supported; save the image without interlacing');
  try {
    const png = PNG.sync.read(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
    return ok({ data: png.data, width: png.width, height: png.height });
  } catch {
    return fail('the PNG image is corrupt or truncated');
  }
}

function decodeJpeg(b: Uint8Array): ParseResult<Rgba> {
  const pixels = jpegPixels(b);
  if (pixels < 0) return fail('the JPEG image is corrupt or truncated');
  if (pixels > MAX_PIXELS) return fail(TOO_LARGE);
  try {
    const img = jpeg.decode(b, {
      useTArray: true,
      formatAsRGBA: true,
      maxResolutionInMP: MAX_PIXELS / 1_000_000,
      maxMemoryUsageInMB: JPEG_MAX_MEMORY_MB,
    });
    return ok(img);
  } catch {
    return fail('the JPEG image is corrupt, truncated or too large to decode');
  }
}

/** Width × height from the first start-of-frame marker, or -1 if none comes before the image data. */
function jpegPixels(b: Uint8Array): number {
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return -1;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2; // markers without a length
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return -1; // scan data or end before any frame header
    const length = (b[i + 2]! << 8) | b[i + 3]!;
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC): length, precision, height, width.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (i + 9 > b.length) return -1;
      const height = (b[i + 5]! << 8) | b[i + 6]!;
      const width = (b[i + 7]! << 8) | b[i + 8]!;
      return width * height;
    }
    if (length < 2) return -1;
    i += 2 + length;
  }
  return -1;
}
