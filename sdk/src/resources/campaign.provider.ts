/**
 * The Campaign dynamic provider: its lifecycle (lifecycles.ts, from specs/campaign.ts), loaded on the first call.
 *
 * KEEP THIS MODULE PATH AND ITS EXPORTS: this module IS the provider, recorded in users' state as
 * `require("pulumi-liveengage/dist/resources/campaign.provider.js")` (see skill.provider.ts).
 */
import { lazyLifecycle } from "./lazyLifecycle";

const provider = lazyLifecycle(async () => (await import("./lifecycles")).campaign);
export const { configure, check, diff, create, read, update } = provider;
const deleteCampaign = provider.delete;
export { deleteCampaign as delete };
