/**
 * What a read returns in place of a write-only secret (connector flags, passwords, app-key
 * secrets). The emulator writes it, the client re-applies it as defence in depth, the resources
 * recognize it as "cannot be read back".
 */
export const SECRET_MASK = "********";

/** Whether a read value is a mask (any run of asterisks) rather than a real value. */
export function isMasked(value: unknown): boolean {
  return typeof value === "string" && /^\*+$/.test(value);
}
