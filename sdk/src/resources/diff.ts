/**
 * `diff` for every resource, as one pure function driven by declared lists (the Pulumi shim forwards
 * only `changes`, `replaces` and `deleteBeforeReplace`; `stables` and `replaceOnChanges` have no effect
 * once a provider implements `diff`).
 *
 * `olds` are the old outputs (state) and `news` the checked inputs; both are normalized by `check`,
 * so an exact comparison is correct.
 */

/** Options of {@link diffInputs}. */
export interface DiffOptions {
  /** Top-level keys whose change replaces the resource. */
  replaceOn: readonly string[];
  /** Top-level keys never compared: output-only keys and create-only inputs. `__provider` always is. */
  ignore?: readonly string[];
  /** Top-level array keys compared as sets (order and duplicates ignored). */
  sets?: readonly string[];
  /** Delete the old resource before creating its replacement (unique names, one-to-one bindings). */
  deleteBeforeReplace?: boolean;
}

/** The subset of Pulumi's DiffResult the shim forwards. */
export interface DiffOutcome {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace?: boolean;
}

/** Compares the top-level keys of `olds` and `news`; see {@link DiffOptions}. */
export function diffInputs(
  olds: Readonly<Record<string, unknown>>, news: Readonly<Record<string, unknown>>, opts: DiffOptions,
): DiffOutcome {
  const ignored = new Set(["__provider", ...(opts.ignore ?? [])]);
  const sets = new Set(opts.sets ?? []);
  const keys = [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter((k) => !ignored.has(k));
  const changed = keys.filter((k) => !(sets.has(k) ? setEqual(olds[k], news[k]) : deepEqual(olds[k], news[k])));
  const replaces = opts.replaceOn.filter((k) => changed.includes(k));
  const outcome: DiffOutcome = { changes: changed.length > 0, replaces };
  if (replaces.length > 0 && opts.deleteBeforeReplace === true) outcome.deleteBeforeReplace = true;
  return outcome;
}

/** Exact, order-sensitive equality; an `undefined` property equals an absent one. @internal */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  return [...keys].every((k) => deepEqual(ra[k], rb[k]));
}

function setEqual(a: unknown, b: unknown): boolean {
  if (!Array.isArray(a) || !Array.isArray(b)) return deepEqual(a, b);
  const key = (x: unknown) => JSON.stringify(x);
  const sa = new Set(a.map(key));
  const sb = new Set(b.map(key));
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}

// ---- per-resource lists ------------------------------------------------------------------------

/** Inputs read only at create; changing them later is not a change. */
export const CREATE_ONLY_INPUTS = ["adopt"] as const;

/** Skill: nothing replaces — the name is updatable with PUT, and replacing would orphan user/engagement references. */
export const SKILL_REPLACE_ON_CHANGE = [] as const;
/** Skill inputs compared as sets. */
export const SKILL_SET_INPUTS = ["skillTransferList"] as const;

/** BotAgent: the login name is the user's identity (and the connector's `lpAccountUser`). */
export const BOT_AGENT_REPLACE_ON_CHANGE = ["loginName"] as const;
/** BotAgent inputs compared as sets. */
export const BOT_AGENT_SET_INPUTS = ["skillIds"] as const;

/** Campaign: everything is updatable in place. */
export const CAMPAIGN_REPLACE_ON_CHANGE = [] as const;

/** Engagement: an engagement lives under its campaign's URL, so it cannot move. */
export const ENGAGEMENT_REPLACE_ON_CHANGE = ["campaignId"] as const;

/**
 * BotConnector: no edit endpoint is documented and edits need a stop anyway, so every configuration
 * change is delete + add. `running` is an update (start/stop); `connectTimeoutSeconds` only affects
 * the provider. Delete first: one bot user belongs to one bot.
 */
export const BOT_CONNECTOR_REPLACE_ON_CHANGE = [
  "botId", "agent", "agentUserId", "flags", "customConfigurations", "externalWebhookUrl",
  "fallbackSkillId", "accessibility", "conversationType", "role", "environment",
] as const;

/** Ready-made {@link DiffOptions} per resource; add the resource's output-only keys to `ignore`. */
export const DIFF_OPTIONS = {
  Skill: { replaceOn: SKILL_REPLACE_ON_CHANGE, sets: SKILL_SET_INPUTS, ignore: CREATE_ONLY_INPUTS },
  BotAgent: { replaceOn: BOT_AGENT_REPLACE_ON_CHANGE, sets: BOT_AGENT_SET_INPUTS, ignore: CREATE_ONLY_INPUTS },
  Campaign: { replaceOn: CAMPAIGN_REPLACE_ON_CHANGE, ignore: CREATE_ONLY_INPUTS },
  Engagement: { replaceOn: ENGAGEMENT_REPLACE_ON_CHANGE, ignore: CREATE_ONLY_INPUTS },
  BotConnector: { replaceOn: BOT_CONNECTOR_REPLACE_ON_CHANGE, ignore: CREATE_ONLY_INPUTS, deleteBeforeReplace: true },
} as const satisfies Record<string, DiffOptions>;
