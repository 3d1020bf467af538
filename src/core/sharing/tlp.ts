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

/**
 * Who is reading: nobody in particular (a citizen), or a member organization of the community, with what
 * its relations give it: the organizations that name it as a client or constituent (their AMBER reaches
 * it), and the sharing groups it belongs to (objects naming a group as recipient reach its members).
 */
export type Viewer =
  | { readonly kind: 'anonymous' }
  | {
      readonly kind: 'member';
      readonly orgId: string;
      readonly isOperator: boolean;
      /** Organizations that name this one as a client or constituent. */
      readonly amberFrom?: readonly string[];
      /** Sharing groups this organization belongs to. */
      readonly groups?: readonly string[];
    };

export const ANONYMOUS: Viewer = Object.freeze({ kind: 'anonymous' });

/** How a sharing group is named among recipients, beside organization ids. */
export function groupRecipient(groupId: string): string {
  return `group:${groupId}`;
}

/** What a marked object says about itself for access control. */
export interface Marking {
  readonly tlp: Tlp;
  /** The organization that created or shared it. */
  readonly ownerOrgId: string;
  /** Organizations (ids) and sharing groups (`group:<id>`) named as recipients. */
  readonly recipients?: readonly string[];
}

/**
 * What a viewer may see, as data: every object when `everything`; otherwise objects whose level is in
 * `levels`, objects owned by `ownOrgId`, AMBER objects owned by one of `amberOwners`, and objects naming one
 * of `recipientKeys` (the viewer's organization, its groups) as a recipient. `canSee` applies it to one
 * object; stores translate the same rule into their queries, so that lists, counts and pages agree.
 */
export interface VisibilityRule {
  readonly everything: boolean;
  readonly levels: readonly Tlp[];
  readonly ownOrgId: string | undefined;
  readonly amberOwners: readonly string[];
  readonly recipientKeys: readonly string[];
}

/**
 * TLP 2.0, as FIRST defines it, in a community run by a national centre:
 * - CLEAR: anyone, citizens included.
 * - GREEN: any member organization of the community.
 * - AMBER: the owner's organization, the organizations it names as its clients or constituents, and the
 *   operating centre.
 * - AMBER+STRICT: the owner's organization and the operating centre.
 * - RED: the owner, the operating centre, and the recipients named on the object (organizations, or the
 *   members of a named sharing group).
 * Named recipients are honoured at every level above GREEN. The operating centre counts as a recipient of
 * everything submitted to it: sharing with Tocsin is sharing with the centre that runs it.
 */
/** The rule of the system itself (index loading, exports by the operator's CLI): everything. */
export const SEE_EVERYTHING: VisibilityRule = Object.freeze({
  everything: true,
  levels: TLP_LEVELS,
  ownOrgId: undefined,
  amberOwners: [],
  recipientKeys: [],
});

export function visibilityRule(viewer: Viewer): VisibilityRule {
  if (viewer.kind === 'anonymous') {
    return { everything: false, levels: ['clear'], ownOrgId: undefined, amberOwners: [], recipientKeys: [] };
  }
  const own = viewer.orgId === '' ? undefined : viewer.orgId;
  return {
    everything: viewer.isOperator,
    levels: ['clear', 'green'],
    ownOrgId: own,
    amberOwners: viewer.amberFrom ?? [],
    recipientKeys: [...(own === undefined ? [] : [own]), ...(viewer.groups ?? []).map(groupRecipient)],
  };
}

/** Whether `viewer` may see an object with marking `m`. */
export function canSee(viewer: Viewer, m: Marking): boolean {
  const rule = visibilityRule(viewer);
  if (rule.everything || rule.levels.includes(m.tlp)) return true;
  if (rule.ownOrgId !== undefined && m.ownerOrgId === rule.ownOrgId) return true;
  if (m.tlp === 'amber' && rule.amberOwners.includes(m.ownerOrgId)) return true;
  return m.recipients?.some((r) => rule.recipientKeys.includes(r)) ?? false;
}
