/**
 * The Campaign dynamic provider, built from its spec (specs/campaign.ts) by the provider factory.
 *
 * KEEP THIS MODULE PATH AND ITS EXPORTS: this module IS the provider, recorded in users' state as
 * `require("pulumi-liveengage/dist/resources/campaign.provider.js")` (see skill.provider.ts).
 */
import { makeProvider } from "./factory";
import { campaignSpec } from "./specs/campaign";

export { configureProviderProcess as configure } from "./runtime";

/** Outputs that are not inputs: never compared by diff. */
export const CAMPAIGN_OUTPUT_ONLY = campaignSpec.outputOnly;

const provider = makeProvider(campaignSpec);
export const { check, diff, create, read, update } = provider;
const deleteCampaign = provider.delete;
export { deleteCampaign as delete };
