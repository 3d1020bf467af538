/**
 * The checks every STIX object goes through: its common properties (section 3.2, as its category uses
 * them), the identifier rules of section 2.9 for non-SCOs, the type of each specific property, and the
 * rules for custom properties (sections 3.8 and 11.1).
 */
import { ALL_COMMON_PROPERTIES, COMMON_PROPERTIES, RESERVED_PROPERTIES } from './property-kinds.js';
import { childPath, stixError, stixWarning, type StixProblem } from './stix-problem.js';
import { isBase64, isHex, isLanguageTag } from './stix-formats.js';
import { parseStixId } from './stix-id.js';
import { compareTimestampText } from './timestamp.js';
import { checkExtensions, checkExternalReferences, checkGranularMarkings } from './validate-embedded.js';
import type { StixKind } from './validate-types.js';
import { checkInteger, checkKind, checkRef, checkTimestamp } from './validate-values.js';

type Out = StixProblem[];
type Obj = Record<string, unknown>;

const PROPERTY_NAME_RE = /^[a-z][a-z0-9_]{2,249}$/;

/** Checks the common properties of `obj`, of type `type` classified as `kind`. */
export function checkCommonProperties(out: Out, obj: Obj, type: string, kind: StixKind): void {
  const { category } = kind;
  const common = COMMON_PROPERTIES[category];
  for (const name of common.required) {
    if (obj[name] === undefined) out.push(stixError(name, `is required on ${label(category)}`));
  }
  if (obj.spec_version !== undefined && obj.spec_version !== '2.1') {
    out.push(stixError('spec_version', 'must be "2.1" for STIX 2.1 objects'));
  }
  checkOwnId(out, obj.id, type, category !== 'sco');
  if (obj.created !== undefined) checkTimestamp(out, 'created', obj.created, true);
  if (obj.modified !== undefined) checkTimestamp(out, 'modified', obj.modified, true);
  if (typeof obj.created === 'string' && typeof obj.modified === 'string') {
    if (compareTimestampText(obj.modified, obj.created) === -1) {
      out.push(stixError('modified', `${obj.modified} is earlier than created ${obj.created}`));
    }
  }
  if (obj.created_by_ref !== undefined) checkRef(out, 'created_by_ref', obj.created_by_ref, 'identity');
  if (obj.revoked !== undefined) checkKind(out, 'revoked', obj.revoked, 'boolean');
  if (obj.labels !== undefined) checkKind(out, 'labels', obj.labels, 'string-list');
  if (obj.confidence !== undefined) checkInteger(out, 'confidence', obj.confidence, 0, 100);
  if (obj.lang !== undefined && (typeof obj.lang !== 'string' || !isLanguageTag(obj.lang))) {
    out.push(stixError('lang', 'must be an RFC 5646 language code'));
  }
  if (obj.external_references !== undefined) {
    checkExternalReferences(out, 'external_references', obj.external_references);
  }
  if (obj.object_marking_refs !== undefined) {
    checkKind(out, 'object_marking_refs', obj.object_marking_refs, 'refs:marking-definition');
  }
  if (obj.granular_markings !== undefined)
    checkGranularMarkings(out, 'granular_markings', obj.granular_markings, obj);
  if (obj.defanged !== undefined) {
    if (category !== 'sco') out.push(stixError('defanged', 'MUST NOT be used on objects other than SCOs'));
    else checkKind(out, 'defanged', obj.defanged, 'boolean');
  }
  if (obj.extensions !== undefined) checkExtensions(out, 'extensions', obj.extensions, type, category);
  const uses = new Set([...common.required, ...common.optional, 'defanged']);
  for (const name of ALL_COMMON_PROPERTIES) {
    if (obj[name] !== undefined && !uses.has(name)) {
      out.push(stixWarning(name, `is not a property of ${label(category)}`));
    }
  }
}

/**
 * The object's own `id`: a valid identifier whose type is the object's. Objects other than SCOs SHOULD
 * use UUIDv4; SCO ids have their own rules (`validate-sco.ts`).
 */
function checkOwnId(out: Out, id: unknown, type: string, wantV4: boolean): void {
  if (id === undefined) return;
  if (typeof id !== 'string') {
    out.push(stixError('id', 'must be an identifier string'));
    return;
  }
  const parsed = parseStixId(id);
  if (!parsed.ok) {
    out.push(stixError('id', parsed.error));
    return;
  }
  if (parsed.value.type !== type) out.push(stixError('id', `must start with "${type}--", the object's type`));
  if (!parsed.value.isLowerCase)
    out.push(stixWarning('id', 'UUIDs SHOULD be written in lowercase (RFC 4122)'));
  if (wantV4 && parsed.value.version !== 4) {
    out.push(stixWarning('id', `SHOULD use a UUIDv4, not a version ${parsed.value.version} UUID`));
  }
}

/** Checks the specific and custom properties of `obj`, and that its specific required properties exist. */
export function checkOtherProperties(out: Out, obj: Obj, kind: StixKind): void {
  const spec = kind.spec;
  for (const name of spec?.required ?? []) {
    if (obj[name] === undefined) out.push(stixError(name, 'is required'));
  }
  // A top-level property extension adds properties its definition lists; a lone object cannot see that
  // list, so such objects are spared the x_ rule (names are still checked).
  const topLevel = kind.extensionTypes.includes('toplevel-property-extension');
  for (const [name, value] of Object.entries(obj)) {
    // An undefined value is an absent property (it cannot come from JSON, only from JavaScript callers).
    if (value === undefined || ALL_COMMON_PROPERTIES.has(name)) continue;
    if (RESERVED_PROPERTIES.has(name)) {
      out.push(stixError(name, 'is a reserved property name and MUST NOT be used'));
      continue;
    }
    const known = spec?.properties[name];
    if (known !== undefined) {
      checkKind(out, name, value, known);
      continue;
    }
    checkCustomProperty(out, name, value, !kind.custom || spec !== undefined, topLevel);
  }
}

function checkCustomProperty(
  out: Out,
  name: string,
  value: unknown,
  onDefinedType: boolean,
  topLevel: boolean,
): void {
  if (!PROPERTY_NAME_RE.test(name)) {
    out.push(
      stixError(
        name,
        'custom property names must be 3-250 characters of a-z, 0-9 and _, starting with a letter',
      ),
    );
    return;
  }
  // Section 11.1.1: names without x_ may get another meaning in a later version of STIX; Tocsin needs
  // forward compatibility, for which the spec makes the prefix a MUST.
  if (onDefinedType && !topLevel && !name.startsWith('x_')) {
    out.push(stixError(name, 'is not a property of this type; custom properties must start with "x_"'));
  }
  if (name.endsWith('_hex') && !isHex(value)) {
    out.push(stixError(name, 'a property named *_hex must hold hex'));
  }
  if (name.endsWith('_bin') && !isBase64(value)) {
    out.push(stixError(name, 'a property named *_bin must hold base64'));
  }
}

/** Checks that timestamp `later` is after (or, with `orEqual`, not before) timestamp `earlier`. */
export function checkOrder(out: Out, obj: Obj, earlier: string, later: string, orEqual: boolean): void {
  const a = obj[earlier];
  const b = obj[later];
  if (typeof a !== 'string' || typeof b !== 'string') return;
  const c = compareTimestampText(b, a);
  if (c === undefined) return;
  if (c === -1 || (c === 0 && !orEqual)) {
    out.push(
      stixError(later, `must be later than ${orEqual ? 'or equal to ' : ''}${earlier} (${a}), not ${b}`),
    );
  }
}

/** Prefixes the paths of `problems` with `base` (an object's place in a bundle). */
export function underPath(base: string, problems: readonly StixProblem[]): StixProblem[] {
  return problems.map((p) => ({ ...p, path: p.path === '' ? base : childPath(base, p.path) }));
}

function label(category: string): string {
  switch (category) {
    case 'sdo':
      return 'an SDO';
    case 'sro':
      return 'an SRO';
    case 'sco':
      return 'an SCO';
    default:
      return `a ${category}`;
  }
}
