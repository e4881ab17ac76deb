import * as pulumi from "@pulumi/pulumi";
import type { SkillArgs as SkillFields } from "./schemas/args.generated";
import * as skillProvider from "./skill.provider";
import type { CompleteProvider } from "./factory";

// The provider module's path is recorded in users' state, and the module itself is the provider:
// a missing or misspelt lifecycle export fails to compile here.
skillProvider satisfies CompleteProvider;

type Inputs<T> = { [K in keyof T]: pulumi.Input<T[K]> };

/** Arguments of {@link Skill}; see the README's resource table. */
export type SkillArgs = Inputs<SkillFields>;

/**
 * A LiveEngage skill (`le-users/skills`): what bot agents hold and engagements route to.
 * Every field is updated in place. `adopt: true` takes over an existing skill of the same name.
 */
export class Skill extends pulumi.dynamic.Resource {
  declare readonly name: pulumi.Output<string>;
  declare readonly description: pulumi.Output<string | undefined>;
  declare readonly maxWaitTime: pulumi.Output<number>;
  declare readonly dateUpdated: pulumi.Output<string | undefined>;

  constructor(name: string, args: SkillArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      skillProvider,
      name,
      { dateUpdated: undefined, description: undefined, maxWaitTime: undefined, ...args },
      opts,
      "liveengage",
      "Skill",
    );
  }
}
