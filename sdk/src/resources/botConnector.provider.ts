/**
 * The BotConnector dynamic provider, built from its spec (specs/botConnector.ts) by the provider
 * factory.
 *
 * KEEP THIS MODULE PATH AND ITS EXPORTS: this module IS the provider, recorded in users' state as
 * `require("pulumi-liveengage/dist/resources/botConnector.provider.js")` (see skill.provider.ts).
 */
import { makeProvider } from "./factory";
import { botConnectorSpec } from "./specs/botConnector";

export { configureProviderProcess as configure } from "./runtime";
export { connectorId } from "./specs/botConnector";

/** Outputs that are not inputs: never compared by diff. */
export const BOT_CONNECTOR_OUTPUT_ONLY = botConnectorSpec.outputOnly;

const provider = makeProvider(botConnectorSpec);
export const { check, diff, create, read, update } = provider;
const deleteConnector = provider.delete;
export { deleteConnector as delete };
