/**
 * Shared pieces of the wire schemas. Response schemas are tolerant (P7): unknown fields are
 * dropped, most known fields are optional, ids may arrive as numbers or numeric strings.
 */
import { z } from "zod";

/** A LivePerson numeric id, accepted as a number or a numeric string, returned as a number. */
export const numericId = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number),
]);

/** An id that the CB services treat as a string (user ids, account ids), accepted as either. */
export const stringId = z.union([z.string(), z.number().transform(String)]);

/** Copies only `keys` of `input` that are not undefined: request bodies never carry stray fields. */
export function pickDefined<T extends object, K extends keyof T>(input: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (input[k] !== undefined) out[k] = input[k];
  return out;
}

/** Removes `null` and `undefined` values (read shapes use null for "unset"; inputs use absence). */
export function withoutNulls<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], null> } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== null && v !== undefined) out[k] = v;
  return out as { [K in keyof T]?: Exclude<T[K], null> };
}
