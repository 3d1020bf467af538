/**
 * Checks of single property values against their `PropertyKind`: the data types of STIX 2.1 section 2
 * (identifiers, timestamps, hashes, hex, binary, lists, kill chain phases) and vocabulary membership.
 */
import type { PropertyKind } from './property-kinds.js';
import { SCO_SPECS } from './sco-properties.js';
import { META_SPECS, SDO_SPECS, SRO_SPECS } from './sdo-properties.js';
import { childPath, isJsonObject, stixError, stixWarning, type StixProblem } from './stix-problem.js';
import { parseStixId } from './stix-id.js';
import { HASH_FORMATS, isBase64, isHashKey, isHex } from './stix-formats.js';
import { parseStixTimestamp } from './timestamp.js';
import { inEnumeration, inOpenVocabulary, type Enumeration, type OpenVocabulary } from './vocabularies.js';

type Out = StixProblem[];

/** Checks `value` (at `path`) against `kind`, appending problems to `out`. */
export function checkKind(out: Out, path: string, value: unknown, kind: PropertyKind): void {
  const colon = kind.indexOf(':');
  const head = colon < 0 ? kind : kind.slice(0, colon);
  const arg = colon < 0 ? '' : kind.slice(colon + 1);
  switch (head) {
    case 'string':
      if (typeof value !== 'string') out.push(stixError(path, 'must be a string'));
      return;
    case 'boolean':
      if (typeof value !== 'boolean') out.push(stixError(path, 'must be true or false'));
      return;
    case 'integer':
    case 'uint':
      checkInteger(out, path, value, head === 'uint' ? 0 : undefined);
      return;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) out.push(stixError(path, 'must be a number'));
      return;
    case 'timestamp':
      checkTimestamp(out, path, value, false);
      return;
    case 'hashes':
      checkHashes(out, path, value);
      return;
    case 'kill-chain':
      if (checkList(out, path, value))
        value.forEach((v, i) => checkKillChainPhase(out, childPath(path, i), v));
      return;
    case 'dictionary':
      if (!isJsonObject(value) || Object.keys(value).length === 0) {
        out.push(stixError(path, 'must be a dictionary with at least one entry'));
      }
      return;
    case 'hex':
      if (!isHex(value)) {
        out.push(stixError(path, 'must be hex: an even number of hexadecimal digits'));
      } else if (/[A-F]/.test(value)) out.push(stixWarning(path, 'hex SHOULD use lowercase a-f'));
      return;
    case 'binary':
      if (!isBase64(value)) out.push(stixError(path, 'must be base64'));
      return;
    case 'list':
      checkList(out, path, value);
      return;
    case 'string-list':
      if (checkList(out, path, value))
        value.forEach((v, i) => checkKind(out, childPath(path, i), v, 'string'));
      return;
    case 'ref':
      checkRef(out, path, value, arg);
      return;
    case 'refs':
      if (checkList(out, path, value)) value.forEach((v, i) => checkRef(out, childPath(path, i), v, arg));
      return;
    case 'ov':
      checkVocab(out, path, value, arg as OpenVocabulary);
      return;
    case 'ov-list':
      if (checkList(out, path, value)) {
        value.forEach((v, i) => checkVocab(out, childPath(path, i), v, arg as OpenVocabulary));
      }
      return;
    case 'enum':
      checkEnum(out, path, value, arg as Enumeration);
      return;
    case 'enum-list':
      if (checkList(out, path, value))
        value.forEach((v, i) => checkEnum(out, childPath(path, i), v, arg as Enumeration));
      return;
    default:
      return;
  }
}

/** A list MUST have at least one value (section 2.12); true when `value` is a non-empty list. */
export function checkList(out: Out, path: string, value: unknown): value is unknown[] {
  if (!Array.isArray(value)) {
    out.push(stixError(path, 'must be a list'));
    return false;
  }
  if (value.length === 0) {
    out.push(stixError(path, 'must not be an empty list: omit the property instead'));
    return false;
  }
  return true;
}

/** An integer, representable in 54 bits (section 2.10), and at least `min` when given. */
export function checkInteger(out: Out, path: string, value: unknown, min?: number, max?: number): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    out.push(stixError(path, 'must be an integer'));
  } else if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
    out.push(stixError(path, `must be between ${min ?? '-2^53'} and ${max ?? '2^53'}, not ${value}`));
  }
}

/** A timestamp; with `millis`, precise to the millisecond at least (as `created`/`modified` must be). */
export function checkTimestamp(out: Out, path: string, value: unknown, millis: boolean): void {
  if (typeof value !== 'string') {
    out.push(stixError(path, 'must be a timestamp string'));
    return;
  }
  const ts = parseStixTimestamp(value);
  if (!ts.ok) out.push(stixError(path, ts.error));
  else if (millis && ts.value.fraction.length < 3) {
    out.push(
      stixError(path, `"${value}" must have at least millisecond precision (three fractional digits)`),
    );
  }
}

/** An identifier of one of `types` (`a|b`, `*` for any, `sco` for any SCO type). */
export function checkRef(out: Out, path: string, value: unknown, types: string): void {
  if (typeof value !== 'string') {
    out.push(stixError(path, 'must be an identifier string'));
    return;
  }
  const id = parseStixId(value);
  if (!id.ok) {
    out.push(stixError(path, id.error));
    return;
  }
  if (types === '*' || types === '') return;
  const t = id.value.type;
  if (types === 'sco' ? !couldBeSco(t) : !types.split('|').includes(t)) {
    out.push(
      stixError(
        path,
        `must refer to ${types === 'sco' ? 'an SCO' : types.split('|').join(' or ')}, not ${t}`,
      ),
    );
  }
}

/** Whether `type` is an SCO type of the spec, or a custom type (whose category a reference cannot tell). */
function couldBeSco(type: string): boolean {
  if (Object.hasOwn(SCO_SPECS, type)) return true;
  if (type === 'bundle') return false;
  return (
    !Object.hasOwn(SDO_SPECS, type) && !Object.hasOwn(SRO_SPECS, type) && !Object.hasOwn(META_SPECS, type)
  );
}

/** A `hashes` dictionary (section 2.7): known algorithms in their format, others SHOULD be avoided. */
export function checkHashes(out: Out, path: string, value: unknown): void {
  if (!isJsonObject(value) || Object.keys(value).length === 0) {
    out.push(stixError(path, 'must be a dictionary of at least one hash'));
    return;
  }
  for (const [algo, hash] of Object.entries(value)) {
    const p = childPath(path, algo);
    if (!isHashKey(algo))
      out.push(stixError(p, 'hash names must be 3-250 characters of a-z, A-Z, 0-9, - and _'));
    const format = HASH_FORMATS[algo];
    if (typeof hash !== 'string') out.push(stixError(p, 'must be a string'));
    else if (format !== undefined && !format.test(hash))
      out.push(stixError(p, `is not a valid ${algo} value`));
    if (format === undefined) out.push(stixWarning(p, `"${algo}" SHOULD come from hash-algorithm-ov`));
  }
}

function checkKillChainPhase(out: Out, path: string, value: unknown): void {
  if (!isJsonObject(value)) {
    out.push(stixError(path, 'must be a kill-chain-phase object'));
    return;
  }
  for (const key of ['kill_chain_name', 'phase_name']) {
    const v = value[key];
    if (typeof v !== 'string') out.push(stixError(childPath(path, key), 'is required and must be a string'));
    else if (!/^[a-z0-9-]+$/.test(v)) {
      out.push(stixWarning(childPath(path, key), 'SHOULD be lowercase with hyphens as word separators'));
    }
  }
}

function checkVocab(out: Out, path: string, value: unknown, vocab: OpenVocabulary): void {
  if (typeof value !== 'string') out.push(stixError(path, 'must be a string'));
  else if (!inOpenVocabulary(vocab, value))
    out.push(stixWarning(path, `"${value}" SHOULD come from ${vocab}`));
}

function checkEnum(out: Out, path: string, value: unknown, enumeration: Enumeration): void {
  if (typeof value !== 'string' || !inEnumeration(enumeration, value)) {
    out.push(stixError(path, `must be one of ${enumeration}`));
  }
}
