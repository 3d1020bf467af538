/**
 * The other meta objects: language content (section 7.1) and extension definitions (section 7.3).
 */
import { childPath, isJsonObject, stixError, stixWarning, type StixProblem } from './stix-problem.js';
import { stixIdType } from './stix-id.js';
import { isLanguageTag } from './stix-formats.js';

type Out = StixProblem[];
type Obj = Record<string, unknown>;

const PROPERTY_NAME_RE = /^[a-z][a-z0-9_]{2,249}$/;

/** Checks the rules specific to a language-content object. */
export function checkLanguageContentRules(out: Out, obj: Obj): void {
  const refType = typeof obj.object_ref === 'string' ? stixIdType(obj.object_ref) : undefined;
  if (refType === 'bundle' || refType === 'language-content') {
    out.push(stixError('object_ref', `must not refer to a ${refType}`));
  }
  if (!isJsonObject(obj.contents)) return; // reported by the property check
  for (const [lang, content] of Object.entries(obj.contents)) {
    const p = childPath('contents', lang);
    if (!isLanguageTag(lang)) out.push(stixError(p, 'keys of contents must be RFC 5646 language codes'));
    if (!isJsonObject(content)) {
      out.push(stixError(p, 'must be a dictionary of translated properties'));
      continue;
    }
    for (const name of Object.keys(content)) {
      if (!PROPERTY_NAME_RE.test(name)) out.push(stixError(childPath(p, name), 'is not a property name'));
    }
  }
}

/** Checks the rules specific to an extension-definition. */
export function checkExtensionDefinitionRules(out: Out, obj: Obj): void {
  const types = Array.isArray(obj.extension_types) ? obj.extension_types : [];
  const topLevel = types.includes('toplevel-property-extension');
  if (obj.extension_properties !== undefined && !topLevel) {
    out.push(stixError('extension_properties', 'may be used only with a toplevel-property-extension'));
  }
  if (topLevel && obj.extension_properties === undefined) {
    out.push(stixWarning('extension_properties', 'SHOULD list the top-level properties the extension adds'));
  }
  if (Array.isArray(obj.extension_properties)) {
    obj.extension_properties.forEach((name, i) => {
      if (typeof name === 'string' && !PROPERTY_NAME_RE.test(name)) {
        out.push(stixError(`extension_properties[${i}]`, 'is not a property name (3-250 of a-z, 0-9, _)'));
      }
    });
  }
  if (obj.description === undefined) out.push(stixWarning('description', 'SHOULD be present'));
}
