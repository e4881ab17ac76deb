/** A spec's diff rules in the shape diffInputs takes. */
import { CREATE_ONLY_INPUTS, type DiffOptions } from "../diff";
import type { Props, ResourceSpec } from "../spec";

/** A spec's diff rules, as {@link diffInputs} takes them (the factory also ignores its output-only keys). */
export function diffOptionsOf(
  spec: Pick<ResourceSpec<Props, unknown>, "replaceOnChange" | "sets" | "deleteBeforeReplace" | "providerOnly">,
): DiffOptions {
  return {
    replaceOn: spec.replaceOnChange,
    sets: spec.sets ?? [],
    ignore: [...CREATE_ONLY_INPUTS, ...(spec.providerOnly ?? [])],
    ...(spec.deleteBeforeReplace ? { deleteBeforeReplace: true } : {}),
  };
}
