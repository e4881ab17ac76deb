/**
 * Conversation types: a connector's `type`, an account's enabled channels, an engagement's
 * `conversationType` (0 = chat, 1 = messaging on the wire, reference §6.3).
 */

/** Conversation types; a connector's type selects the flags table's Messaging or Chat column. */
export const CONVERSATION_TYPES = ["messaging", "chat"] as const;
/** A conversation type. */
export type ConversationType = (typeof CONVERSATION_TYPES)[number];

/** An engagement's wire `conversationType` per conversation type. */
export const ENGAGEMENT_CONVERSATION_TYPE = { chat: 0, messaging: 1 } as const satisfies Record<ConversationType, number>;

/** The conversation type of an engagement's wire `conversationType`, if it is one. */
export function conversationTypeOfEngagement(wire: number | null | undefined): ConversationType | undefined {
  return CONVERSATION_TYPES.find((t) => ENGAGEMENT_CONVERSATION_TYPE[t] === wire);
}
