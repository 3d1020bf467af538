/**
 * Which kind of STIX object an object is: the spec's own types by name; custom types by the extension
 * that declares them (`extension_type` new-sdo / new-sco / new-sro) or, for the deprecated `x-` custom
 * objects that declare nothing, by their shape (versioned objects are SDO-like, others SCO-like).
 */
import type { StixCategory, TypeSpec } from './property-kinds.js';
import { SCO_SPECS } from './sco-properties.js';
import { META_SPECS, SDO_SPECS, SRO_SPECS } from './sdo-properties.js';
import { isJsonObject } from './stix-problem.js';
import { TOCSIN_SCO_SPECS, isTocsinScoType } from './tocsin-extension.js';

/** How an object was classified. */
export interface StixKind {
  readonly category: StixCategory;
  /** The specific properties of the type, when the type is known (spec or Tocsin). */
  readonly spec: TypeSpec | undefined;
  /** A type the spec does not define. */
  readonly custom: boolean;
  /** The extension types the object declares in its `extensions` (`new-sco`, `property-extension`...). */
  readonly extensionTypes: readonly string[];
}

/** The `extension_type` values an object declares in its `extensions`. */
export function declaredExtensionTypes(obj: Readonly<Record<string, unknown>>): string[] {
  const ext = obj.extensions;
  if (!isJsonObject(ext)) return [];
  const out: string[] = [];
  for (const [key, value] of Object.entries(ext)) {
    if (
      key.startsWith('extension-definition--') &&
      isJsonObject(value) &&
      typeof value.extension_type === 'string'
    ) {
      out.push(value.extension_type);
    }
  }
  return out;
}

/** Classifies an object of type `type`. */
export function classify(type: string, obj: Readonly<Record<string, unknown>>): StixKind {
  const extensionTypes = declaredExtensionTypes(obj);
  const known = (category: StixCategory, spec: TypeSpec): StixKind => ({
    category,
    spec,
    custom: false,
    extensionTypes,
  });
  const sdo = SDO_SPECS[type];
  if (sdo !== undefined) return known('sdo', sdo);
  const sro = SRO_SPECS[type];
  if (sro !== undefined) return known('sro', sro);
  const sco = SCO_SPECS[type];
  if (sco !== undefined) return known('sco', sco);
  const meta = META_SPECS[type];
  if (meta !== undefined) return known(type as StixCategory, meta);
  if (isTocsinScoType(type))
    return { category: 'sco', spec: TOCSIN_SCO_SPECS[type], custom: true, extensionTypes };
  let category: StixCategory;
  if (extensionTypes.includes('new-sco')) category = 'sco';
  else if (extensionTypes.includes('new-sro')) category = 'sro';
  else if (extensionTypes.includes('new-sdo')) category = 'sdo';
  else category = obj.created !== undefined || obj.modified !== undefined ? 'sdo' : 'sco';
  return { category, spec: undefined, custom: true, extensionTypes };
}
