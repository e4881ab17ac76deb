/**
 * The credential flags of a connector travel apart from the other flags, as the top-level input
 * `secretFlags`. Pulumi's Node SDK marks a whole top-level property secret when any value inside
 * it is secret, so keeping lpPassword inside `flags` would hide every flag behind "[secret]" in
 * previews; apart, a pull request's `pulumi preview` still shows which flag changed.
 */
import { SECRET_FLAG_KEYS } from "./flags";

export const SECRET_FLAGS_KEY = "secretFlags";

type WithFlags = { flags?: unknown; secretFlags?: unknown };

/** `flags` with the credential flags put back: the form the schema validates and the API gets. */
export function joinSecretFlags<T extends WithFlags>(value: T): Omit<T, "secretFlags"> {
  const { secretFlags, ...rest } = value;
  if (secretFlags === undefined || secretFlags === null) return rest;
  return { ...rest, flags: { ...((rest.flags ?? {}) as object), ...(secretFlags as object) } };
}

/** The reverse of {@link joinSecretFlags}: credential flags moved out to `secretFlags`. */
export function splitSecretFlags<T extends WithFlags>(value: T): T {
  if (value.flags === undefined || value.flags === null || typeof value.flags !== "object") return value;
  const flags: Record<string, unknown> = {};
  const secrets: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value.flags as Record<string, unknown>)) {
    ((SECRET_FLAG_KEYS as readonly string[]).includes(k) ? secrets : flags)[k] = v;
  }
  const out = { ...value, flags } as T;
  if (Object.keys(secrets).length > 0) out.secretFlags = secrets;
  else delete out.secretFlags;
  return out;
}
