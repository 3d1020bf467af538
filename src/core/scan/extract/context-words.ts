import { isInlineSpace, isWordChar } from './char-classes.js';
import { Keywords, Phrases, readWordsBefore } from './word-hash.js';

// The words around a number or a link that tell what it is: "STK" before an account, "OTP" before a code,
// "truy cập" before a link, "VND" after an amount. Matched with word-hash.ts, which builds no string.

// Words that name an account: "STK", "số tài khoản", "chuyển khoản", "account", "compte", "virement".
// prettier-ignore
const ACCOUNT = new Phrases([
  'stk', 'tk', 'ck', 'sotk', 'taikhoan', 'sotaikhoan', 'chuyenkhoan', 'account', 'acct', 'acc', 'compte',
  'iban', 'rib', 'virement', 'beneficiary', 'nap', 'tai khoan', 'chuyen khoan', 'chuyen tien', 'nap tien',
  'thu huong', 'so tk',
]);
const ACCOUNT_WORDS = new Set(['stk', 'tk', 'ck', 'sotk', 'account', 'acct', 'acc', 'compte']);

// Words before a one-time code, PIN or reference ("Ma OTP VCB cua ban la 12345678", "code: 12345678"), and
// shorter ones that say the same only right before the number ("mã 12345678", "MK …", "Ref …").
const CODE = new Keywords(['otp', 'code', 'pin', 'password', 'passcode', 'cvv', 'mpin']);
const NEAR_CODE = new Keywords(['ma', 'mk', 'ref']);

/** `numberContext`: an account word comes before the number. */
export const ACCOUNT_WORD = 1;
/** `numberContext`: a word before the number introduces a code (OTP, PIN, reference), not an account. */
export const CODE_WORD = 2;

/** What the words before `pos` in its sentence (32 characters, six words) say: ACCOUNT_WORD | CODE_WORD. */
export function numberContext(text: string, pos: number): number {
  const count = readWordsBefore(text, pos, 32, 6);
  let flags = 0;
  if (ACCOUNT.foundIn(text, count)) flags |= ACCOUNT_WORD;
  for (let k = 0; k < count; k++) {
    if (CODE.match(text, k) !== undefined || (k < 2 && NEAR_CODE.match(text, k) !== undefined)) {
      flags |= CODE_WORD;
      break;
    }
  }
  return flags;
}

// Words glued to a phone or account number in SMS: "LH0912345678", "SĐT0912345678", "STK0123456789".
const PHONE_LABELS = new Set(['lh', 'sdt', 'dt', 'tel', 'hotline', 'zalo', 'goi', 'call', 'phone']);

/** Whether `word` (folded) may be glued to the number after it: a phone or account label. */
export function isGluedLabel(word: string): boolean {
  return PHONE_LABELS.has(word) || ACCOUNT_WORDS.has(word);
}

/** Whether `word` (folded), glued to its number, says it is an account: `STK0123456789`. */
export function isAccountLabel(word: string): boolean {
  return ACCOUNT_WORDS.has(word);
}

// Words that say a link follows: "truy cập", "link", "website", "click", "visitez", "sur".
// prettier-ignore
const LINK = new Phrases([
  'link', 'links', 'web', 'website', 'trang', 'click', 'clic', 'cliquez', 'visit', 'visitez', 'site', 'sur',
  'url', 'login', 'truy cap', 'dang nhap', 'lien ket',
]);

/** Whether the words before `pos` in its sentence (within 40 characters) say that a link follows. */
export function linkWordBefore(text: string, pos: number): boolean {
  const count = readWordsBefore(text, pos, 40, 6);
  return LINK.foundIn(text, count);
}

// Currencies written after an amount: "1500000 đ", "2 000 000 VND", "150000 USDT". Only numbers of six digits
// or more reach this test, so magnitude words ("500 ngàn", "50 triệu") need not be here, and must not be:
// "0123456789 ngân hàng Techcombank" folds to "ngan".
const UNITS = new Keywords(['d', 'dong', 'vnd', 'usd', 'eur', 'euro', 'euros', 'usdt', 'btc', 'eth', 'trx']);

/** Whether a currency word or sign follows `end` (one space allowed): the number before it is an amount. */
export function unitFollows(text: string, end: number): boolean {
  let i = end;
  if (isInlineSpace(text.charCodeAt(i))) i++;
  const c = text.charCodeAt(i);
  if (c === 0x20ab || c === 0x20ac || c === 0x24 || c === 0x25 || c === 0xa3) return true; // ₫ € $ % £
  if (!isWordChar(c)) return false;
  let j = i;
  while (j - i < 8 && isWordChar(text.charCodeAt(j))) j++;
  if (isWordChar(text.charCodeAt(j))) return false;
  // Read it as readWordsBefore would, from its end.
  return readWordsBefore(text, j, j - i, 1) === 1 && UNITS.match(text, 0) !== undefined;
}

// Words right before an amount: "giá 1250000", "phí 30000", "montant 150000".
const AMOUNT = new Keywords(['gia', 'phi', 'price', 'prix', 'montant', 'amount', 'total', 'tong', 'solde']);

/** Whether a currency sign or an amount word comes right before `start`. */
export function amountWordPrecedes(text: string, start: number): boolean {
  let i = start - 1;
  if (isInlineSpace(text.charCodeAt(i))) i--;
  const c = text.charCodeAt(i);
  if (c === 0x20ab || c === 0x20ac || c === 0x24 || c === 0xa3) return true;
  return readWordsBefore(text, start, 12, 1) === 1 && AMOUNT.match(text, 0) !== undefined;
}
