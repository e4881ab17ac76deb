/**
 * The zod schema of BotConnector `flags` and `customConfigurations`, generated from the Flags table
 * in ../flags.ts. Rules that need `conversationType` (the Chat column, the credential rule) live in
 * botConnector.ts because a nested schema cannot see its siblings.
 */
import { z } from "zod";
import { FLAG_KEYS, FlagKey, FlagValues, describeFlagExpectation, flagSpec, isFlagKey } from "../flags";
import { must } from "./common";

/** Why a flag may not be set in `flags`, or undefined when it may (subject to the Chat column). */
export function flagRefusal(key: FlagKey): string | undefined {
  const spec = flagSpec(key);
  if (spec.managed?.by === "input") {
    const input = spec.managed.input;
    return `is set by the first-class input '${input}'; remove it and set ${input} on the connector instead`;
  }
  if (spec.managed?.by === "provider") {
    return `is set by the provider from ${spec.managed.from}; remove it`;
  }
  if (!spec.messaging && !spec.chat) {
    return `is not supported: the flags table marks ${key} N for both messaging and chat conversations`;
  }
  return undefined;
}

function flagValueSchema(key: FlagKey): z.ZodType {
  const refusal = flagRefusal(key);
  if (refusal !== undefined) return z.never({ error: must(refusal) });
  const type = flagSpec(key).type;
  const msg = must(`must be ${describeFlagExpectation(key)}`);
  switch (type.kind) {
    // Not trimmed: values may be secrets or messages whose whitespace matters.
    case "string":
      return z.string({ error: msg }).min(1, { error: msg });
    case "integer":
      return z.number({ error: msg }).int({ error: msg }).min(type.min, { error: msg });
    case "boolean":
      return z.boolean({ error: msg });
    case "enum":
      return z.enum(type.values as [string, ...string[]], { error: msg });
  }
}

/** Flags a user may put in `flags` (everything but the managed and unsupported keys). */
export const USER_FLAG_KEYS: readonly FlagKey[] = FLAG_KEYS.filter((k) => flagRefusal(k) === undefined);

/** Keys of {@link USER_FLAG_KEYS} as a type. */
export type UserFlagKey = Exclude<
  FlagKey,
  "lpAccountId" | "lpAccountUser" | "lpUserRole" | "enableAccessibility" | "fallbackSkillId" | "externalWebhookUrl" | "useRedis"
>;

/** The typed `flags` of a connector after `check` (defaults for its conversation type applied). */
export type ConnectorFlags = Pick<FlagValues, UserFlagKey>;

type FlagValueOrNull<K extends FlagKey> = K extends UserFlagKey ? NonNullable<FlagValues[K]> | null : never;
type FlagsShape = { [K in FlagKey]: z.ZodOptional<z.ZodType<FlagValueOrNull<K>, FlagValueOrNull<K>>> };

/**
 * `flags`: every key of the table. Refused keys are declared (as `never`) rather than left unknown so
 * the message can point to the right input instead of saying "unknown property". `null` means unset.
 */
export const connectorFlagsSchema = z.strictObject(
  Object.fromEntries(
    FLAG_KEYS.map((key) => {
      const value = flagValueSchema(key);
      return [key, flagRefusal(key) === undefined ? value.nullable().optional() : value.optional()];
    }),
  ) as unknown as FlagsShape,
  { error: must("must be an object of flag values, e.g. { messageDelay: 300 }") },
);

/** Why `customConfigurations.<key>` is refused, or undefined when the key is outside the table. */
export function customConfigurationRefusal(key: string): string | undefined {
  if (!isFlagKey(key)) return undefined;
  const refusal = flagRefusal(key);
  if (refusal !== undefined) return refusal;
  return `is a flag of the flags table; set flags.${key} instead so it is type-checked`;
}

/** `customConfigurations`: free-form string pairs for keys outside the Flags table. */
export const customConfigurationsSchema = z
  .record(
    z.string().regex(/^\S+$/),
    z.string({ error: must('must be a string (the connector receives every configuration as a string), e.g. "true"') }),
    {
      error: (issue) =>
        issue.code === "invalid_key"
          ? must("is not a valid key: keys must be non-empty and without spaces")
          : must('must be an object of string keys and string values, e.g. { disableGreetings: "true" }'),
    },
  )
  .superRefine(
    (cfg, ctx) => {
      // Runs even when some values failed, so every misplaced flag is reported in one pass.
      if (typeof cfg !== "object" || cfg === null) return;
      for (const key of Object.keys(cfg)) {
        const refusal = customConfigurationRefusal(key);
        if (refusal !== undefined) ctx.addIssue({ code: "custom", path: [key], message: must(refusal) });
      }
    },
    { when: () => true },
  );
