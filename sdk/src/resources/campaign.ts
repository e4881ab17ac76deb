import * as pulumi from "@pulumi/pulumi";
import * as campaignProvider from "./campaign.provider";
import type { CompleteProvider } from "./factory";
import { type Inputs } from "./inputs";
import type { CampaignArgs as CampaignFields } from "./schemas/args.generated";

// The provider module's path is recorded in users' state, and the module itself is the provider:
// a missing or misspelt lifecycle export fails to compile here.
campaignProvider satisfies CompleteProvider;

/** Arguments of {@link Campaign}; see the README's resource table. */
export type CampaignArgs = Inputs<CampaignFields>;

/** A LiveEngage campaign (`le-campaigns`), the container of engagements. Updated in place. */
export class Campaign extends pulumi.dynamic.Resource {
  declare readonly name: pulumi.Output<string>;
  declare readonly published: pulumi.Output<boolean>;
  declare readonly effectiveGoalId: pulumi.Output<string>;

  constructor(name: string, args: CampaignArgs, opts?: pulumi.CustomResourceOptions) {
    super(campaignProvider, name, { effectiveGoalId: undefined, published: undefined, ...args }, opts, "liveengage", "Campaign");
  }
}
