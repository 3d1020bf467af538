/**
 * The rules of STIX 2.1 section 4 that property types alone cannot express: orders between timestamps,
 * numeric ranges, properties that depend on each other, and the types references may point to.
 */
import { SCO_SPECS } from './sco-properties.js';
import { SDO_SPECS } from './sdo-properties.js';
import { stixError, stixWarning, type StixProblem } from './stix-problem.js';
import { stixIdType } from './stix-id.js';
import { checkOrder } from './validate-common.js';
import { checkInteger } from './validate-values.js';

type Out = StixProblem[];
type Obj = Record<string, unknown>;

const SEEN_TYPES = new Set(['campaign', 'infrastructure', 'intrusion-set', 'malware', 'threat-actor']);
// Section 4.14: what observed-data may point at besides SCOs.
const NOT_OBSERVABLE = new Set(['bundle', 'marking-definition', 'language-content', 'extension-definition']);

/** Checks the rules specific to the SDO `type`. */
export function checkSdoRules(out: Out, obj: Obj, type: string): void {
  if (SEEN_TYPES.has(type)) checkOrder(out, obj, 'first_seen', 'last_seen', true);
  switch (type) {
    case 'indicator':
      checkOrder(out, obj, 'valid_from', 'valid_until', false);
      if (obj.pattern === '') out.push(stixError('pattern', 'must not be empty'));
      return;
    case 'malware':
      if (obj.is_family === true && obj.name === undefined) {
        out.push(stixError('name', 'is required when is_family is true'));
      }
      return;
    case 'malware-analysis':
      if (obj.result === undefined && obj.analysis_sco_refs === undefined) {
        out.push(stixError('result', 'one of result or analysis_sco_refs must be present'));
      }
      return;
    case 'location':
      checkLocation(out, obj);
      return;
    case 'observed-data':
      checkObservedData(out, obj);
      return;
    default:
      return;
  }
}

function checkLocation(out: Out, obj: Obj): void {
  const lat = obj.latitude;
  const lon = obj.longitude;
  if (typeof lat === 'number' && (lat < -90 || lat > 90))
    out.push(stixError('latitude', 'must be between -90 and 90'));
  if (typeof lon === 'number' && (lon < -180 || lon > 180)) {
    out.push(stixError('longitude', 'must be between -180 and 180'));
  }
  if ((lat === undefined) !== (lon === undefined)) {
    out.push(stixError(lat === undefined ? 'latitude' : 'longitude', 'latitude and longitude go together'));
  }
  if (obj.precision !== undefined && (lat === undefined || lon === undefined)) {
    out.push(stixError('precision', 'requires latitude and longitude'));
  }
  if (obj.region === undefined && obj.country === undefined && (lat === undefined || lon === undefined)) {
    out.push(stixError('region', 'a location needs region, country, or latitude and longitude'));
  }
  if (typeof obj.country === 'string' && !/^[A-Za-z]{2}$/.test(obj.country)) {
    out.push(stixWarning('country', 'SHOULD be an ISO 3166-1 alpha-2 code'));
  }
}

function checkObservedData(out: Out, obj: Obj): void {
  if (obj.number_observed !== undefined)
    checkInteger(out, 'number_observed', obj.number_observed, 1, 999_999_999);
  checkOrder(out, obj, 'first_observed', 'last_observed', true);
  const hasObjects = obj.objects !== undefined;
  const hasRefs = obj.object_refs !== undefined;
  if (hasObjects === hasRefs)
    out.push(stixError('object_refs', 'exactly one of object_refs and objects is required'));
  if (hasObjects) out.push(stixWarning('objects', 'is deprecated: use object_refs'));
  if (!Array.isArray(obj.object_refs)) return;
  let scos = 0;
  obj.object_refs.forEach((ref, i) => {
    const t = typeof ref === 'string' ? stixIdType(ref) : undefined;
    if (t === undefined) return; // reported by the property check
    if (t === 'relationship' || t === 'sighting') return;
    if (Object.hasOwn(SCO_SPECS, t) || !isStandardNonSco(t)) scos++;
    else out.push(stixError(`object_refs[${i}]`, `may refer only to SCOs and SROs, not ${t}`));
  });
  if (scos === 0) out.push(stixError('object_refs', 'must refer to at least one SCO'));
}

// Spec types that are not SCOs; custom types may be SCOs, and are given the benefit of the doubt.
function isStandardNonSco(type: string): boolean {
  return NOT_OBSERVABLE.has(type) || Object.hasOwn(SDO_SPECS, type);
}
