import { crc16, crc16Hex } from './crc16.js';
import { fail, ok, type ParseResult } from './observable.js';

/*
 * EMVCo Merchant-Presented QR payloads (EMV QRCPS-MPM 1.1), as VietQR / NAPAS 247 uses them.
 *
 * A payload is a run of fields: a two-digit tag, a two-digit length, then that many characters. Templates
 * (26-51 merchant account information, 62 additional data, 64 alternate language, 80-99 unreserved) hold
 * fields of the same shape. Tag 00 (format indicator, `01`) comes first; tag 63 comes last, length 04, and
 * holds the CRC-16/CCITT-FALSE of every byte before its value, `6304` included, as hex. Lengths count
 * characters; the CRC runs over UTF-8 bytes (checked against the spec's own example with a Chinese name).
 *
 * VietQR puts the beneficiary in template 38: 00 = GUID A000000727 (NAPAS), 01 = beneficiary organisation
 * (a template: 00 = acquirer BIN, 01 = account or card number), 02 = service code (QRIBFTTA to an account,
 * QRIBFTTC to a card).
 */

/** What a VietQR code pays into. */
export type VietQr = {
  /** The acquirer (bank) BIN: `970436`. */
  readonly bin: string;
  /** The account or card number as written (payment providers' virtual accounts may hold letters). */
  readonly account: string;
  /** Whether the service code says a card (QRIBFTTC) rather than an account. */
  readonly isCard: boolean;
  /** `QRIBFTTA`, `QRIBFTTC`, or another NAPAS service code; undefined if absent. */
  readonly serviceCode: string | undefined;
};

/** A parsed, CRC-checked EMVCo MPM payload. */
export type EmvcoPayload = {
  /** Top-level tags and their raw values, in payload order. */
  readonly tags: ReadonlyMap<string, string>;
  /** The fields inside each template tag present (26-51, 62, 64, 80-99). */
  readonly templates: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Tag 01: `11` static (reusable), `12` dynamic (one payment). */
  readonly pointOfInitiation: 'static' | 'dynamic' | undefined;
  readonly vietqr?: VietQr;
  /** Tag 54, as written: `50000`, `23.72`. */
  readonly amount?: string;
  /** Tag 53, ISO 4217 numeric: `704` for VND. */
  readonly currency?: string;
  /** Tag 58, ISO 3166 alpha-2: `VN`. */
  readonly country?: string;
  readonly merchantName?: string;
  readonly merchantCity?: string;
  /** Tag 62 sub-tag 08, the purpose of transaction; VietQR puts the transfer message here. */
  readonly purpose?: string;
};

/** The longest payload EMVCo allows. */
const MAX_PAYLOAD = 512;
const NAPAS_GUID = 'A000000727';
const VIETQR_TAG = '38';

/** Whether `s` looks like an EMVCo MPM payload (cheap: it starts with the format indicator `000201`). */
export function isEmvcoPayload(s: string): boolean {
  return s.startsWith('000201');
}

/** Parses an EMVCo MPM payload (VietQR and others) and checks its structure and CRC. */
export function parseEmvco(payload: string): ParseResult<EmvcoPayload> {
  if (payload.length === 0) return fail('empty EMVCo payload');
  if (payload.length > MAX_PAYLOAD) {
    return fail(`EMVCo payload too long: ${payload.length} characters, at most ${MAX_PAYLOAD}`);
  }
  const tags = new Map<string, string>();
  const error = readFields(payload, 0, payload.length, tags, '');
  if (error !== undefined) return fail(error);

  // readFields stops after tag 63 only if it is last, so its CRC position is known.
  const crcText = tags.get('63');
  if (crcText === undefined) return fail('missing CRC (tag 63)');
  if (crcText.length !== 4) return fail(`CRC (tag 63) must have length 04, not ${pad2(crcText.length)}`);
  const crcStart = payload.length - 4;
  const stated = parseHex4(crcText);
  const computed = crc16(payload, 0, crcStart);
  if (stated === undefined) return fail(`CRC (tag 63) is not 4 hex digits: "${crcText}"`);
  if (stated !== computed)
    return fail(`CRC mismatch: payload says ${crcText.toUpperCase()}, computed ${crc16Hex(computed)}`);

  const format = tags.get('00');
  if (format !== '01') return fail(`payload format indicator (tag 00) must be 01, not "${format ?? ''}"`);

  const templates = new Map<string, ReadonlyMap<string, string>>();
  for (const [tag, value] of tags) {
    if (!isTemplate(tag)) continue;
    const fields = new Map<string, string>();
    const bad = readFields(value, 0, value.length, fields, `in tag ${tag}: `);
    if (bad !== undefined) return fail(bad);
    templates.set(tag, fields);
  }

  let pointOfInitiation: EmvcoPayload['pointOfInitiation'];
  const poi = tags.get('01');
  if (poi === '11') pointOfInitiation = 'static';
  else if (poi === '12') pointOfInitiation = 'dynamic';
  else if (poi !== undefined) return fail(`point of initiation (tag 01) must be 11 or 12, not "${poi}"`);

  const amount = tags.get('54');
  if (amount !== undefined && !isAmount(amount)) return fail(`bad transaction amount (tag 54): "${amount}"`);

  const vietqr = readVietQr(templates.get(VIETQR_TAG));
  if (typeof vietqr === 'string') return fail(vietqr);

  const result: {
    -readonly [K in keyof EmvcoPayload]: EmvcoPayload[K];
  } = { tags, templates, pointOfInitiation };
  if (vietqr !== undefined) result.vietqr = vietqr;
  setIf(result, 'amount', amount);
  setIf(result, 'currency', tags.get('53'));
  setIf(result, 'country', tags.get('58'));
  setIf(result, 'merchantName', tags.get('59'));
  setIf(result, 'merchantCity', tags.get('60'));
  setIf(result, 'purpose', templates.get('62')?.get('08'));
  return ok(result);
}

/**
 * Reads the fields of `text[start, end)` into `out`; returns an error message, or undefined when every
 * field is whole. At the top level (`where` empty) tag 63 must be the last field.
 */
function readFields(
  text: string,
  start: number,
  end: number,
  out: Map<string, string>,
  where: string,
): string | undefined {
  const top = where === '';
  const noun = top ? 'tag' : 'sub-tag';
  let i = start;
  while (i < end) {
    if (end - i < 4)
      return `${where}truncated field at position ${i}: "${text.slice(i, end)}" is too short for a tag and a length`;
    const tag = twoDigits(text, i);
    if (tag < 0) return `${where}bad ${noun} "${text.slice(i, i + 2)}" at position ${i}: tags are two digits`;
    const tagText = text.slice(i, i + 2);
    const length = twoDigits(text, i + 2);
    if (length < 0)
      return `${where}bad length "${text.slice(i + 2, i + 4)}" for ${noun} ${tagText} at position ${i}`;
    const valueStart = i + 4;
    if (valueStart + length > end) {
      return `${where}truncated field: ${noun} ${tagText} at position ${i} says length ${pad2(length)} but only ${end - valueStart} characters remain`;
    }
    if (out.has(tagText)) return `${where}duplicate ${noun} ${tagText} at position ${i}`;
    if (top && i === start && tagText !== '00')
      return 'payload must begin with tag 00 (payload format indicator)';
    out.set(tagText, text.slice(valueStart, valueStart + length));
    if (top && tagText === '63') {
      if (length !== 4) return `CRC (tag 63) must have length 04, not ${pad2(length)}`;
      if (valueStart + length !== end) return `CRC (tag 63) at position ${i} must be the last field`;
    }
    i = valueStart + length;
  }
  return undefined;
}

function readVietQr(fields: ReadonlyMap<string, string> | undefined): VietQr | string | undefined {
  if (fields === undefined) return undefined;
  const guid = fields.get('00');
  if (guid === undefined || guid.toUpperCase() !== NAPAS_GUID) return undefined;
  const beneficiaryText = fields.get('01');
  if (beneficiaryText === undefined) return 'VietQR (tag 38) has no beneficiary (sub-tag 01)';
  const beneficiary = new Map<string, string>();
  const bad = readFields(beneficiaryText, 0, beneficiaryText.length, beneficiary, 'in tag 38-01: ');
  if (bad !== undefined) return bad;
  const bin = beneficiary.get('00');
  if (bin === undefined || bin.length !== 6 || !allDigits(bin)) {
    return `VietQR acquirer BIN (tag 38-01-00) must be 6 digits, not "${bin ?? ''}"`;
  }
  const account = beneficiary.get('01');
  if (account === undefined || account === '') return 'VietQR (tag 38-01-01) has no account or card number';
  const serviceCode = fields.get('02');
  return { bin, account, isCard: serviceCode === 'QRIBFTTC', serviceCode };
}

function isTemplate(tag: string): boolean {
  const n = (tag.charCodeAt(0) - 48) * 10 + (tag.charCodeAt(1) - 48);
  return (n >= 26 && n <= 51) || n === 62 || n === 64 || n >= 80;
}

/** The number written by the two ASCII digits at `text[i]`, or -1. */
function twoDigits(text: string, i: number): number {
  const a = text.charCodeAt(i) - 48;
  const b = text.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

function parseHex4(text: string): number | undefined {
  let value = 0;
  for (let i = 0; i < 4; i++) {
    const c = text.charCodeAt(i);
    const d = c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1;
    if (d < 0) return undefined;
    value = (value << 4) | d;
  }
  return value;
}

/** EMVCo amounts: digits, with at most one decimal point that is not last. */
function isAmount(text: string): boolean {
  let dot = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 && dot < 0 && i > 0) dot = i;
    else if (c < 48 || c > 57) return false;
  }
  return text.length > 0 && dot !== text.length - 1;
}

function allDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function setIf<K extends 'amount' | 'currency' | 'country' | 'merchantName' | 'merchantCity' | 'purpose'>(
  target: { [P in K]?: string },
  key: K,
  value: string | undefined,
): void {
  if (value !== undefined) target[key] = value;
}
