/**
 * Pieces shared by the resource lifecycles: checking with warnings, the declared-keys rule for
 * outputs, id conversion and the not-found conventions.
 */
import type { z } from "zod";
import { NotFoundError, ValidationError } from "../client";
import { checkInputs, type CheckOutcome } from "./check";
import { CREATE_ONLY_INPUTS } from "./diff";
import { warn } from "./runtime";

/** `check`: validate, print warnings, and answer in the dynamic provider's shape. */
export function checkAndWarn<S extends z.ZodType>(
  schema: S,
  news: Record<string, unknown>,
  warnings?: (inputs: z.output<S>) => string[],
): { inputs?: Record<string, unknown>; failures?: { property: string; reason: string }[] } {
  const outcome: CheckOutcome<z.output<S>> = checkInputs(schema, news, { warnings });
  for (const w of outcome.warnings) warn(w);
  if (outcome.failures.length > 0) return { failures: outcome.failures };
  return { inputs: outcome.inputs as Record<string, unknown> };
}

/**
 * The input keys a program declared (after `check` defaults), without create-only ones.
 * Outputs hold the API's values for exactly these keys: a server default for a field the program
 * never set would otherwise show up as a change on every preview.
 */
export function declaredKeys(inputs: Record<string, unknown>): string[] {
  return Object.keys(inputs).filter(
    (k) => inputs[k] !== undefined && !k.startsWith("__") && !(CREATE_ONLY_INPUTS as readonly string[]).includes(k),
  );
}

/** The keys of `view` named by `keys`, leaving out absent values. */
export function pick(view: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (view[k] !== undefined && view[k] !== null) out[k] = view[k];
  return out;
}

/** LivePerson ids are numbers on the wire and strings in Pulumi. */
export function numericId(id: string, what: string): number {
  const n = Number(id);
  if (!Number.isSafeInteger(n)) throw new Error(`${what} id "${id}" is not a LivePerson numeric id`);
  return n;
}

export const idList = (ids: readonly (number | string)[] | null | undefined): string[] | undefined =>
  ids ? ids.map(String).sort() : undefined;

export const idOf = (id: number | string | null | undefined): string | undefined =>
  id === null || id === undefined ? undefined : String(id);

/** `delete`: what is already gone is deleted. */
export async function deleteIdempotent(del: () => Promise<void>): Promise<void> {
  try {
    await del();
  } catch (e) {
    if (!(e instanceof NotFoundError)) throw e;
  }
}

/** `update` of an object deleted out of band: explain the way out instead of a bare 404. */
export async function updateExisting<T>(what: string, id: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (e) {
    if (e instanceof NotFoundError) {
      throw new Error(
        `${what} ${id} no longer exists in LiveEngage (deleted outside Pulumi); run \`pulumi refresh\` to drop it from state, then \`pulumi up\` to recreate it`,
      );
    }
    throw e;
  }
}

/**
 * `create` of an object whose name is unique in LiveEngage: a duplicate-name refusal says how to take
 * the existing object over (`adopt: true`) instead of only quoting the API.
 */
export async function createUnique<T>(what: string, name: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (e) {
    if (e instanceof ValidationError && e.apiCode === "duplicate-name") {
      throw new Error(
        `${what} "${name}" already exists in LiveEngage; set adopt: true to take it over, or choose another name (${e.message})`,
        { cause: e },
      );
    }
    throw e;
  }
}
