/** Inputs of the BotAgent resource: a LivePerson user of type Bot (reference §5.2–5.3). */
import { z } from "zod";
import { NAME_MAX_LENGTH } from "../../model/limits";
import { DEFAULT_ROLE } from "../../model/roles";
import { adoptSchema, flag, idSet, must, nonEmpty, oneOf, ROLES, wholeNumber } from "./common";

/** A login name: non-empty, no whitespace (LivePerson uses it as the connector's `lpAccountUser`). */
export const loginNameSchema = z
  .string({ error: must('must be a login name without spaces, e.g. "cb-bot-1"') })
  .trim()
  .regex(/^\S+$/, { error: must('must be a login name without spaces, e.g. "cb-bot-1"') })
  .max(NAME_MAX_LENGTH, { error: must(`must be at most ${NAME_MAX_LENGTH} characters (LiveEngage's limit for login names); shorten it`) });

/** Checked, normalized BotAgent inputs. */
export const botAgentInputsSchema = z
  .strictObject({
    /** Unique login name. Changing it replaces the user. */
    loginName: loginNameSchema,
    nickname: nonEmpty('a non-empty nickname, e.g. "CB Bot"'),
    fullName: nonEmpty('a non-empty full name, e.g. "CB Bot 1"'),
    email: z.email({ error: must('must be an email address, e.g. "bot@example.com"') }),
    /** Skills assigned to the bot. A set: order is ignored. @default [] */
    skillIds: idSet().default([]),
    /** Profile (role) of the user; a connector's role must match it. @default "ASSIGNED_AGENT" */
    role: oneOf(ROLES).default(DEFAULT_ROLE),
    /** @default true */
    enabled: flag(true).default(true),
    /** Messaging concurrency; absent = the account default. */
    maxAsyncChats: wholeNumber("conversations", 50).optional(),
    /**
     * Chat concurrency. LivePerson requires the field; its own bot payloads send -1 (no limit set), so do we.
     * @default -1
     */
    maxChats: wholeNumber("chats (-1 = no limit)", -1, -1).default(-1),
    /** Password login (secret, at least 8 characters). Exactly one of password / allowedAppKey. */
    password: z
      .string({ error: must("must be a string of at least 8 characters") })
      .min(8, { error: must("must be at least 8 characters long") })
      .optional(),
    /**
     * App key the user logs in with (API user, recommended by LivePerson: it does not expire).
     * Exactly one of password / allowedAppKey.
     */
    allowedAppKey: nonEmpty("a non-empty app key").optional(),
    /** @default false */
    adopt: adoptSchema,
  })
  .superRefine(
    (v, ctx) => {
      // Runs even when fields failed (when: () => true) so every problem is reported in one pass.
      if (typeof v !== "object" || v === null) return;
      const hasPassword = v.password !== undefined;
      const hasKey = v.allowedAppKey !== undefined;
      if (hasPassword === hasKey) {
        ctx.addIssue({
          code: "custom",
          path: hasPassword ? ["allowedAppKey"] : ["password"],
          message: hasPassword
            ? must("cannot be combined with password: a bot user logs in with either a password or an app key")
            : "password or allowedAppKey is required: a bot user needs exactly one login method",
        });
      }
    },
    { when: () => true },
  );

/** BotAgent inputs after `check`. */
export type BotAgentInputs = z.output<typeof botAgentInputsSchema>;
/** What a program may pass (before defaults). */
export type BotAgentArgs = z.input<typeof botAgentInputsSchema>;
