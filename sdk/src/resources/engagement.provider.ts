/**
 * The Engagement dynamic provider: its lifecycle (lifecycles.ts, from specs/engagement.ts), loaded on the first call.
 *
 * KEEP THIS MODULE PATH AND ITS EXPORTS: this module IS the provider, recorded in users' state as
 * `require("pulumi-liveengage/dist/resources/engagement.provider.js")` (see skill.provider.ts).
 */
import { lazyLifecycle } from "./lazyLifecycle";

const provider = lazyLifecycle(async () => (await import("./lifecycles")).engagement);
export const { configure, check, diff, create, read, update } = provider;
const deleteEngagement = provider.delete;
export { deleteEngagement as delete };
