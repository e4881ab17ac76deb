// The status computation is pure; this pins the rule that a running connector is judged on the
// configuration it started with (edits are refused while running, so this is not reachable over
// HTTP), and that a stopped one is judged on its current configuration.
import { primaryAccount, ADMIN_USER_ID } from "../../../sdk/src/emulator/seed";
import { computeStatus } from "../../../sdk/src/emulator/status";
import { digest } from "../../../sdk/src/emulator/secrets";
import type { Connector } from "../../../sdk/src/emulator/store/state";

function setup() {
  const acc = primaryAccount({ accountId: "1", username: "admin", password: "pw" });
  acc.skills[5] = {
    id: 5,
    deleted: false,
    name: "s",
    dateUpdated: "",
    skillOrder: 0,
    maxWaitTime: 120,
    canTransfer: true,
    fallbackWhenAllAgentsAreAway: true,
  };
  acc.users[7] = { ...acc.users[ADMIN_USER_ID], id: 7, loginName: "bot", userTypeId: 2, profileIds: [1002], skillIds: [5] };
  acc.userSecrets[7] = { passwordDigest: digest(acc, "good") };
  const c: Connector = {
    lpAccountId: "1",
    lpAccountUser: "bot",
    lpUserId: "7",
    botId: "demo-bot",
    type: "messaging",
    deploymentEnvironment: "STAGING",
    configurations: { lpPassword: digest(acc, "changed-since") },
    lastManualOperation: "START",
    manualOperationTs: 0,
    createTime: 0,
    updateTime: 0,
    running: {
      startedAt: 0,
      snapshot: {
        type: "messaging",
        deploymentEnvironment: "STAGING",
        lpAccountUser: "bot",
        configurations: { lpPassword: digest(acc, "good") },
      },
    },
  };
  return { acc, c };
}

it("a running connector keeps the configuration it started with", () => {
  const { acc, c } = setup();
  expect(computeStatus(acc, c, 10_000, 1000).status).toBe("CONNECTED");
  const stopped = { ...c, running: null };
  const s = computeStatus(acc, stopped, 10_000, 1000);
  expect(s.status).toBe("STOPPED");
  expect(s.components.find((x) => x.name === "login")?.ok).toBe(false);
});

it("is NOT_CONNECTED with reason 'starting' until the connect delay has passed, and reads the live account", () => {
  const { acc, c } = setup();
  expect(computeStatus(acc, c, 999, 1000)).toEqual(
    expect.objectContaining({ status: "NOT_CONNECTED", reasons: ["starting"], connectsAt: 1000 }),
  );
  expect(computeStatus(acc, c, 1000, 1000).status).toBe("CONNECTED");
  acc.skills[5] = { ...acc.skills[5], deleted: true };
  const s = computeStatus(acc, c, 1000, 1000);
  expect(s.reasons).toEqual(["skill: the user has no skill"]);
});
