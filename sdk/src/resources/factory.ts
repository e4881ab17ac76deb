/**
 * The one provider factory: the whole dynamic-provider lifecycle built from a resource's spec
 * (spec.ts). Rules every resource gets from here, once:
 *  - check: schema (defaults applied once, there), warnings, preflight only when something changes,
 *    secret values never echoed; at preview an adopt says what it will change, field by field;
 *  - diff: declared replace-on-change keys, set-valued keys, output-only keys ignored;
 *  - create: `adopt: true` takes over the existing object by read-modify-write (its undeclared
 *    fields stay), as does every create of a resource whose existing object can only be its own
 *    (`createTakesOver`); otherwise a duplicate is refused with the way out;
 *  - read: the declared keys as LiveEngage has them (drift shows), gone means gone;
 *  - update: read-modify-write with If-Match of that read, re-read and re-merged on a conflict;
 *  - delete: what is already gone is deleted.
 */
import type * as pulumi from "@pulumi/pulumi";
import { NotFoundError } from "../client";
import { UNKNOWN } from "./check";
import { deepEqual, diffInputs } from "./diff";
import { checkAndWarn, createUnique, declaredKeys, deleteIdempotent, pick, updateExisting } from "./lifecycle";
import { accountUsable, creating, hideSecretValues, known, lookupOrUnknown, replacesItsOwn, unchanged, withFailures } from "./preflight";
import { warn } from "./runtime";
import type { Props, ResourceSpec } from "./spec";
import { diffOptionsOf } from "./specs/diffOptions";
import { quietly } from "./expectedError";

/** Every method of a dynamic provider (the engine calls them; a missing one must not compile). */
export type CompleteProvider = Required<Pick<pulumi.dynamic.ResourceProvider, "check" | "diff" | "create" | "read" | "update" | "delete">>;

/** What the factory builds: the lifecycle with this package's types; assignable to {@link CompleteProvider}. */
export interface LifecycleProvider {
  check(olds: unknown, news: Props): Promise<{ inputs?: Props; failures?: { property: string; reason: string }[] }>;
  diff(id: string, olds: Props, news: Props): Promise<{ changes: boolean; replaces: string[]; deleteBeforeReplace?: boolean }>;
  create(inputs: Props): Promise<{ id: string; outs: Props }>;
  read(id: string, props?: Props): Promise<{ id: string; props?: Props; inputs?: Props }>;
  update(id: string, olds: Props, news: Props): Promise<{ outs: Props }>;
  /** `props` is always given by the engine; optional for direct callers that have only the id. */
  delete(id: string, props?: Props): Promise<void>;
}

// A provider module that lacks a method, or has one with the wrong shape, fails to compile here.
const typedAgainstPulumi = (p: LifecycleProvider): CompleteProvider => p;
void typedAgainstPulumi;

/** Builds the provider of one resource from its spec. */
export function makeProvider<I extends Props, W>(spec: ResourceSpec<I, W>): LifecycleProvider {
  const diffOptions = diffOptionsOf(spec as never);
  const ignore = [...(diffOptions.ignore ?? []), ...spec.outputOnly];

  async function outputsOf(wire: W, declaredFrom: Props): Promise<Props> {
    const view = await spec.fromWire(wire, declaredFrom);
    const keys = [...new Set([...declaredKeys(declaredFrom), ...(spec.alwaysOutput ?? [])])];
    const outs = pick(
      view,
      keys.filter((k) => k in view),
    );
    for (const k of spec.writeOnly ?? []) if (declaredFrom[k] !== undefined) outs[k] = declaredFrom[k];
    if (declaredFrom.adopt !== undefined) outs.adopt = declaredFrom.adopt;
    return { ...outs, ...spec.outputsOnly?.(wire, view) };
  }

  const overlayFor = (inputs: I, olds?: Props) => (live: Props) => spec.toWire(inputs, { live, olds });
  const merge: NonNullable<typeof spec.api.merge> = (id, inputs, overlay) => {
    if (!spec.api.merge) throw new Error(`${spec.type}: the spec has neither api.merge nor this lifecycle step`);
    return spec.api.merge(id, inputs, overlay);
  };
  const compared = spec.comparedAs ?? ((olds: Props, news: Props): [Props, Props] => [olds, news]);

  async function adopt(existing: W, inputs: I): Promise<W> {
    const refusal = spec.refuseAdopt?.(existing, inputs);
    if (refusal !== undefined) throw new Error(refusal);
    if (spec.lifecycle?.adopt) return spec.lifecycle.adopt(existing, inputs);
    return merge(spec.api.idOf(existing), inputs, overlayFor(inputs));
  }

  /**
   * At preview of a create that takes an existing object over (`adopt: true`, or any create of a
   * `createTakesOver` resource): each declared field whose live value differs, live → declared.
   * A take-over without `adopt` is looked for only through `findAtPreview` (cheap by contract): a
   * fleet's preview must not pay a read per new object for the rare one left behind.
   */
  async function previewAdopt(olds: unknown, news: Props, inputs: I): Promise<void> {
    const adopting = inputs.adopt === true;
    if (!adopting && spec.api.createTakesOver !== true) return;
    if (!spec.identity.every((k) => known(inputs[k]))) return;
    if (replacesItsOwn(spec.type, describeIdentity(spec, inputs), olds)) return;
    if (!spec.identity.some((k) => creating(olds, news, k))) return;
    const lookup = spec.api.findAtPreview ?? (adopting ? spec.api.find : undefined);
    if (!lookup || !(await accountUsable())) return;
    const existing = await lookupOrUnknown(() => lookup(inputs));
    if (existing === "unknown" || existing === undefined) return;
    const live = await lookupOrUnknown(() => spec.fromWire(existing, inputs));
    if (live === "unknown") return;
    warn(describeAdopt(spec, existing, inputs, live, adopting ? "adopt" : "takeOver"));
  }

  return quietProvider({
    async check(olds: unknown, news: Props) {
      const result = checkAndWarn(spec.schema, news, spec.warnings);
      if (unchanged(olds, result.inputs)) return result;
      if (result.inputs) await previewAdopt(olds, news, result.inputs as I);
      const failures = result.inputs && spec.preflight ? await spec.preflight(olds, news, result.inputs) : [];
      return hideSecretValues(withFailures(result, failures), news, spec.secretInputs ?? []);
    },

    async diff(_id: string, olds: Props, news: Props) {
      const [o, n] = compared(olds, news);
      return diffInputs(o, n, { ...diffOptions, ignore });
    },

    async create(checked: Props) {
      const inputs = checked as I;
      const takesOver = inputs.adopt === true || spec.api.createTakesOver === true;
      const existing = takesOver || spec.api.refusesDuplicates ? await spec.api.find(inputs) : undefined;
      if (existing !== undefined && !takesOver) {
        throw new Error(
          `${spec.noun} ${describeIdentity(spec, inputs)} already exists (id ${spec.api.idOf(existing)}); set adopt: true to take it over, or choose another ${spec.identity.at(-1)}`,
        );
      }
      if (existing !== undefined && inputs.adopt !== true) {
        warn(
          `${spec.noun} ${describeIdentity(spec, inputs)} already exists (id ${spec.api.idOf(existing)}), left by an interrupted run or made by hand: taking it over as declared`,
        );
      }
      const wire =
        existing !== undefined
          ? await adopt(existing, inputs)
          : spec.lifecycle?.create
            ? await spec.lifecycle.create(inputs)
            : await createUnique(spec.noun, String(inputs[spec.identity.at(-1)!]), async () => {
                if (!spec.api.create) throw new Error(`${spec.type}: the spec has neither api.create nor lifecycle.create`);
                return spec.api.create(await spec.toWire(inputs, {}), inputs);
              });
      return { id: spec.api.idOf(wire), outs: await outputsOf(wire, inputs) };
    },

    async read(id: string, props?: Props) {
      let wire: W | null | undefined;
      try {
        wire = await spec.api.get(id, props ?? {});
      } catch (e) {
        if (e instanceof NotFoundError) return { id: "" };
        throw e;
      }
      if (wire === null) return { id: "" };
      if (wire === undefined) return { id, props };
      const outs = await outputsOf(wire, props ?? {});
      return { id, props: outs, inputs: withoutKeys(outs, spec.outputOnly) };
    },

    async update(id: string, olds: Props, checked: Props) {
      const news = checked as I;
      const wire = await updateExisting(spec.noun, id, () =>
        spec.lifecycle?.update ? spec.lifecycle.update(id, olds, news) : merge(id, news, overlayFor(news, olds)),
      );
      return { outs: await outputsOf(wire, news) };
    },

    async delete(id: string, props: Props = {}) {
      await deleteIdempotent(() => (spec.lifecycle?.delete ? spec.lifecycle.delete(id, props) : spec.api.delete(id, props)));
    },
  });
}

/** Every method of `p`, its expected errors thrown without a stack trace (expectedError.ts). */
function quietProvider(p: LifecycleProvider): LifecycleProvider {
  return {
    check: (olds, news) => quietly(() => p.check(olds, news)),
    diff: (id, olds, news) => quietly(() => p.diff(id, olds, news)),
    create: (inputs) => quietly(() => p.create(inputs)),
    read: (id, props) => quietly(() => p.read(id, props)),
    update: (id, olds, news) => quietly(() => p.update(id, olds, news)),
    delete: (id, props) => quietly(() => p.delete(id, props)),
  };
}

function describeIdentity(spec: { identity: readonly string[] }, inputs: Props): string {
  return spec.identity.map((k) => `${k} "${String(inputs[k])}"`).join(", ");
}

/**
 * The adopt preview: "adopting skill name "x" (id 5) changes maxWaitTime: 30 → 120, …" (`takeOver`:
 * "… already exists (id 5), …: creating it takes it over, which changes …"). Write-only and secret
 * inputs are named, never shown. Undeclared fields are not listed: adopt keeps them.
 */
export function describeAdopt<I extends Props, W>(
  spec: ResourceSpec<I, W>,
  existing: W,
  inputs: I,
  live: Props,
  how: "adopt" | "takeOver" = "adopt",
): string {
  const hidden = new Set([...(spec.writeOnly ?? []), ...(spec.neverShown ?? [])]);
  const sets = new Set(spec.sets ?? []);
  const changes: string[] = [];
  for (const key of declaredKeys(inputs)) {
    if (spec.outputOnly.includes(key)) continue;
    const declared = inputs[key];
    if (hidden.has(key)) {
      changes.push(`${key}: (secret) will be written`);
      continue;
    }
    changes.push(...fieldChanges(key, live[key], declared, sets.has(key)));
  }
  const id = spec.api.idOf(existing);
  // Without `adopt`, the program did not ask for a take-over: say why it happens (the create's own warning, ahead).
  const head =
    how === "adopt"
      ? `adopting ${spec.type} ${describeIdentity(spec, inputs)} (id ${id})`
      : `${spec.type} ${describeIdentity(spec, inputs)} already exists (id ${id}), left by an interrupted run or made by hand: creating it takes it over, which`;
  const note = spec.adoptNote?.(existing, inputs);
  const body = changes.length ? ` changes ${changes.join("; ")}` : " changes none of its declared fields";
  return `${head}${body}; fields the program does not declare keep their live values${note ? `; ${note}` : ""}`;
}

/** `key: live → declared` when they differ; an object (flags) is compared key by key. */
function fieldChanges(key: string, now: unknown, declared: unknown, isSet: boolean): string[] {
  if (isPlainObject(declared) && (isPlainObject(now) || now === undefined)) {
    const live = (now ?? {}) as Props;
    return Object.keys(declared).flatMap((k) => fieldChanges(`${key}.${k}`, live[k], declared[k], false));
  }
  const same =
    isSet && Array.isArray(now) && Array.isArray(declared) ? deepEqual([...now].sort(), [...declared].sort()) : deepEqual(now, declared);
  return same ? [] : [`${key}: ${show(now)} → ${show(declared)}`];
}

function isPlainObject(v: unknown): v is Props {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  if (v === undefined) return "(unset)";
  // A value computed from another resource is still Pulumi's unknown marker at preview.
  return JSON.stringify(v).split(JSON.stringify(UNKNOWN).slice(1, -1)).join("(known after update)");
}

function withoutKeys(props: Props, keys: readonly string[]): Props {
  const out = { ...props };
  for (const k of keys) delete out[k];
  return out;
}
