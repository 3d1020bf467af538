/**
 * Checks of the structured common properties: external references (section 2.5), granular markings and
 * their selectors (section 7.2.3), and the `extensions` dictionary (sections 3.2, 7.3 and 11.3).
 */
import type { StixCategory } from './property-kinds.js';
import { PREDEFINED_EXTENSIONS } from './sco-properties.js';
import { childPath, isJsonObject, stixError, stixWarning, type StixProblem } from './stix-problem.js';
import { checkHashes, checkList, checkRef } from './validate-values.js';
import { isLanguageTag } from './stix-formats.js';
import { inEnumeration } from './vocabularies.js';

type Out = StixProblem[];

const CVE_RE = /^CVE-\d{4}-(?:0\d{3}|[1-9]\d{3,})$/;
const CAPEC_RE = /^CAPEC-\d+$/;
const EXTENSION_DEFINITION_KEY = /^extension-definition--/;
const CUSTOM_EXTENSION_RE = /^[a-z0-9-]{3,250}$/;
const PREDEFINED_NAMES = new Set(
  Object.values(PREDEFINED_EXTENSIONS).flatMap((byName) => Object.keys(byName)),
);

/** `external_references`: a source name and at least one of description, url or external_id. */
export function checkExternalReferences(out: Out, path: string, value: unknown): void {
  if (!checkList(out, path, value)) return;
  value.forEach((ref, i) => {
    const p = childPath(path, i);
    if (!isJsonObject(ref)) {
      out.push(stixError(p, 'must be an external-reference object'));
      return;
    }
    if (typeof ref.source_name !== 'string')
      out.push(stixError(childPath(p, 'source_name'), 'is required (a string)'));
    for (const key of ['description', 'url', 'external_id'] as const) {
      if (ref[key] !== undefined && typeof ref[key] !== 'string')
        out.push(stixError(childPath(p, key), 'must be a string'));
    }
    if (ref.description === undefined && ref.url === undefined && ref.external_id === undefined) {
      out.push(stixError(p, 'needs at least one of description, url or external_id'));
    }
    if (ref.hashes !== undefined) checkHashes(out, childPath(p, 'hashes'), ref.hashes);
    // Sections 4.1 and 4.19: CAPEC and CVE ids have a fixed form when named by their source.
    const id = ref.external_id;
    if (ref.source_name === 'cve' && (typeof id !== 'string' || !CVE_RE.test(id))) {
      out.push(
        stixError(childPath(p, 'external_id'), 'a "cve" reference needs an external_id CVE-YYYY-NNNN'),
      );
    }
    if (ref.source_name === 'capec' && (typeof id !== 'string' || !CAPEC_RE.test(id))) {
      out.push(stixError(childPath(p, 'external_id'), 'a "capec" reference needs an external_id CAPEC-N'));
    }
  });
}

/** `granular_markings`: each with selectors that exist in `obj` and exactly one of marking_ref or lang. */
export function checkGranularMarkings(
  out: Out,
  path: string,
  value: unknown,
  obj: Record<string, unknown>,
): void {
  if (!checkList(out, path, value)) return;
  value.forEach((gm, i) => {
    const p = childPath(path, i);
    if (!isJsonObject(gm)) {
      out.push(stixError(p, 'must be a granular-marking object'));
      return;
    }
    const hasRef = gm.marking_ref !== undefined;
    const hasLang = gm.lang !== undefined;
    if (hasRef === hasLang) out.push(stixError(p, 'needs exactly one of marking_ref and lang'));
    if (hasRef) checkRef(out, childPath(p, 'marking_ref'), gm.marking_ref, 'marking-definition');
    if (hasLang && (typeof gm.lang !== 'string' || !isLanguageTag(gm.lang))) {
      out.push(stixError(childPath(p, 'lang'), 'must be an RFC 5646 language code'));
    }
    const sp = childPath(p, 'selectors');
    if (!checkList(out, sp, gm.selectors)) return;
    gm.selectors.forEach((s, j) => {
      if (typeof s !== 'string') out.push(stixError(childPath(sp, j), 'must be a string'));
      else if (!selectorResolves(obj, s)) {
        out.push(stixError(childPath(sp, j), `"${s}" selects nothing present in the object`));
      }
    });
  });
}

/**
 * Whether a selector (`description`, `external_references.[0].source_name`) reaches content present in
 * `obj`: selectors MUST refer to properties or list items that are actually present.
 */
export function selectorResolves(obj: unknown, selector: string): boolean {
  if (selector === '') return false;
  let node: unknown = obj;
  for (const part of selector.split('.')) {
    const index = /^\[(\d+)\]$/.exec(part);
    if (index !== null) {
      if (!Array.isArray(node)) return false;
      node = node[Number(index[1])];
    } else {
      if (!isJsonObject(node) || part === '' || !Object.hasOwn(node, part)) return false;
      node = node[part];
    }
    if (node === undefined) return false;
  }
  return true;
}

/**
 * `extensions`: keys are extension-definition ids (whose value MUST carry a valid extension_type) or, on
 * SCOs, the predefined extensions of the type or deprecated custom `-ext` extensions.
 */
export function checkExtensions(
  out: Out,
  path: string,
  value: unknown,
  type: string,
  category: StixCategory,
): void {
  if (!isJsonObject(value) || Object.keys(value).length === 0) {
    out.push(stixError(path, 'must be a dictionary with at least one extension'));
    return;
  }
  const predefined = PREDEFINED_EXTENSIONS[type] ?? {};
  for (const [key, ext] of Object.entries(value)) {
    const p = childPath(path, key);
    if (!isJsonObject(ext)) {
      out.push(stixError(p, 'must be an object holding the extension'));
      continue;
    }
    if (EXTENSION_DEFINITION_KEY.test(key)) {
      checkRef(out, p, key, 'extension-definition');
      const et = ext.extension_type;
      if (typeof et !== 'string' || !inEnumeration('extension-type-enum', et)) {
        out.push(
          stixError(childPath(p, 'extension_type'), 'is required and must come from extension-type-enum'),
        );
      }
      continue;
    }
    const required = predefined[key];
    if (required !== undefined) {
      if (ext.extension_type !== undefined) {
        out.push(stixError(childPath(p, 'extension_type'), 'a predefined extension has no extension_type'));
      }
      if (Object.keys(ext).length === 0) out.push(stixError(p, 'must contain at least one property'));
      for (const name of required) {
        if (ext[name] === undefined) out.push(stixError(childPath(p, name), 'is required by this extension'));
      }
      continue;
    }
    if (category !== 'sco') {
      out.push(
        stixError(p, 'extension keys must be extension-definition ids (custom extensions are SCO-only)'),
      );
    } else if (PREDEFINED_NAMES.has(key)) {
      out.push(stixError(p, `${key} is a predefined extension of another SCO type, not of ${type}`));
    } else if (!CUSTOM_EXTENSION_RE.test(key) || !key.endsWith('-ext')) {
      out.push(
        stixError(p, `"${key}" is neither a ${type} extension, an extension-definition id nor a -ext name`),
      );
    } else if (Object.keys(ext).length === 0) {
      out.push(stixError(p, 'a custom extension must have at least one property'));
    } else {
      out.push(stixWarning(p, 'custom extensions are deprecated: define an extension-definition instead'));
    }
  }
}
