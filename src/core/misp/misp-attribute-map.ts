/**
 * What one MISP attribute is in STIX: the pattern of an indicator (for `to_ids` attributes) and the SCOs of
 * observed data (for the others). Types follow misp-stix (MISP's own converter) where Tocsin can enforce the
 * result, and depart from it where misp-stix's pattern would be one Tocsin cannot match: `ip-dst` is
 * `[ipv4-addr:value = '…']`, not misp-stix's `network-traffic:dst_ref…` conjunction, and `email-src` is
 * `[email-addr:value = '…']`, not `email-message:from_ref.value`. Values that Tocsin has an observable kind for
 * (IPs, domains, URLs, e-mail addresses, hashes, phone numbers, wallets) are canonicalized by its parsers, so
 * that they meet the same values reported to Tocsin directly; their SCOs come from `scoOfObservable`.
 */
import type { ObservableKind } from '../observables/observable.js';
import { parseObservable } from '../observables/observable-value.js';
import { hashStep, observablePattern, patternString } from '../stix/export/observable-pattern.js';
import { scoOfObservable, type Sco } from '../stix/observable-sco.js';
import { scoId } from '../stix/sco-id.js';

/** A mapped attribute: the indicator pattern, and the SCOs (the first is the observed one) with their refs. */
export interface MappedAttribute {
  readonly pattern: string;
  readonly scos: readonly Sco[];
}

export type AttributeMapping = MappedAttribute | { readonly reason: string };

// MISP hash types and their STIX `hashes` keys (hash-algorithm-ov).
const HASHES: Readonly<Record<string, string>> = {
  md5: 'MD5',
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  sha512: 'SHA-512',
  'sha3-256': 'SHA3-256',
  'sha3-512': 'SHA3-512',
  ssdeep: 'SSDEEP',
  tlsh: 'TLSH',
};

// MISP types whose value is one Tocsin observable.
const OBSERVABLE_TYPES: Readonly<Record<string, ObservableKind>> = {
  'ip-src': 'ip',
  'ip-dst': 'ip',
  domain: 'domain',
  hostname: 'domain',
  url: 'url',
  uri: 'url',
  email: 'email',
  'email-src': 'email',
  'email-dst': 'email',
  'email-reply-to': 'email',
  'target-email': 'email',
  'whois-registrant-email': 'email',
  'phone-number': 'phone',
  'whois-registrant-phone': 'phone',
  btc: 'wallet',
};

/** The MISP attribute types this module maps. */
export const MAPPED_MISP_TYPES: readonly string[] = [
  ...Object.keys(OBSERVABLE_TYPES),
  ...Object.keys(HASHES),
  ...Object.keys(HASHES).map((h) => `filename|${h}`),
  'ip-src|port',
  'ip-dst|port',
  'domain|ip',
  'filename',
  'mutex',
  'regkey',
  'regkey|value',
  'AS',
  'mac-address',
  'email-subject',
  'x509-fingerprint-md5',
  'x509-fingerprint-sha1',
  'x509-fingerprint-sha256',
].sort();

function sco(type: string, props: Record<string, unknown>): Sco {
  // Every SCO built here has one of its ID contributing properties, so the id exists.
  return { type, spec_version: '2.1', id: scoId(type, props)!, ...props };
}

function observable(kind: ObservableKind, value: string): AttributeMapping {
  const parsed = parseObservable(kind, value);
  if (!parsed.ok) return { reason: `not a valid ${kind}: ${parsed.error}` };
  const canonical = parsed.value.canonical;
  const pattern = observablePattern(kind, canonical);
  const one = scoOfObservable(kind, canonical);
  if (pattern === undefined || one === undefined)
    return { reason: `no STIX form for the ${kind} ${canonical}` };
  return { pattern, scos: [one] };
}

/** Splits a composite value `a|b` (MISP's separator); undefined when it has no `|`. */
function pair(value: string): readonly [string, string] | undefined {
  const bar = value.indexOf('|');
  return bar < 0 ? undefined : [value.slice(0, bar).trim(), value.slice(bar + 1).trim()];
}

function hashOf(type: string, value: string): AttributeMapping {
  const name = HASHES[type]!;
  const v = value.trim();
  const fixed = /^[0-9a-fA-F]+$/.test(v) ? v.toLowerCase() : v;
  return {
    pattern: `[file:hashes.${hashStep(name)} = ${patternString(fixed)}]`,
    scos: [sco('file', { hashes: { [name]: fixed } })],
  };
}

function ipAddr(value: string): { readonly sco: Sco; readonly type: string } | { readonly reason: string } {
  const parsed = parseObservable('ip', value);
  if (!parsed.ok) return { reason: `not a valid ip: ${parsed.error}` };
  const type = parsed.value.canonical.includes(':') ? 'ipv6-addr' : 'ipv4-addr';
  return { sco: scoOfObservable('ip', parsed.value.canonical)!, type };
}

/** Maps one attribute's type and value, or says why it cannot be. */
export function mapAttribute(type: string, rawValue: string): AttributeMapping {
  const value = rawValue.trim();
  if (value === '') return { reason: 'empty value' };
  if (Object.hasOwn(OBSERVABLE_TYPES, type)) return observable(OBSERVABLE_TYPES[type]!, value);
  if (Object.hasOwn(HASHES, type)) return hashOf(type, value);
  const [base, second] = type.split('|');
  if (base === 'filename' && second !== undefined && Object.hasOwn(HASHES, second)) {
    const p = pair(value);
    if (p === undefined) return { reason: `a ${type} value is "filename|hash"` };
    const hash = hashOf(second, p[1]) as MappedAttribute;
    const name = HASHES[second]!;
    const hashValue = (hash.scos[0]!['hashes'] as Record<string, string>)[name]!;
    return {
      pattern: `[file:name = ${patternString(p[0])} AND file:hashes.${hashStep(name)} = ${patternString(hashValue)}]`,
      scos: [sco('file', { name: p[0], hashes: { [name]: hashValue } })],
    };
  }
  switch (type) {
    case 'ip-src|port':
    case 'ip-dst|port': {
      const p = pair(value);
      const port = p === undefined ? NaN : Number(p[1]);
      if (p === undefined || !Number.isInteger(port) || port < 0 || port > 65535) {
        return { reason: `a ${type} value is "ip|port", port 0-65535` };
      }
      const ip = ipAddr(p[0]);
      if ('reason' in ip) return ip;
      const side = type === 'ip-src|port' ? 'src' : 'dst';
      const ipValue = ip.sco['value'] as string;
      return {
        pattern:
          `[network-traffic:${side}_ref.type = ${patternString(ip.type)} AND ` +
          `network-traffic:${side}_ref.value = ${patternString(ipValue)} AND network-traffic:${side}_port = ${port}]`,
        scos: [
          sco('network-traffic', {
            [`${side}_ref`]: ip.sco.id,
            [`${side}_port`]: port,
            protocols: [ip.type === 'ipv6-addr' ? 'ipv6' : 'ipv4'],
          }),
          ip.sco,
        ],
      };
    }
    case 'domain|ip': {
      const p = pair(value);
      if (p === undefined) return { reason: 'a domain|ip value is "domain|ip"' };
      const domain = parseObservable('domain', p[0]);
      if (!domain.ok) return { reason: `not a valid domain: ${domain.error}` };
      const ip = ipAddr(p[1]);
      if ('reason' in ip) return ip;
      const d = domain.value.canonical;
      return {
        pattern:
          `[domain-name:value = ${patternString(d)} AND ` +
          `domain-name:resolves_to_refs[*].value = ${patternString(ip.sco['value'] as string)}]`,
        scos: [sco('domain-name', { value: d, resolves_to_refs: [ip.sco.id] }), ip.sco],
      };
    }
    case 'filename':
      return { pattern: `[file:name = ${patternString(value)}]`, scos: [sco('file', { name: value })] };
    case 'mutex':
      return { pattern: `[mutex:name = ${patternString(value)}]`, scos: [sco('mutex', { name: value })] };
    case 'regkey':
      return {
        pattern: `[windows-registry-key:key = ${patternString(value)}]`,
        scos: [sco('windows-registry-key', { key: value })],
      };
    case 'regkey|value': {
      const p = pair(value);
      if (p === undefined) return { reason: 'a regkey|value value is "key|data"' };
      return {
        pattern:
          `[windows-registry-key:key = ${patternString(p[0])} AND ` +
          `windows-registry-key:values[*].data = ${patternString(p[1])}]`,
        scos: [sco('windows-registry-key', { key: p[0], values: [{ data: p[1] }] })],
      };
    }
    case 'AS': {
      const m = /^(?:AS)?(\d{1,10})$/i.exec(value);
      const n = m === null ? NaN : Number(m[1]);
      if (!Number.isSafeInteger(n) || n > 4294967295)
        return { reason: 'an AS value is "AS<number>" or a number' };
      return {
        pattern: `[autonomous-system:number = ${n}]`,
        scos: [sco('autonomous-system', { number: n })],
      };
    }
    case 'mac-address': {
      const mac = value.toLowerCase().replace(/-/g, ':');
      if (!/^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/.test(mac)) return { reason: 'not a MAC-48 address' };
      return { pattern: `[mac-addr:value = ${patternString(mac)}]`, scos: [sco('mac-addr', { value: mac })] };
    }
    case 'email-subject':
      return {
        pattern: `[email-message:subject = ${patternString(value)}]`,
        // email-message has no ID contributing property here but subject: its id comes from it.
        scos: [sco('email-message', { is_multipart: false, subject: value })],
      };
    case 'x509-fingerprint-md5':
    case 'x509-fingerprint-sha1':
    case 'x509-fingerprint-sha256': {
      const name = HASHES[type.slice('x509-fingerprint-'.length)]!;
      const hex = value.toLowerCase().replace(/:/g, '');
      return {
        pattern: `[x509-certificate:hashes.${hashStep(name)} = ${patternString(hex)}]`,
        scos: [sco('x509-certificate', { hashes: { [name]: hex } })],
      };
    }
    default:
      return { reason: `MISP type ${type} has no STIX mapping in Tocsin` };
  }
}
