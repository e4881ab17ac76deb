/**
 * LiveEngage's limits on what an account accepts, shared by the input schemas (refused at preview)
 * and the emulator (refused on the wire, as LiveEngage does).
 */

/** Longest name of a skill, campaign or engagement, and longest login name (Account Config). */
export const NAME_MAX_LENGTH = 255;
