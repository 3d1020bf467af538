/**
 * STIX 2.1 validation: `validateStixObject` for any one object (SDO, SRO, SCO, marking-definition,
 * language-content, extension-definition, custom and Tocsin objects) and `validateBundle` for a bundle.
 * Both return every problem found, errors (a MUST broken) and warnings (a SHOULD), and never throw.
 * Patterns of indicators are checked by `pattern/`, not here.
 */
import { childPath, isJsonObject, stixError, stixWarning, type StixProblem } from './stix-problem.js';
import { isStixTypeName, parseStixId } from './stix-id.js';
import { checkCommonProperties, checkOtherProperties, underPath } from './validate-common.js';
import { checkMarkingDefinitionRules } from './validate-marking.js';
import { checkExtensionDefinitionRules, checkLanguageContentRules } from './validate-meta.js';
import { checkScoRules } from './validate-sco.js';
import { checkSdoRules } from './validate-sdo.js';
import { checkSroRules } from './validate-sro.js';
import { classify } from './validate-types.js';

export type { StixProblem, StixSeverity } from './stix-problem.js';
export { hasStixErrors, stixErrors } from './stix-problem.js';

/** Validates one STIX 2.1 object; paths in the problems are relative to the object. */
export function validateStixObject(obj: unknown): StixProblem[] {
  if (!isJsonObject(obj)) return [stixError('', 'a STIX object must be a JSON object')];
  const type = obj.type;
  if (typeof type !== 'string') return [stixError('type', 'is required (a string)')];
  if (!isStixTypeName(type)) return [stixError('type', `"${type}" is not a valid type name`)];
  if (type === 'bundle') return [stixError('type', 'a bundle is not a STIX object: use validateBundle')];
  const out: StixProblem[] = [];
  const kind = classify(type, obj);
  if (kind.custom && kind.spec === undefined && !type.startsWith('x-') && kind.extensionTypes.length === 0) {
    // Section 11.2: without an extension-definition, a custom type needs the x- prefix to be sure no
    // later STIX version gives its name another meaning.
    out.push(
      stixError(
        'type',
        `"${type}" is not a STIX 2.1 type; custom types must start with "x-" or be declared by an extension`,
      ),
    );
  }
  checkCommonProperties(out, obj, type, kind);
  checkOtherProperties(out, obj, kind);
  switch (kind.category) {
    case 'sdo':
      if (!kind.custom) checkSdoRules(out, obj, type);
      break;
    case 'sro':
      if (!kind.custom) checkSroRules(out, obj, type);
      break;
    case 'sco':
      checkScoRules(out, obj, type);
      break;
    case 'marking-definition':
      checkMarkingDefinitionRules(out, obj);
      break;
    case 'language-content':
      checkLanguageContentRules(out, obj);
      break;
    case 'extension-definition':
      checkExtensionDefinitionRules(out, obj);
      break;
  }
  return out;
}

/**
 * Validates a bundle (section 8): `type` "bundle", an id `bundle--UUID`, and `objects`, a list of valid
 * STIX objects (optional in the spec; when present it must not be empty). Object problems come back
 * with paths such as `objects[3].created`.
 */
export function validateBundle(bundle: unknown): StixProblem[] {
  if (!isJsonObject(bundle)) return [stixError('', 'a bundle must be a JSON object')];
  const out: StixProblem[] = [];
  if (bundle.type !== 'bundle') out.push(stixError('type', 'must be "bundle"'));
  if (typeof bundle.id !== 'string') {
    out.push(stixError('id', 'is required (bundle--UUID)'));
  } else {
    const id = parseStixId(bundle.id);
    if (!id.ok) out.push(stixError('id', id.error));
    else if (id.value.type !== 'bundle') out.push(stixError('id', 'must start with "bundle--"'));
    else if (id.value.version !== 4) out.push(stixWarning('id', 'SHOULD use a UUIDv4'));
  }
  if (bundle.spec_version !== undefined) {
    out.push(stixWarning('spec_version', 'STIX 2.1 bundles have no spec_version (a STIX 2.0 leftover)'));
  }
  const objects = bundle.objects;
  if (objects === undefined) return out;
  if (!Array.isArray(objects)) {
    out.push(stixError('objects', 'must be a list of STIX objects'));
    return out;
  }
  if (objects.length === 0) out.push(stixError('objects', 'must not be an empty list: omit it instead'));
  const versions = new Map<string, number>();
  objects.forEach((obj, i) => {
    const path = childPath('objects', i);
    out.push(...underPath(path, validateStixObject(obj)));
    if (!isJsonObject(obj) || typeof obj.id !== 'string') return;
    // The same version twice is undefined behaviour for consumers (section 3.6); SCOs have no version.
    const key = `${obj.id} ${typeof obj.modified === 'string' ? obj.modified : ''}`;
    const first = versions.get(key);
    if (first === undefined) versions.set(key, i);
    else if (obj.modified !== undefined) {
      out.push(stixWarning(childPath(path, 'id'), `repeats the id and modified of objects[${first}]`));
    }
  });
  return out;
}
