/**
 * Building blocks shared by the input schemas.
 *
 * Messages use the `{property}` placeholder, which `checkInputs` replaces with the dotted path of the
 * failing input ("flags.messageDelay"). Schemas never know where they are nested, and messages never
 * contain the value given: inputs may be secrets.
 */
import { z } from "zod";
import { NAME_MAX_LENGTH } from "../../model/limits";

/** Placeholder for the dotted input path in schema messages. @internal */
export const PROPERTY = "{property}";

/** `{property} <text>` — a message naming the failing input. @internal */
export function must(text: string): string {
  return `${PROPERTY} ${text}`;
}

/** A trimmed, non-empty string. @internal */
export function nonEmpty(what = "a non-empty string") {
  return z
    .string({ error: must(`must be ${what}`) })
    .trim()
    .min(1, { error: must(`must be ${what}`) });
}

/** A name LiveEngage keeps (skill, campaign, engagement): trimmed, non-empty, within its length limit. @internal */
export function objectName(what: string) {
  return nonEmpty(what).max(NAME_MAX_LENGTH, {
    error: must(`must be at most ${NAME_MAX_LENGTH} characters (LiveEngage's limit for names); shorten it`),
  });
}

/**
 * An id of a LivePerson object: ids are longs, which Pulumi passes as strings of digits. A name given
 * where an id belongs (a skill's name as fallbackSkillId) is the usual mistake, so the message says so.
 * @internal
 */
export function idString(example = "3735471112") {
  const msg = must(
    `must be the numeric id of an existing object as a string of digits, e.g. "${example}"; ` +
      "a name is not an id: pass the resource's id output (e.g. skill.id) or look the id up in LiveEngage",
  );
  return z.string({ error: msg }).trim().regex(/^\d+$/, { error: msg });
}

/** An integer ≥ `min`; `what` names the unit ("seconds", "conversations"). @internal */
export function wholeNumber(what: string, example: number, min = 0) {
  const msg = must(`must be a whole number of ${what} ≥ ${min}, e.g. ${example}`);
  return z.number({ error: msg }).int({ error: msg }).min(min, { error: msg });
}

/** A boolean. @internal */
export function flag(example: boolean) {
  return z.boolean({ error: must(`must be true or false, e.g. ${example}`) });
}

/** One of `values`. @internal */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: must(`must be one of ${values.map((v) => `"${v}"`).join(", ")}`) });
}

/**
 * `adopt`: take over an existing object with the same unique name instead of failing on the duplicate
 * (dynamic resources cannot be imported, pulumi/pulumi#16175). Only read at create.
 * @default false
 */
export const adoptSchema = flag(false).default(false);

/** Role of a bot user / connector: Agent or Agent Manager (LivePerson's `lpUserRole` values); the model's. */
export { ROLES, type Role } from "../../model/roles";

/** Sorted, de-duplicated ids: these lists are sets, so order must not produce a diff. @internal */
export function idSet(example?: string) {
  return z
    .array(idString(example), { error: must('must be a list of ids as strings, e.g. ["3735471112"]') })
    .transform((ids) => [...new Set(ids)].sort());
}
