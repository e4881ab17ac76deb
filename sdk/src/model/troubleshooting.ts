/**
 * Why a connector component fails and how to fix it: the one source of the README's troubleshooting
 * table (scripts/gen-troubleshooting-table.js writes it) and of the fixes `liveengage dashboard`
 * shows next to a Not Connected agent. Text is Markdown-light: `code` spans only, so both a README
 * and a web page can render it.
 */

/** The components a connector's status is computed from (Conversation Builder's status-v2). */
export type StatusComponent = "botUser" | "role" | "login" | "skill" | "fallbackSkill" | "conversationType";

export interface Troubleshooting {
  component: StatusComponent;
  why: string;
  fix: string;
}

export const TROUBLESHOOTING: readonly Troubleshooting[] = [
  {
    component: "botUser",
    why: "the agent's user does not exist (deleted outside Pulumi), is disabled, or is not a bot (`userTypeId` ≠ 2)",
    fix: "deploy the agent as a `BotAgent` (always a bot, `enabled: true`); if it was deleted or disabled by hand, `pulumi refresh` then `pulumi up` restores it",
  },
  {
    component: "role",
    why: "the connector's `role` (`lpUserRole`) differs from the role of the user's profile",
    fix: "give the connector the agent's `role` (`BotDeployment` uses `agents.role` for both)",
  },
  {
    component: "login",
    why: "the Login Service refused the connector's credentials: `flags.lpPassword` is not the agent's password, or the app-key quadruple is not allowed for the user",
    fix: "pass the same secret to `BotAgent.password` and `flags.lpPassword` (`BotDeployment` does), or the agent's `allowedAppKey` and the four `lpApp*`/`lpAccess*` flags; passwords are write-only, so a change made outside Pulumi is not seen: rotate through Pulumi (new secret, `pulumi up`: agent and connector get it together)",
  },
  {
    component: "skill",
    why: "the agent holds no live skill",
    fix: "give the `BotAgent` `skillIds` with a live skill; if the skill was deleted by hand, `pulumi refresh` then `pulumi up`",
  },
  {
    component: "fallbackSkill",
    why: "`fallbackSkillId` is not an existing skill",
    fix: "point it at a live skill, e.g. a `Skill` resource's `id`",
  },
  {
    component: "conversationType",
    why: "the connector's `conversationType` is not enabled on the account",
    fix: "use the account's type (`messaging` or `chat`), or have it enabled on the account",
  },
];

/** The troubleshooting entry of a component, if it is one we know. */
export function troubleshootingFor(component: string): Troubleshooting | undefined {
  return TROUBLESHOOTING.find((t) => t.component === component);
}
