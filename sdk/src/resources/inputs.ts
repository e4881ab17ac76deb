import type * as pulumi from "@pulumi/pulumi";

/** Every field of T may be a Pulumi Input (the resource constructors' argument shape). */
export type Inputs<T> = { [K in keyof T]: pulumi.Input<T[K]> };
