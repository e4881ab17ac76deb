export { Skill, type SkillArgs } from "./skill";
export { BotAgent, type BotAgentArgs } from "./botAgent";
export { Campaign, type CampaignArgs } from "./campaign";
export { Engagement, type EngagementArgs } from "./engagement";
export { BotConnector, type BotConnectorArgs } from "./botConnector";
export type { DisplayStatus } from "../model/connectorStatus";
export { FLAG_SPECS, FLAG_KEYS, SECRET_FLAG_KEYS, type FlagKey, type FlagValues } from "./flags";
