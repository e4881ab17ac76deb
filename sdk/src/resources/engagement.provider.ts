/**
 * The Engagement dynamic provider, built from its spec (specs/engagement.ts) by the provider factory.
 *
 * KEEP THIS MODULE PATH AND ITS EXPORTS: this module IS the provider, recorded in users' state as
 * `require("pulumi-liveengage/dist/resources/engagement.provider.js")` (see skill.provider.ts).
 */
import { makeProvider } from "./factory";
import { engagementSpec } from "./specs/engagement";

export { configureProviderProcess as configure } from "./runtime";

/** Outputs that are not inputs: never compared by diff. */
export const ENGAGEMENT_OUTPUT_ONLY = engagementSpec.outputOnly;

const provider = makeProvider(engagementSpec);
export const { check, diff, create, read, update } = provider;
const deleteEngagement = provider.delete;
export { deleteEngagement as delete };
