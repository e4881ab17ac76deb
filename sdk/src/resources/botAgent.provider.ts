/**
 * The BotAgent dynamic provider: its lifecycle (lifecycles.ts, from specs/botAgent.ts), loaded on the first call.
 *
 * KEEP THIS MODULE PATH AND ITS EXPORTS: this module IS the provider, recorded in users' state as
 * `require("pulumi-liveengage/dist/resources/botAgent.provider.js")` (see skill.provider.ts).
 */
import { lazyLifecycle } from "./lazyLifecycle";

const provider = lazyLifecycle(async () => (await import("./lifecycles")).botAgent);
export const { configure, check, diff, create, read, update } = provider;
const deleteBotAgent = provider.delete;
export { deleteBotAgent as delete };
