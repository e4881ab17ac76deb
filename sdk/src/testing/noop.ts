import * as pulumi from "@pulumi/pulumi";
import { randomUUID } from "node:crypto";

/**
 * A dynamic resource that talks to nothing. It is the engine's floor: the cost of N dynamic
 * resources with no API behind them, against which `bench/` reports the package's overhead, and
 * the subject of the first end-to-end test of the toolchain (preview → up → refresh → destroy).
 */
export interface NoopArgs {
  /** Any string; changing it is an in-place update. */
  value: pulumi.Input<string>;
}

interface NoopState {
  value: string;
}

/** @internal Exported for the serialization check; one frozen instance, never captured state. */
export const noopProvider = Object.freeze({
  async check(_olds: NoopState, news: NoopState) {
    return typeof news.value === "string"
      ? { inputs: { value: news.value } }
      : { failures: [{ property: "value", reason: "value must be a string" }] };
  },
  async diff(_id: string, olds: NoopState, news: NoopState) {
    return { changes: olds.value !== news.value };
  },
  async create(inputs: NoopState) {
    return { id: randomUUID(), outs: { value: inputs.value } };
  },
  async read(id: string, props?: NoopState) {
    // `id` must be returned: an empty id tells the engine the resource is gone.
    const value = props?.value ?? "";
    return { id, props: { value }, inputs: { value } };
  },
  async update(_id: string, _olds: NoopState, news: NoopState) {
    return { outs: { value: news.value } };
  },
  async delete() {
    // Nothing to delete.
  },
} satisfies pulumi.dynamic.ResourceProvider<NoopState, NoopState>);

export class Noop extends pulumi.dynamic.Resource {
  declare readonly value: pulumi.Output<string>;

  constructor(name: string, args: NoopArgs, opts?: pulumi.CustomResourceOptions) {
    super(noopProvider, name, { ...args }, opts, "liveengage", "Noop");
  }
}
