/*
 * CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, not reflected, xorout 0), the checksum EMVCo QR payloads
 * (VietQR among them) end with. Table-driven: one lookup per byte.
 */

const TABLE = (() => {
  const table = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << 8;
    for (let bit = 0; bit < 8; bit++) c = c & 0x8000 ? (c << 1) ^ 0x1021 : c << 1;
    table[i] = c & 0xffff;
  }
  return table;
})();

function step(crc: number, byte: number): number {
  return ((crc << 8) ^ TABLE[((crc >>> 8) ^ byte) & 0xff]!) & 0xffff;
}

/** CRC-16/CCITT-FALSE of raw bytes. */
export function crc16Bytes(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (let i = 0; i < bytes.length; i++) crc = step(crc, bytes[i]!);
  return crc;
}

/**
 * CRC-16/CCITT-FALSE of `text` encoded as UTF-8, over `text[start, end)`. EMVCo checksums the payload's
 * bytes, and non-ASCII names (tag 64) are UTF-8; encoding inline spares a TextEncoder buffer.
 */
export function crc16(text: string, start = 0, end = text.length): number {
  let crc = 0xffff;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      crc = step(crc, c);
    } else if (c < 0x800) {
      crc = step(step(crc, 0xc0 | (c >> 6)), 0x80 | (c & 0x3f));
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
        crc = step(crc, 0xf0 | (cp >> 18));
        crc = step(crc, 0x80 | ((cp >> 12) & 0x3f));
        crc = step(crc, 0x80 | ((cp >> 6) & 0x3f));
        crc = step(crc, 0x80 | (cp & 0x3f));
        i++;
      } else {
        crc = step(step(step(crc, 0xef), 0xbf), 0xbd); // lone surrogate: U+FFFD, as TextEncoder writes it
      }
    } else if (c >= 0xd800 && c <= 0xdfff) {
      crc = step(step(step(crc, 0xef), 0xbf), 0xbd);
    } else {
      crc = step(step(step(crc, 0xe0 | (c >> 12)), 0x80 | ((c >> 6) & 0x3f)), 0x80 | (c & 0x3f));
    }
  }
  return crc;
}

/** A CRC as the four upper-case hex digits EMVCo writes after `6304`. */
export function crc16Hex(crc: number): string {
  return crc.toString(16).toUpperCase().padStart(4, '0');
}
