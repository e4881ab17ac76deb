import * as botAgentProvider from "./resources/botAgent.provider";
import * as botConnectorProvider from "./resources/botConnector.provider";
import * as campaignProvider from "./resources/campaign.provider";
import * as engagementProvider from "./resources/engagement.provider";
import * as skillProvider from "./resources/skill.provider";
import { noopProvider } from "./testing/noop";

/**
 * Every dynamic provider the package ships, by resource name. scripts/check-serialization.js
 * serializes each one the way Pulumi does and fails the build when one breaks, grows or leaks.
 * @internal
 */
export const allProviders: Readonly<Record<string, object>> = Object.freeze({
  Skill: skillProvider,
  BotAgent: botAgentProvider,
  Campaign: campaignProvider,
  Engagement: engagementProvider,
  BotConnector: botConnectorProvider,
  Noop: noopProvider,
});
