/**
 * The content rules in force: the starter rules that ship with Tocsin, overridden and extended by the rules
 * the operating centre's analysts write. Every edit is a new version, kept with its author and audited; a
 * delete is a tombstone version. Nodes follow the store's rule change counter, so an edit made on one node
 * reaches the scanners of every node.
 */
import { auditActor, isPlatformAdmin, type Actor } from '../core/auth/principal.js';
import { tocsinError } from '../core/errors/errors.js';
import { compileRuleSet, type CompiledRuleSet } from '../core/scan/rules/compile.js';
import type { Rule, RuleError } from '../core/scan/rules/rule.js';
import { STARTER_RULES } from '../core/scan/rules/starter-rules.js';
import { canSee, type Viewer } from '../core/sharing/tlp.js';
import type { Store, StoredRule } from '../store/store.js';
import { isoNow, type Clock } from './clock.js';

/** A rule as the API shows it: the rule, where it comes from, and who last changed it. */
export interface RuleView extends Rule {
  /** `starter`: shipped with Tocsin, unchanged; `custom`: written or changed by an analyst. */
  readonly source: 'starter' | 'custom';
  readonly ownerOrgId: string;
  readonly updatedAt: string | null;
  readonly updatedBy: string | null;
}

/** A version in a rule's history; `rule` is absent for a tombstone. */
export interface RuleVersionView {
  readonly version: number;
  readonly deleted: boolean;
  readonly rule?: Rule;
  readonly at: string;
  readonly by: string | null;
}

/** The rule set in force, compiled, and who may see each rule's hits. */
export interface LiveRules {
  readonly compiled: CompiledRuleSet;
  readonly views: ReadonlyMap<string, RuleView>;
  /** The store's rule change number this set was built from. */
  readonly changeSeq: number;
}

/** What a caller sends to write a rule: everything but the id (from the path) and the version (assigned). */
export type RuleInput = Omit<Rule, 'id' | 'version'> & {
  /** The version this edit is based on; a newer one in the store makes it a conflict. */
  readonly baseVersion?: number | undefined;
};

const STARTER_IDS = new Set(STARTER_RULES.rules.map((r) => r.id));

/** Who may write rules: they run on every member's messages, so only the operating centre's analysts. */
function assertRuleWriter(actor: Actor): void {
  if (isPlatformAdmin(actor)) return;
  if (actor.kind === 'user' && actor.orgIsOperator && actor.role === 'analyst') return;
  throw tocsinError(
    'TOCSIN_ERR_FORBIDDEN',
    "content rules run on every member's messages: only the operating centre's analysts and admins write them",
  );
}

function invalid(errors: readonly RuleError[]): Error {
  return tocsinError(
    'TOCSIN_ERR_INVALID_RULE',
    `the rule does not compile: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
    { details: errors.map((e) => ({ path: e.path, message: e.message })) },
  );
}

/** Compiles rules with the starter phrase sets, which `ref` conditions name. */
function compile(rules: readonly Rule[]) {
  return compileRuleSet({ phraseSets: STARTER_RULES.phraseSets, rules });
}

/** The rule a stored version holds, or undefined for a tombstone or a body that no longer reads. */
function storedRule(s: StoredRule): Rule | undefined {
  if (s.deleted) return undefined;
  try {
    const body = JSON.parse(s.body) as Omit<Rule, 'id' | 'version'>;
    return { ...body, id: s.ruleId, version: s.version };
  } catch {
    return undefined;
  }
}

export class ScanRuleService {
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #operatorOrgId: () => Promise<string>;
  #live: LiveRules;
  #loading: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;
  readonly #listeners: ((live: LiveRules) => void)[] = [];

  constructor(deps: { store: Store; clock: Clock }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#operatorOrgId = async () => (await this.#store.orgs.findOperator())?.id ?? '';
    this.#live = this.#build([], '', 0);
  }

  /** The rules in force now (the starter rules until `load` has read the store). */
  get live(): LiveRules {
    return this.#live;
  }

  /** Calls `fn` with each new rule set. */
  onChange(fn: (live: LiveRules) => void): void {
    this.#listeners.push(fn);
  }

  /** Reads the rules from the store and compiles them; a stored rule that no longer compiles is left out. */
  async load(): Promise<void> {
    this.#loading ??= (async () => {
      try {
        const seq = await this.#store.scan.lastRuleChange();
        const stored = await this.#store.scan.latestRules();
        this.#live = this.#build(stored, await this.#operatorOrgId(), seq);
        for (const fn of this.#listeners) fn(this.#live);
      } finally {
        this.#loading = undefined;
      }
    })();
    return this.#loading;
  }

  /** Reloads when another node (or the CLI) changed a rule since the last load. */
  async refresh(): Promise<void> {
    if ((await this.#store.scan.lastRuleChange()) !== this.#live.changeSeq) await this.load();
  }

  /** Checks the store for rule changes every `ms` milliseconds until `stop`. */
  follow(ms: number, onError: (e: unknown) => void): void {
    this.stop();
    this.#timer = setInterval(() => {
      this.refresh().catch(onError);
    }, ms);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #build(stored: readonly StoredRule[], operatorOrgId: string, changeSeq: number): LiveRules {
    const views = new Map<string, RuleView>();
    for (const r of STARTER_RULES.rules) {
      views.set(r.id, {
        ...r,
        source: 'starter',
        ownerOrgId: operatorOrgId,
        updatedAt: null,
        updatedBy: null,
      });
    }
    for (const s of stored) {
      const rule = storedRule(s);
      if (rule === undefined) {
        views.delete(s.ruleId);
        continue;
      }
      // Checked alone first: one rule that stopped compiling (a stricter check in a new release) must not
      // take every other rule down with it.
      if (!compile([rule]).ok) continue;
      views.set(s.ruleId, {
        ...rule,
        source: 'custom',
        ownerOrgId: s.ownerOrgId,
        updatedAt: s.createdAt,
        updatedBy: s.authorUserId,
      });
    }
    const result = compile([...views.values()].map(ruleOf));
    if (!result.ok) throw new Error(`the rules in force do not compile: ${JSON.stringify(result.errors)}`);
    return { compiled: result.compiled, views, changeSeq };
  }

  /** The rules `viewer` may see, enabled or not, in id order. */
  list(viewer: Viewer): RuleView[] {
    return [...this.#live.views.values()]
      .filter((v) => canSee(viewer, { tlp: v.tlp, ownerOrgId: v.ownerOrgId }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** One rule; one the viewer may not see is "not found", like one that does not exist. */
  get(viewer: Viewer, id: string): RuleView {
    const v = this.#live.views.get(id);
    if (v === undefined || !canSee(viewer, { tlp: v.tlp, ownerOrgId: v.ownerOrgId })) {
      throw tocsinError('TOCSIN_ERR_NOT_FOUND', `no content rule ${id}`);
    }
    return v;
  }

  /** Every stored version of a rule, oldest first (a starter rule never edited has none). */
  async versions(viewer: Viewer, id: string): Promise<RuleVersionView[]> {
    const stored = await this.#store.scan.ruleVersions(id);
    const current = this.#live.views.get(id);
    const visible =
      current !== undefined
        ? canSee(viewer, { tlp: current.tlp, ownerOrgId: current.ownerOrgId })
        : stored.length > 0 && viewer.kind === 'member' && viewer.isOperator;
    if (!visible || (stored.length === 0 && current === undefined)) {
      throw tocsinError('TOCSIN_ERR_NOT_FOUND', `no content rule ${id}`);
    }
    return stored.map((s) => {
      const rule = storedRule(s);
      return {
        version: s.version,
        deleted: s.deleted,
        ...(rule === undefined ? {} : { rule }),
        at: s.createdAt,
        by: s.authorUserId,
      };
    });
  }

  /** Compiles a candidate rule alone (with the starter phrase sets), throwing the problems found. */
  validate(id: string, input: RuleInput, version = 1): Rule {
    const { baseVersion: _base, ...body } = input;
    const rule = { ...body, id, version } as Rule;
    const result = compile([{ ...rule, enabled: true }]);
    if (!result.ok) throw invalid(result.errors);
    return rule;
  }

  /** Writes a new version of rule `id` (creating it, or overriding a starter rule). */
  async put(actor: Actor, id: string, input: RuleInput): Promise<RuleView> {
    assertRuleWriter(actor);
    return this.#write(actor, id, input.baseVersion, (version) => this.validate(id, input, version));
  }

  /** Deletes a rule (a starter rule too): a tombstone version, so that its history stays. */
  async delete(actor: Actor, id: string, baseVersion?: number): Promise<void> {
    assertRuleWriter(actor);
    if (!this.#live.views.has(id)) throw tocsinError('TOCSIN_ERR_NOT_FOUND', `no content rule ${id}`);
    await this.#write(actor, id, baseVersion, () => undefined);
  }

  async #write(
    actor: Actor,
    id: string,
    baseVersion: number | undefined,
    make: (version: number) => Rule | undefined,
  ): Promise<RuleView> {
    const now = isoNow(this.#clock);
    const owner = actor.kind === 'user' ? actor.orgId : await this.#operatorOrgId();
    const starter = STARTER_RULES.rules.find((r) => r.id === id);
    try {
      await this.#store.transaction(async (tx) => {
        const history = await tx.scan.ruleVersions(id);
        const last = history.at(-1);
        const current = last?.version ?? (STARTER_IDS.has(id) ? (starter?.version ?? 1) : 0);
        if (baseVersion !== undefined && baseVersion !== current) {
          throw tocsinError(
            'TOCSIN_ERR_RULE_VERSION_CONFLICT',
            `rule ${id} is at version ${current}, not ${baseVersion}`,
          );
        }
        const version = current + 1;
        const rule = make(version);
        const { id: _id, version: _v, ...body } = rule ?? ({} as Rule);
        await tx.scan.insertRule({
          ruleId: id,
          version,
          body: rule === undefined ? '{}' : JSON.stringify(body),
          deleted: rule === undefined,
          ownerOrgId: owner,
          authorUserId: actor.kind === 'user' ? actor.userId : null,
          createdAt: now,
        });
        const before = last === undefined ? (starter ?? null) : (storedRule(last) ?? null);
        await tx.audit.append(
          {
            ...auditActor(actor),
            action:
              rule === undefined
                ? 'scan-rule.delete'
                : before === null
                  ? 'scan-rule.create'
                  : 'scan-rule.update',
            objectType: 'scan-rule',
            objectId: id,
            before,
            after: rule ?? null,
          },
          now,
        );
      });
    } catch (e) {
      // Two writers raced for the same version: the loser hears it as the conflict it is.
      if (this.#store.isUniqueViolation(e)) {
        throw tocsinError('TOCSIN_ERR_RULE_VERSION_CONFLICT', `rule ${id} was changed at the same time`);
      }
      throw e;
    }
    await this.load();
    return this.#live.views.get(id) ?? ({} as RuleView);
  }

  /**
   * The rule set in force with `candidates` in place (same id: replaced; new id: added), compiled, for
   * trying rules on sample messages before they go live. Nothing is written.
   */
  withCandidates(candidates: readonly { id: string; input: RuleInput }[], ownerOrgId: string): LiveRules {
    const views = new Map(this.#live.views);
    const errors: RuleError[] = [];
    candidates.forEach((c, i) => {
      try {
        const rule = this.validate(c.id, c.input, (views.get(c.id)?.version ?? 0) + 1);
        views.set(c.id, { ...rule, source: 'custom', ownerOrgId, updatedAt: null, updatedBy: null });
      } catch (e) {
        const details = (e as { details?: readonly RuleError[] }).details ?? [];
        errors.push(
          ...details.map((d) => ({
            path: `rules[${i}]${d.path.replace(/^rules\[0\]/, '')}`,
            message: d.message,
          })),
        );
      }
    });
    if (errors.length > 0) throw invalid(errors);
    const result = compile([...views.values()].map(ruleOf));
    if (!result.ok) throw invalid(result.errors);
    return { compiled: result.compiled, views, changeSeq: this.#live.changeSeq };
  }
}

/** The rule part of a view (what the compiler reads). */
function ruleOf(v: RuleView): Rule {
  return {
    id: v.id,
    name: v.name,
    category: v.category,
    weight: v.weight,
    tlp: v.tlp,
    version: v.version,
    enabled: v.enabled,
    description: v.description,
    when: v.when,
  };
}
