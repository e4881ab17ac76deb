/**
 * The lifecycle of every resource, built from its spec by the provider factory. Loaded by the
 * provider process on the first call of any provider module (lazyLifecycle.ts), never by a program.
 */
import { connectorLifecycle } from "./connectorLifecycle";
import { makeProvider } from "./factory";
import { botAgentSpec } from "./specs/botAgent";
import { campaignSpec } from "./specs/campaign";
import { engagementSpec } from "./specs/engagement";
import { skillSpec } from "./specs/skill";

export const skill = makeProvider(skillSpec);
export const botAgent = makeProvider(botAgentSpec);
export const campaign = makeProvider(campaignSpec);
export const engagement = makeProvider(engagementSpec);
export const botConnector = connectorLifecycle();
