/**
 * An export of indicators: each indicator's SDO as it comes, and at the end the objects they refer to, each
 * once: the identities of their source organizations, the TLP 2.0 marking definitions they use, and Tocsin's
 * identity and extension definition when a pattern names one of Tocsin's SCO types. Only the sets of ids
 * referred to are kept, never the indicators.
 *
 *   const exp = new IndicatorExport();
 *   for await (const i of store.indicators(selection)) { const r = exp.add(i); if (r.ok) yield r.value; else skip(r.error); }
 *   yield* exp.referenced(await orgsById(exp.orgIds()));
 */
import type { Indicator } from '../../indicators/indicator.js';
import type { ParseResult } from '../../observables/observable.js';
import type { Tlp } from '../../sharing/tlp.js';
import { TLP2_MARKINGS } from '../tlp-markings.js';
import { TOCSIN_EXTENSION_DEFINITION, TOCSIN_IDENTITY } from '../tocsin-extension.js';
import { indicatorSdo, orgIdentity, type OrgForIdentity, type StixObject } from './indicator-sdo.js';

const TOCSIN_KINDS: ReadonlySet<string> = new Set(['phone', 'bank-account', 'wallet']);

export class IndicatorExport {
  private readonly orgs = new Set<string>();
  private readonly levels = new Set<Tlp>();
  private usesExtension = false;

  /** The SDO of one indicator (or why it cannot be exported), noting what it refers to. */
  add(i: Indicator): ParseResult<StixObject> {
    const r = indicatorSdo(i);
    if (r.ok) {
      this.orgs.add(i.sourceOrgId);
      this.levels.add(i.tlp);
      if (TOCSIN_KINDS.has(i.kind)) this.usesExtension = true;
    }
    return r;
  }

  /** The ids of the organizations whose identities the exported indicators refer to. */
  orgIds(): string[] {
    return [...this.orgs].sort();
  }

  /**
   * The objects the exported indicators refer to: an identity for each organization in `orgs` (every id of
   * `orgIds()` should be there; one missing leaves its `created_by_ref` dangling, which STIX allows), the
   * TLP marking definitions, and Tocsin's extension definition with its identity when needed.
   */
  referenced(orgs: Iterable<OrgForIdentity>): StixObject[] {
    const out: StixObject[] = [];
    for (const org of orgs) if (this.orgs.has(org.id)) out.push(orgIdentity(org));
    for (const level of ['clear', 'green', 'amber', 'amber+strict', 'red'] as const) {
      if (this.levels.has(level)) out.push({ ...TLP2_MARKINGS[level], type: 'marking-definition' });
    }
    if (this.usesExtension) out.push(TOCSIN_IDENTITY, TOCSIN_EXTENSION_DEFINITION);
    return out;
  }
}
