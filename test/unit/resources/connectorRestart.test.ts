/** The restart announcement a preview prints for each connector replacement (issue #16). */
import { UNKNOWN } from "../../../sdk/src/resources/check";
import { restartNotice } from "../../../sdk/src/resources/connectorRestart";

const rollout = { group: "support", member: "2" };
const olds = { agent: "support-bot-2", agentUserId: "101", running: true, flags: { messageDelay: 300, lpPassword: "old-secret" }, rollout };

describe("restartNotice", () => {
  it("names the agent, the steps, the turn-taking and the changed flag with its values", () => {
    const news = { ...olds, flags: { messageDelay: 500, lpPassword: "old-secret" } };
    expect(restartNotice(olds, news, ["flags"])).toBe(
      'bot agent "support-bot-2" will be restarted: stop → start, one at a time; reason: messageDelay 300 → 500',
    );
  });

  it("names a changed secret flag without its values", () => {
    const notice = restartNotice(olds, { ...olds, flags: { messageDelay: 300, lpPassword: "new-secret" } }, ["flags"]);
    expect(notice).toContain("reason: lpPassword changed (secret)");
    expect(notice).not.toMatch(/secret"|old-secret|new-secret/);
  });

  it("says a rename once: the new login name, not the user id that follows it", () => {
    const news = { ...olds, agent: "help-bot-2", agentUserId: UNKNOWN };
    expect(restartNotice(olds, news, ["agent", "agentUserId"])).toBe(
      'bot agent "support-bot-2" will be restarted: stop → start as "help-bot-2", one at a time; reason: agent "support-bot-2" → "help-bot-2"',
    );
  });

  it("without a rollout (a lone connector or all-at-once) promises no turn-taking", () => {
    const { rollout: _r, ...lone } = olds;
    expect(restartNotice(lone, { ...lone, botId: "b2" }, ["botId"])).toBe(
      'bot agent "support-bot-2" will be restarted: stop → start; reason: botId (unset) → "b2"',
    );
  });
});
