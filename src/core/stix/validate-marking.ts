/**
 * Marking definitions (STIX 2.1 section 7.2.1): statement and TLP definitions, the TLP 2.0 extension, and
 * the ban on a marking definition marking itself.
 */
import { canonicalJson } from '../json/canonical-json.js';
import { childPath, isJsonObject, stixError, stixWarning, type StixProblem } from './stix-problem.js';
import {
  TLP1_MARKINGS,
  TLP2_EXTENSION_ID,
  TLP2_MARKINGS,
  type TlpMarkingDefinition,
} from './tlp-markings.js';

type Out = StixProblem[];
type Obj = Record<string, unknown>;

const TLP1_BY_ID = new Map(Object.values(TLP1_MARKINGS).map((m) => [m.id, m]));
const TLP2_BY_ID = new Map(Object.values(TLP2_MARKINGS).map((m) => [m.id, m]));
// The properties that make a TLP marking what it is; others (external references...) may be added.
const TLP_DEFINING = ['type', 'id', 'created', 'name', 'definition_type', 'definition'] as const;

/** Checks the rules specific to a marking-definition. */
export function checkMarkingDefinitionRules(out: Out, obj: Obj): void {
  const hasExtensions = obj.extensions !== undefined;
  if (!hasExtensions) {
    if (obj.definition_type === undefined)
      out.push(stixError('definition_type', 'is required without extensions'));
    if (obj.definition === undefined) out.push(stixError('definition', 'is required without extensions'));
  }
  const dt = obj.definition_type;
  if (dt === 'statement') {
    if (!isJsonObject(obj.definition) || typeof obj.definition.statement !== 'string') {
      out.push(stixError('definition.statement', 'a statement marking needs a statement string'));
    }
  } else if (dt === 'tlp') {
    checkTlp1(out, obj);
  } else if (typeof dt === 'string') {
    out.push(
      stixWarning('definition_type', 'SHOULD be statement or tlp; new markings SHOULD use an extension'),
    );
  }
  if (isJsonObject(obj.extensions) && obj.extensions[TLP2_EXTENSION_ID] !== undefined) checkTlp2(out, obj);
  checkNotSelfMarked(out, obj);
}

// Section 7.2.1.4: "Other instances of tlp-marking MUST NOT be used or created."
function checkTlp1(out: Out, obj: Obj): void {
  const canonical = typeof obj.id === 'string' ? TLP1_BY_ID.get(obj.id) : undefined;
  if (canonical === undefined) {
    out.push(
      stixError('id', 'a TLP 1.0 marking must be one of the four defined in STIX 2.1 section 7.2.1.4'),
    );
    return;
  }
  checkSameAs(out, obj, canonical);
}

// The TLP 2.0 extension's schema allows exactly five objects, one per level.
function checkTlp2(out: Out, obj: Obj): void {
  const canonical = typeof obj.id === 'string' ? TLP2_BY_ID.get(obj.id) : undefined;
  if (canonical === undefined) {
    out.push(stixError('id', 'a TLP 2.0 marking must be one of the five published by OASIS'));
    return;
  }
  checkSameAs(out, obj, canonical);
  const ext = (obj.extensions as Obj)[TLP2_EXTENSION_ID];
  const want = (canonical.extensions as Obj)[TLP2_EXTENSION_ID];
  if (canonicalJson(ext) !== canonicalJson(want)) {
    out.push(stixError(childPath('extensions', TLP2_EXTENSION_ID), `must be ${canonicalJson(want)}`));
  }
}

function checkSameAs(out: Out, obj: Obj, canonical: TlpMarkingDefinition): void {
  for (const key of TLP_DEFINING) {
    const want = canonical[key];
    const have = obj[key];
    if (want === undefined && have === undefined) continue;
    if (have === undefined || want === undefined || canonicalJson(have) !== canonicalJson(want)) {
      out.push(
        stixError(key, `must be ${want === undefined ? 'absent' : canonicalJson(want)} in ${canonical.name}`),
      );
    }
  }
}

// Section 3.2: a marking definition's markings MUST NOT refer to itself.
function checkNotSelfMarked(out: Out, obj: Obj): void {
  if (Array.isArray(obj.object_marking_refs) && obj.object_marking_refs.includes(obj.id)) {
    out.push(stixError('object_marking_refs', 'must not refer to this marking definition itself'));
  }
  if (Array.isArray(obj.granular_markings)) {
    obj.granular_markings.forEach((gm, i) => {
      if (isJsonObject(gm) && gm.marking_ref !== undefined && gm.marking_ref === obj.id) {
        out.push(
          stixError(
            `granular_markings[${i}].marking_ref`,
            'must not refer to this marking definition itself',
          ),
        );
      }
    });
  }
}
