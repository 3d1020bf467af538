import { Metadata, ParseError, isSupportedCountry, parsePhoneNumberWithError } from 'libphonenumber-js/max';
import type { CountryCode, NumberType, PhoneNumber } from 'libphonenumber-js/max';
import { fail, type ParseResult } from './observable.js';
import { parseVietnamesePhoneFast, phoneErrors } from './phone-vn.js';

/** What a number is for, as the numbering plan of its country says. */
export type PhoneType =
  | 'mobile'
  | 'fixed-line'
  | 'toll-free'
  | 'premium-rate'
  | 'shared-cost'
  | 'voip'
  | 'personal'
  | 'pager'
  | 'uan'
  | 'voicemail'
  | 'unknown';

/** A valid phone number. `e164` (`+84912345678`) is the canonical value. */
export type Phone = {
  readonly e164: string;
  /** ISO 3166 country, or undefined for non-geographic codes such as +800. */
  readonly region: string | undefined;
  readonly type: PhoneType;
};

/**
 * Parses a phone number written in any common way (`0912 345 678`, `+84 912 345 678`, `0084…`, `(+84) 91-234-5678`)
 * into its E.164 form. Numbers without a country code are read in `defaultRegion`.
 */
export function parsePhone(input: string, defaultRegion = 'VN'): ParseResult<Phone> {
  return (
    parseVietnamesePhoneFast(input, defaultRegion === 'VN') ?? parsePhoneWithLibrary(input, defaultRegion)
  );
}

/** Parses a phone number with libphonenumber-js only: the reference the fast path is tested against. */
export function parsePhoneWithLibrary(input: string, defaultRegion = 'VN'): ParseResult<Phone> {
  if (!isSupportedCountry(defaultRegion)) return fail(`unknown default region "${defaultRegion}"`);
  const bad = checkCharacters(input);
  if (bad !== undefined) return fail(bad);
  let phone: PhoneNumber;
  try {
    phone = parsePhoneNumberWithError(input, { defaultCountry: defaultRegion });
  } catch (error) {
    return fail(parseErrorMessage(error, input));
  }
  const where = phone.country ?? `+${phone.countryCallingCode}`;
  if (!phone.isValid()) return fail(lengthError(phone, where) ?? phoneErrors.invalidFor(where));
  return { ok: true, value: { e164: phone.number, region: phone.country, type: typeOf(phone.getType()) } };
}

/** Says why `input` holds something other than digits and phone punctuation, or undefined if it does not. */
function checkCharacters(input: string): string | undefined {
  let digits = 0;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits++;
      continue;
    }
    if (isPhonePunctuation(c)) continue;
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || /\p{L}/u.test(input[i]!)) {
      return 'phone number contains letters';
    }
    return `unexpected character ${JSON.stringify(String.fromCodePoint(input.codePointAt(i)!))} in phone number`;
  }
  if (digits > 0) return undefined;
  return input.trim() === '' ? 'empty phone number' : 'not a phone number: no digits';
}

function isPhonePunctuation(c: number): boolean {
  return (
    c === 32 || // space
    c === 9 || // tab
    c === 0xa0 || // no-break space
    c === 0x202f || // narrow no-break space
    c === 43 || // +
    c === 45 || // -
    c === 46 || // .
    c === 40 || // (
    c === 41 || // )
    c === 47 || // /
    (c >= 0x2010 && c <= 0x2015) || // hyphens and dashes
    c === 0x2212 // minus sign
  );
}

function parseErrorMessage(error: unknown, input: string): string {
  const code = error instanceof ParseError ? error.message : undefined;
  switch (code) {
    case 'TOO_SHORT':
      return phoneErrors.tooShort;
    case 'TOO_LONG':
      return phoneErrors.tooLong;
    case 'INVALID_COUNTRY':
      return input.includes('+')
        ? 'unknown country calling code'
        : 'no country calling code, and the default region cannot read it';
    case undefined:
    default:
      return 'not a phone number';
  }
}

// Possible NSN lengths per region or calling code, looked up once each.
const possibleLengths = new Map<string, readonly number[]>();

/** Says the number's length is impossible where it belongs, or undefined if its length is possible. */
function lengthError(phone: PhoneNumber, where: string): string | undefined {
  const plan = phone.country ?? phone.countryCallingCode;
  let lengths = possibleLengths.get(plan);
  if (lengths === undefined) {
    const metadata = new Metadata();
    // The library also accepts a calling code here (non-geographic numbers); its type says country only.
    metadata.selectNumberingPlan(plan as CountryCode);
    lengths = metadata.numberingPlan?.possibleLengths() ?? [];
    possibleLengths.set(plan, lengths);
  }
  const min = lengths[0];
  const max = lengths[lengths.length - 1];
  const len = phone.nationalNumber.length;
  if (min === undefined || max === undefined || lengths.includes(len)) return undefined;
  if (len < min) return phoneErrors.tooShortFor(where);
  if (len > max) return phoneErrors.tooLongFor(where);
  return phoneErrors.badLengthFor(where);
}

function typeOf(type: NumberType): PhoneType {
  switch (type) {
    case 'MOBILE':
      return 'mobile';
    case 'FIXED_LINE':
      return 'fixed-line';
    case 'TOLL_FREE':
      return 'toll-free';
    case 'PREMIUM_RATE':
      return 'premium-rate';
    case 'SHARED_COST':
      return 'shared-cost';
    case 'VOIP':
      return 'voip';
    case 'PERSONAL_NUMBER':
      return 'personal';
    case 'PAGER':
      return 'pager';
    case 'UAN':
      return 'uan';
    case 'VOICEMAIL':
      return 'voicemail';
    // Plans such as +1 do not tell a mobile from a fixed line.
    case 'FIXED_LINE_OR_MOBILE':
    case undefined:
      return 'unknown';
  }
}
