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
  olds: Readonly<Record<string, unknown>>,
  news: Readonly<Record<string, unknown>>,
  opts: DiffOptions,
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

/** Inputs read only at create; changing them later is not a change. */
export const CREATE_ONLY_INPUTS = ["adopt"] as const;

// The per-resource lists (replace-on-change, set-valued, output-only keys) are declared in each
// resource's spec (specs/*.ts); specs/index.ts derives DIFF_OPTIONS from them.
