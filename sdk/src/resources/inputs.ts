import * as pulumi from "@pulumi/pulumi";

/** Every field of T may be a Pulumi Input (the resource constructors' argument shape). */
export type Inputs<T> = { [K in keyof T]: pulumi.Input<T[K]> };

/**
 * Marks the named keys of a plain object secret, so they are encrypted in state whether or not the
 * program passed them as secrets. An object that is itself an Output is marked secret as a whole.
 */
export function secretKeys<T>(value: pulumi.Input<T> | undefined, keys: readonly string[]): pulumi.Input<T> | undefined {
  if (value === undefined || value === null) return value;
  if (pulumi.Output.isInstance(value) || typeof (value as { then?: unknown }).then === "function") {
    return pulumi.secret(value) as pulumi.Input<T>;
  }
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const k of keys) if (out[k] !== undefined && out[k] !== null) out[k] = pulumi.secret(out[k]);
  return out as pulumi.Input<T>;
}
