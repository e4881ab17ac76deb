import type * as pulumi from "@pulumi/pulumi";

/**
 * T with Pulumi Inputs at every level, as programs pass them: `skillIds: [skill.id]`,
 * `flags: { lpPassword: config.requireSecret("pw"), messageDelay: 300 }`.
 */
export type DeepInput<T> = T extends boolean
  ? pulumi.Input<boolean> // not Input<true> | Input<false>: the conditional type distributes over boolean
  : T extends readonly (infer U)[]
    ? pulumi.Input<DeepInput<U>[]>
    : T extends object
      ? pulumi.Input<{ [K in keyof T]: DeepInput<T[K]> }>
      : pulumi.Input<T>;

/** Every field of T may be a Pulumi Input, nested ones included (the resource constructors' argument shape). */
export type Inputs<T> = { [K in keyof T]: DeepInput<T[K]> };
