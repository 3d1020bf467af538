/** Builds VietQR (EMVCo) payloads for tests, field by field, with a correct CRC. */
import { crc16, crc16Hex } from '../../src/core/observables/crc16.js';

const tlv = (tag: string, value: string) => tag + String(value.length).padStart(2, '0') + value;

export function vietQrPayload(
  bin: string,
  account: string,
  opts: { amount?: string; purpose?: string; card?: boolean } = {},
): string {
  const merchant =
    tlv('00', 'A000000727') +
    tlv('01', tlv('00', bin) + tlv('01', account)) +
    tlv('02', opts.card === true ? 'QRIBFTTC' : 'QRIBFTTA');
  const body =
    tlv('00', '01') +
    tlv('01', opts.amount === undefined ? '11' : '12') +
    tlv('38', merchant) +
    tlv('53', '704') +
    (opts.amount === undefined ? '' : tlv('54', opts.amount)) +
    tlv('58', 'VN') +
    (opts.purpose === undefined ? '' : tlv('62', tlv('08', opts.purpose))) +
    '6304';
  return body + crc16Hex(crc16(body));
}
