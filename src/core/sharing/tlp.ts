/**
 * TLP 2.0 (FIRST, 2022): who may see what. This is the one function every read path asks; nothing else
 * decides visibility.
 */

export const TLP_LEVELS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;
export type Tlp = (typeof TLP_LEVELS)[number];

/** Parses `TLP:AMBER+STRICT`, `amber+strict`, `tlp:white` (TLP 1.0's name for CLEAR). */
export function parseTlp(input: string): Tlp | undefined {
  const s = input.trim().toLowerCase().replace(/^tlp:/, '');
  if (s === 'white') return 'clear';
  return (TLP_LEVELS as readonly string[]).includes(s) ? (s as Tlp) : undefined;
}

/** Who is reading: nobody in particular (a citizen), or a member organization of the community. */
export type Viewer =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'member'; readonly orgId: string; readonly isOperator: boolean };

export const ANONYMOUS: Viewer = Object.freeze({ kind: 'anonymous' });

/** What a marked object says about itself for access control. */
export interface Marking {
  readonly tlp: Tlp;
  /** The organization that created or shared it. */
  readonly ownerOrgId: string;
  /** For RED (and AMBER+STRICT shared further): organizations named as recipients. */
  readonly recipients?: readonly string[];
}

/**
 * What a viewer may see, as data: every object when `everything`; otherwise objects whose level is in
 * `levels`, objects owned by `ownOrgId`, and objects naming `ownOrgId` as a recipient. `canSee` applies it to
 * one object; stores translate the same rule into their queries, so that lists, counts and pages agree.
 */
export interface VisibilityRule {
  readonly everything: boolean;
  readonly levels: readonly Tlp[];
  readonly ownOrgId: string | undefined;
}

/**
 * CLEAR: anyone. GREEN: any member organization of the community. AMBER and AMBER+STRICT: the owner's
 * organization and the operating centre it was shared with. RED: the owner, the operating centre and named
 * recipients only. The operating centre counts as a recipient of everything submitted to it: sharing with
 * Tocsin is sharing with the centre that runs it. Clients and constituents of AMBER come with sharing groups.
 */
/** The rule of the system itself (index loading, exports by the operator's CLI): everything. */
export const SEE_EVERYTHING: VisibilityRule = Object.freeze({
  everything: true,
  levels: TLP_LEVELS,
  ownOrgId: undefined,
});

export function visibilityRule(viewer: Viewer): VisibilityRule {
  if (viewer.kind === 'anonymous') return { everything: false, levels: ['clear'], ownOrgId: undefined };
  return { everything: viewer.isOperator, levels: ['clear', 'green'], ownOrgId: viewer.orgId };
}

/** Whether `viewer` may see an object with marking `m`. */
export function canSee(viewer: Viewer, m: Marking): boolean {
  const rule = visibilityRule(viewer);
  if (rule.everything || rule.levels.includes(m.tlp)) return true;
  if (rule.ownOrgId === undefined) return false;
  return m.ownerOrgId === rule.ownOrgId || (m.recipients?.includes(rule.ownOrgId) ?? false);
}
