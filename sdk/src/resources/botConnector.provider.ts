/**
 * The BotConnector dynamic provider: its lifecycle (connectorLifecycle.ts: the factory's plus the
 * rolling restarts), loaded on the first call (lazyLifecycle.ts says why).
 *
 * KEEP THIS MODULE PATH AND ITS EXPORTS: this module IS the provider, recorded in users' state as
 * `require("pulumi-liveengage/dist/resources/botConnector.provider.js")` (see skill.provider.ts).
 */
import { lazyLifecycle } from "./lazyLifecycle";

const provider = lazyLifecycle(async () => (await import("./lifecycles")).botConnector);
export const { configure, check, diff, create, read, update } = provider;
const deleteBotConnector = provider.delete;
export { deleteBotConnector as delete };
