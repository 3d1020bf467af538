import { test } from 'node:test';
import assert from 'node:assert/strict';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { decodeQrImage } from './decode-qr.js';
import { prng } from '../../../test/support/prng.js';

const URL_TEXT = 'https://vietcombank-xac-thuc.example/login?session=8f3a2c&ref=sms';

// A VietQR-style EMVCo merchant-presented payload (TLV fields, CRC-16/CCITT-FALSE in tag 63).
function tlv(id: string, value: string): string {
  return id + String(value.length).padStart(2, '0') + value;
}

function crc16(text: string): number {
  let crc = 0xffff;
  for (let i = 0; i < text.length; i++) {
    crc ^= text.charCodeAt(i) << 8;
    for (let k = 0; k < 8; k++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

function emvcoPayload(): string {
  const account = tlv('00', 'A000000727') + tlv('01', tlv('00', '970436') + tlv('01', '0011002345678'));
  const extra =
    tlv('01', 'INV2024-000123') +
    tlv('05', 'REF9876543210') +
    tlv('07', 'TERMINAL01') +
    tlv('08', 'Thanh toan don hang so 2024-000123 qua VietQR');
  const body =
    tlv('00', '01') +
    tlv('01', '12') +
    tlv('38', account + tlv('02', 'QRIBFTTA')) +
    tlv('53', '704') +
    tlv('54', '1500000') +
    tlv('58', 'VN') +
    tlv('59', 'CONG TY TNHH THUONG MAI DICH VU ABC') +
    tlv('60', 'HO CHI MINH') +
    tlv('62', extra) +
    '6304';
  return body + crc16(body).toString(16).toUpperCase().padStart(4, '0');
}

async function qrPng(text: string, options: QRCode.QRCodeToBufferOptions = {}): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', ...options });
}

function pixelsOf(png: Buffer): PNG {
  return PNG.sync.read(png);
}

function pngOf(
  width: number,
  height: number,
  fill: (data: Buffer, i: number, x: number, y: number) => void,
): Buffer {
  const img = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) fill(img.data, (y * width + x) * 4, x, y);
  }
  return PNG.sync.write(img);
}

// A fixed-seed PRNG (mulberry32), so the noisy image is the same on every run.

function decodedText(bytes: Uint8Array): string {
  const r = decodeQrImage(bytes);
  if (!r.ok) assert.fail(r.error);
  return r.value.text;
}

void test('the CRC helper matches the CRC-16/CCITT-FALSE check value', () => {
  assert.equal(crc16('123456789'), 0x29b1);
});

void test('a generated PNG with a URL decodes to the URL', async () => {
  const r = decodeQrImage(await qrPng(URL_TEXT));
  assert.deepEqual(r, { ok: true, value: { text: URL_TEXT, format: 'png' } });
});

void test('a long EMVCo payment payload decodes byte for byte', async () => {
  const payload = emvcoPayload();
  assert.ok(payload.length > 200);
  assert.equal(decodedText(await qrPng(payload, { errorCorrectionLevel: 'M' })), payload);
});

void test('a scaled-down code (2 px and 1 px a module) still decodes', async () => {
  assert.equal(decodedText(await qrPng(URL_TEXT, { scale: 2 })), URL_TEXT);
  assert.equal(decodedText(await qrPng(URL_TEXT, { scale: 1 })), URL_TEXT);
});

void test('a code with a wide margin, sensor-like noise and speckles decodes', async () => {
  const img = pixelsOf(await qrPng(URL_TEXT, { scale: 6, margin: 12 }));
  const rand = prng(42);
  for (let i = 0; i < img.data.length; i += 4) {
    // Every pixel shifted by up to ±60 (a sum of three uniforms, roughly Gaussian), 1% replaced outright.
    const shift = Math.round((rand() + rand() + rand() - 1.5) * 40);
    const speckle = rand() < 0.01 ? Math.floor(rand() * 256) : -1;
    for (let c = 0; c < 3; c++) {
      img.data[i + c] = speckle >= 0 ? speckle : Math.max(0, Math.min(255, img.data[i + c]! + shift));
    }
  }
  assert.equal(decodedText(PNG.sync.write(img)), URL_TEXT);
});

void test('a JPEG re-encoding of the code decodes', async () => {
  const img = pixelsOf(await qrPng(URL_TEXT, { scale: 4 }));
  const jpg = jpeg.encode({ data: img.data, width: img.width, height: img.height }, 60).data;
  const r = decodeQrImage(jpg);
  assert.deepEqual(r, { ok: true, value: { text: URL_TEXT, format: 'jpeg' } });
});

void test('greyscale, RGB and 16-bit PNGs decode too', async () => {
  const img = pixelsOf(await qrPng(URL_TEXT));
  for (const colorType of [0, 2, 4] as const) {
    const png = PNG.sync.write(img, { colorType, inputColorType: 6 });
    assert.equal(png[25], colorType);
    assert.equal(decodedText(png), URL_TEXT, `colour type ${colorType}`);
  }
  // pngjs packs 16-bit images from 16-bit samples.
  const wide = new PNG({ width: img.width, height: img.height, bitDepth: 16 });
  wide.data = Buffer.from(Uint16Array.from(img.data, (v) => v * 257).buffer);
  const png16 = PNG.sync.write(wide, { bitDepth: 16, colorType: 6, inputHasAlpha: true });
  assert.equal(png16[24], 16);
  assert.equal(decodedText(png16), URL_TEXT);
});

void test('a light-on-dark code decodes', async () => {
  const inverted = await qrPng(URL_TEXT, { color: { dark: '#ffffffff', light: '#000000ff' } });
  assert.equal(decodedText(inverted), URL_TEXT);
});

void test('a code placed off-centre in a larger gradient picture, turned a quarter, decodes', async () => {
  const qr = pixelsOf(await qrPng(emvcoPayload(), { scale: 3, margin: 2 }));
  const [ox, oy] = [420, 150];
  const scene = pngOf(900, 640, (d, i, x, y) => {
    // Rotate the code by 90 degrees as it is pasted: scene (x, y) shows qr (y', w - 1 - x').
    const qx = y - oy;
    const qy = qr.width - 1 - (x - ox);
    const inside = qx >= 0 && qy >= 0 && qx < qr.width && qy < qr.height;
    const k = (qy * qr.width + qx) * 4;
    const v = inside ? qr.data[k]! : 120 + Math.round((60 * x) / 900) + Math.round((40 * y) / 640);
    d[i] = v;
    d[i + 1] = inside ? v : v - 20;
    d[i + 2] = inside ? v : v + 30;
    d[i + 3] = 255;
  });
  assert.equal(decodedText(scene), emvcoPayload());
});

void test('a view into a larger buffer is read from its own offset', async () => {
  const png = await qrPng(URL_TEXT);
  const padded = new Uint8Array(png.length + 16);
  padded.set(png, 7);
  assert.equal(decodedText(padded.subarray(7, 7 + png.length)), URL_TEXT);
});

void test('an image without a QR code says so', () => {
  const gradient = pngOf(320, 240, (d, i, x, y) => {
    d[i] = x % 256;
    d[i + 1] = y % 256;
    d[i + 2] = 128;
    d[i + 3] = 255;
  });
  assert.deepEqual(decodeQrImage(gradient), { ok: false, error: 'no QR code found in the image' });
  const blank = jpeg.encode({ data: Buffer.alloc(200 * 100 * 4, 255), width: 200, height: 100 }, 90).data;
  assert.deepEqual(decodeQrImage(blank), { ok: false, error: 'no QR code found in the image' });
});

void test('other formats and garbage are refused by their magic bytes', () => {
  const rand = prng(7);
  const garbage = Uint8Array.from({ length: 4096 }, () => Math.floor(rand() * 256));
  garbage[0] = 0x00;
  for (const bytes of [
    garbage,
    new Uint8Array(0),
    Uint8Array.from([0x89, 0x50, 0x4e]),
    Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'),
    Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
  ]) {
    assert.deepEqual(decodeQrImage(bytes), { ok: false, error: 'not a PNG or JPEG image' });
  }
});

void test('truncated and corrupt images are refused without throwing', async () => {
  const png = await qrPng(URL_TEXT);
  assert.match(failure(png.subarray(0, png.length - 40)), /PNG image is corrupt/);
  assert.match(failure(png.subarray(0, 20)), /PNG image is corrupt/);
  const flipped = Buffer.from(png);
  flipped[60] = flipped[60]! ^ 0xff; // inside IDAT: the CRC no longer matches
  assert.match(failure(flipped), /PNG image is corrupt/);
  const img = pixelsOf(png);
  const jpg = jpeg.encode({ data: img.data, width: img.width, height: img.height }, 80).data;
  assert.match(failure(jpg.subarray(0, 200)), /JPEG image is corrupt/);
  assert.match(failure(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00])), /JPEG image is corrupt/);
});

function failure(bytes: Uint8Array): string {
  const r = decodeQrImage(bytes);
  if (r.ok) assert.fail(`decoded ${r.value.text}`);
  return r.error;
}

void test('a header declaring a huge image is refused before decoding (decompression bomb)', () => {
  // PNG: signature, then an IHDR of 100 000 × 100 000 RGBA; nothing after it is read.
  const png = Buffer.alloc(45);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png, 0);
  png.writeUInt32BE(13, 8);
  png.write('IHDR', 12, 'latin1');
  png.writeUInt32BE(100_000, 16);
  png.writeUInt32BE(100_000, 20);
  png[24] = 8;
  png[25] = 6;
  assert.match(failure(png), /too large/);
  // Within the pixel cap but interlaced: pngjs would inflate it without a limit.
  png.writeUInt32BE(1000, 16);
  png.writeUInt32BE(1000, 20);
  png[28] = 1;
  assert.match(failure(png), /interlaced/);
  // JPEG: SOI, an APP0 segment to skip, then SOF0 declaring 65 535 × 65 535.
  const sof = Buffer.from([
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0xff, 0xff, 0xff, 0xff,
    0x03,
  ]);
  assert.match(failure(sof), /too large/);
});
