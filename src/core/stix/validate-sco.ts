/**
 * The rules of STIX 2.1 section 6 beyond property types: the identifier rules of SCOs (section 2.9),
 * value formats of the address objects, and properties that require or exclude each other.
 */
import { SCO_ID_CONTRIBUTING_PROPERTIES, scoId } from './sco-id.js';
import { SCO_SPECS } from './sco-properties.js';
import { childPath, isJsonObject, stixError, stixWarning, type StixProblem } from './stix-problem.js';
import {
  isDomainName,
  isEmailAddress,
  isIpv4Cidr,
  isIpv6Cidr,
  isLanguageTag,
  isMacAddress,
} from './stix-formats.js';
import { parseStixId } from './stix-id.js';
import { isTocsinScoType } from './tocsin-extension.js';
import { checkOrder } from './validate-common.js';
import { checkTocsinSco } from './validate-tocsin.js';
import { checkInteger, checkList, checkRef } from './validate-values.js';
import { inEnumeration } from './vocabularies.js';

type Out = StixProblem[];
type Obj = Record<string, unknown>;

// The value formats of the address SCOs (sections 6.4, 6.5, 6.8-6.10, 6.15).
const VALUE_FORMATS: Readonly<Record<string, readonly [(value: string) => boolean, string]>> = {
  'ipv4-addr': [isIpv4Cidr, 'is not an IPv4 address or CIDR block'],
  'ipv6-addr': [isIpv6Cidr, 'is not an IPv6 address or CIDR block'],
  'mac-addr': [isMacAddress, 'must be a lowercase, colon-delimited MAC-48 address'],
  'domain-name': [isDomainName, 'is not a domain name'],
  'email-addr': [isEmailAddress, 'must be a single e-mail address (addr-spec)'],
  url: [(v) => URL.canParse(v), 'is not a URL'],
};
const ABBREVIATED_HIVE_RE = /^(?:HKLM|HKCC|HKCR|HKCU|HKU)(?:\\|$)/i;
// Types all of whose properties are optional, of which at least one MUST be present (sections 6.13-6.18).
const NEEDS_ONE = new Set(['process', 'user-account', 'windows-registry-key', 'x509-certificate']);
const SCO_COMMON = new Set([
  'type',
  'id',
  'spec_version',
  'object_marking_refs',
  'granular_markings',
  'defanged',
]);

/** Checks the rules specific to the SCO `type`, including how its id was made. */
export function checkScoRules(out: Out, obj: Obj, type: string): void {
  if (isTocsinScoType(type)) {
    checkTocsinSco(out, obj, type);
    return;
  }
  checkScoId(out, obj, type);
  const format = VALUE_FORMATS[type];
  if (format !== undefined && typeof obj.value === 'string' && !format[0](obj.value)) {
    out.push(stixError('value', format[1]));
  }
  checkByType(out, obj, type);
}

function checkByType(out: Out, obj: Obj, type: string): void {
  if (NEEDS_ONE.has(type) && Object.keys(obj).every((k) => SCO_COMMON.has(k))) {
    out.push(stixError('', `a ${type} must have at least one of its own properties`));
  }
  switch (type) {
    case 'artifact':
      if ((obj.payload_bin === undefined) === (obj.url === undefined)) {
        out.push(stixError('payload_bin', 'exactly one of payload_bin and url is required'));
      }
      if (obj.url !== undefined && obj.hashes === undefined)
        out.push(stixError('hashes', 'is required with url'));
      if (obj.decryption_key !== undefined && obj.encryption_algorithm === undefined) {
        out.push(stixError('decryption_key', 'MUST NOT be present without encryption_algorithm'));
      }
      return;
    case 'file':
      if (obj.hashes === undefined && obj.name === undefined)
        out.push(stixError('name', 'a file needs hashes or name'));
      if (obj.name_enc !== undefined && obj.name === undefined)
        out.push(stixError('name_enc', 'requires name'));
      return;
    case 'email-message':
      if (obj.is_multipart === true && obj.body !== undefined) {
        out.push(stixError('body', 'MUST NOT be used when is_multipart is true'));
      }
      if (obj.is_multipart === false && obj.body_multipart !== undefined) {
        out.push(stixError('body_multipart', 'MUST NOT be used when is_multipart is false'));
      }
      if (Array.isArray(obj.body_multipart)) checkMimeParts(out, obj.body_multipart);
      return;
    case 'network-traffic':
      if (obj.src_ref === undefined && obj.dst_ref === undefined) {
        out.push(stixError('src_ref', 'network traffic needs src_ref or dst_ref'));
      }
      for (const port of ['src_port', 'dst_port']) {
        if (obj[port] !== undefined) checkInteger(out, port, obj[port], 0, 65535);
      }
      if (obj.is_active === true && obj.end !== undefined)
        out.push(stixError('end', 'MUST NOT be present when is_active is true'));
      checkOrder(out, obj, 'start', 'end', true);
      return;
    case 'software':
      if (Array.isArray(obj.languages)) {
        obj.languages.forEach((l, i) => {
          if (typeof l === 'string' && !isLanguageTag(l))
            out.push(stixError(`languages[${i}]`, 'must be an RFC 5646 code'));
        });
      }
      return;
    case 'windows-registry-key':
      if (typeof obj.key === 'string' && ABBREVIATED_HIVE_RE.test(obj.key)) {
        out.push(stixError('key', 'must name the hive in full (HKEY_LOCAL_MACHINE, not HKLM)'));
      }
      if (Array.isArray(obj.values)) checkRegistryValues(out, obj.values);
      return;
    default:
      return;
  }
}

/**
 * Section 2.9: an SCO SHOULD have the deterministic UUIDv5 of its ID contributing properties, and MUST
 * have a UUIDv4 when none of them is present (always, for `process`).
 */
function checkScoId(out: Out, obj: Obj, type: string): void {
  if (typeof obj.id !== 'string' || SCO_ID_CONTRIBUTING_PROPERTIES[type] === undefined) return;
  const id = parseStixId(obj.id);
  if (!id.ok || id.value.type !== type) return; // reported by the common checks
  const expected = scoId(type, obj);
  if (expected === undefined) {
    // A missing required contributing property is reported as missing; the id is judged once it is there.
    if (SCO_SPECS[type]?.required.some((name) => obj[name] === undefined)) return;
    if (id.value.version !== 4) {
      out.push(stixError('id', 'no ID contributing property is present, so the id MUST be a UUIDv4'));
    }
  } else if (id.value.version !== 5) {
    out.push(stixWarning('id', `SHOULD be the deterministic UUIDv5 ${expected}`));
  } else if (obj.id.toLowerCase() !== expected) {
    out.push(
      stixWarning(
        'id',
        `is a UUIDv5 but not the deterministic id ${expected} of its contributing properties`,
      ),
    );
  }
}

function checkMimeParts(out: Out, parts: unknown[]): void {
  parts.forEach((part, i) => {
    const p = childPath('body_multipart', i);
    if (!isJsonObject(part)) {
      out.push(stixError(p, 'must be an email-mime-part-type object'));
      return;
    }
    if (part.body === undefined && part.body_raw_ref === undefined) {
      out.push(stixError(p, 'needs body or body_raw_ref'));
    }
    if (part.body_raw_ref !== undefined)
      checkRef(out, childPath(p, 'body_raw_ref'), part.body_raw_ref, 'artifact|file');
  });
}

function checkRegistryValues(out: Out, values: unknown[]): void {
  if (!checkList(out, 'values', values)) return;
  values.forEach((v, i) => {
    const p = childPath('values', i);
    if (!isJsonObject(v)) out.push(stixError(p, 'must be a windows-registry-value-type object'));
    else if (
      v.data_type !== undefined &&
      (typeof v.data_type !== 'string' || !inEnumeration('windows-registry-datatype-enum', v.data_type))
    ) {
      out.push(stixError(childPath(p, 'data_type'), 'must come from windows-registry-datatype-enum'));
    }
  });
}
