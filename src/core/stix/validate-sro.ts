/**
 * The rules of STIX 2.1 section 5 for relationships and sightings beyond their property types.
 */
import { SCO_SPECS } from './sco-properties.js';
import { SDO_SPECS } from './sdo-properties.js';
import { stixError, stixWarning, type StixProblem } from './stix-problem.js';
import { stixIdType } from './stix-id.js';
import { checkOrder } from './validate-common.js';
import { checkInteger } from './validate-values.js';
import { SPEC_RELATIONSHIP_TYPES } from './vocabularies.js';

type Out = StixProblem[];
type Obj = Record<string, unknown>;

// Neither end of a relationship may be one of these: relationships join SDOs and SCOs (section 5.1).
const NOT_RELATABLE = new Set([
  'relationship',
  'sighting',
  'bundle',
  'marking-definition',
  'language-content',
  'extension-definition',
]);

/** Checks the rules specific to the SRO `type`. */
export function checkSroRules(out: Out, obj: Obj, type: string): void {
  if (type === 'relationship') checkRelationship(out, obj);
  else if (type === 'sighting') checkSighting(out, obj);
}

function checkRelationship(out: Out, obj: Obj): void {
  const rt = obj.relationship_type;
  if (typeof rt === 'string') {
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(rt) || rt.length < 3 || rt.length > 250) {
      out.push(stixError('relationship_type', 'must be 3-250 characters of a-z, 0-9 and single hyphens'));
    } else if (!SPEC_RELATIONSHIP_TYPES.has(rt)) {
      out.push(
        stixWarning(
          'relationship_type',
          `"${rt}" is not defined by STIX 2.1; SHOULD use a spec type when one fits`,
        ),
      );
    }
  }
  for (const end of ['source_ref', 'target_ref'] as const) {
    const ref = obj[end];
    const t = typeof ref === 'string' ? stixIdType(ref) : undefined;
    if (t !== undefined && NOT_RELATABLE.has(t))
      out.push(stixError(end, `must refer to an SDO or SCO, not ${t}`));
  }
  checkOrder(out, obj, 'start_time', 'stop_time', false);
}

function checkSighting(out: Out, obj: Obj): void {
  const ref = obj.sighting_of_ref;
  const t = typeof ref === 'string' ? stixIdType(ref) : undefined;
  if (t !== undefined && (NOT_RELATABLE.has(t) || Object.hasOwn(SCO_SPECS, t))) {
    out.push(stixError('sighting_of_ref', `must refer to an SDO, not ${t}`));
  } else if (t !== undefined && !Object.hasOwn(SDO_SPECS, t) && !t.startsWith('x-')) {
    out.push(stixWarning('sighting_of_ref', `refers to ${t}, which is not an SDO type`));
  }
  if (obj.count !== undefined) checkInteger(out, 'count', obj.count, 0, 999_999_999);
  checkOrder(out, obj, 'first_seen', 'last_seen', true);
}
