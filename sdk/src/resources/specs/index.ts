/** The five resource specs, and what is derived from them for docs and tests. */
import type { DiffOptions } from "../diff";
import { diffOptionsOf } from "./diffOptions";
import { botAgentSpec } from "./botAgent";
import { botConnectorSpec } from "./botConnector";
import { campaignSpec } from "./campaign";
import { engagementSpec } from "./engagement";
import { skillSpec } from "./skill";

export { diffOptionsOf };
export { botAgentSpec, botConnectorSpec, campaignSpec, engagementSpec, skillSpec };

/** Every resource's spec by its Pulumi type name. */
export const SPECS = {
  Skill: skillSpec,
  BotAgent: botAgentSpec,
  Campaign: campaignSpec,
  Engagement: engagementSpec,
  BotConnector: botConnectorSpec,
} as const;

/** Ready-made {@link DiffOptions} per resource (the README's resource table is generated from them). */
export const DIFF_OPTIONS = Object.fromEntries(Object.entries(SPECS).map(([name, spec]) => [name, diffOptionsOf(spec as never)])) as Record<
  keyof typeof SPECS,
  DiffOptions
>;

/** BotConnector inputs whose change replaces the connector (the README's flags table reads it). */
export const BOT_CONNECTOR_REPLACE_ON_CHANGE = botConnectorSpec.replaceOnChange;
