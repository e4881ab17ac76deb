/**
 * The BotAgent dynamic provider, built from its spec (specs/botAgent.ts) by the provider factory.
 *
 * KEEP THIS MODULE PATH AND ITS EXPORTS: this module IS the provider, recorded in users' state as
 * `require("pulumi-liveengage/dist/resources/botAgent.provider.js")` (see skill.provider.ts).
 */
import { makeProvider } from "./factory";
import { botAgentSpec } from "./specs/botAgent";

export { configureProviderProcess as configure } from "./runtime";

/** Outputs that are not inputs: never compared by diff. */
export const BOT_AGENT_OUTPUT_ONLY = botAgentSpec.outputOnly;

const provider = makeProvider(botAgentSpec);
export const { check, diff, create, read, update } = provider;
const deleteBotAgent = provider.delete;
export { deleteBotAgent as delete };
