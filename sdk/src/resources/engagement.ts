import * as pulumi from "@pulumi/pulumi";
import * as engagementProvider from "./engagement.provider";
import type { CompleteProvider } from "./factory";
import { type Inputs } from "./inputs";
import type { EngagementArgs as EngagementFields } from "./schemas/args.generated";

// The provider module's path is recorded in users' state, and the module itself is the provider:
// a missing or misspelt lifecycle export fails to compile here.
engagementProvider satisfies CompleteProvider;

/** Arguments of {@link Engagement}; see the README's resource table. */
export type EngagementArgs = Inputs<EngagementFields>;

/**
 * An engagement of a campaign, routing conversations to a skill. Changing `campaignId` replaces
 * it; everything else is updated in place.
 */
export class Engagement extends pulumi.dynamic.Resource {
  declare readonly name: pulumi.Output<string>;
  declare readonly campaignId: pulumi.Output<string>;
  declare readonly skillId: pulumi.Output<string>;
  declare readonly skillName: pulumi.Output<string | undefined>;

  constructor(name: string, args: EngagementArgs, opts?: pulumi.CustomResourceOptions) {
    super(engagementProvider, name, { skillName: undefined, ...args }, opts, "liveengage", "Engagement");
  }
}
