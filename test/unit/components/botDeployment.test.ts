/**
 * BotDeployment wiring under Pulumi's runtime mocks: children parented and name-prefixed, one
 * agent and one connector per count, flags stamped identically with per-agent credentials,
 * rolling dependencies, outputs registered. No engine, no API: create is never called.
 */
import * as pulumi from "@pulumi/pulumi";
import { applyFlagDefaults, type FlagValues } from "../../../sdk/src/resources/flags";

// The one mock here: Pulumi's closure serializer cannot run inside jest, whose module registry
// hides modules from require.cache (pulumi/pulumi#3799). Real serialization of every provider is
// checked in plain Node (scripts/check-serialization.js) and by the e2e tests with the real CLI.
jest.mock("@pulumi/pulumi/runtime/closure/serializeClosure", () => ({
  serializeFunction: async () => ({ text: "exports.handler = () => ({});", exportName: "handler", containsSecrets: false }),
}));

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  parent?: string;
}

const registered: Registered[] = [];
/** Parent of each child by name, seen through a transformation on the component (it runs in the SDK, mocks included). */
const parents = new Map<string, pulumi.Resource | undefined>();

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        registered.push({ type: args.type, name: args.name, inputs: args.inputs });
        const state: Record<string, unknown> = { ...args.inputs };
        if (args.type.endsWith(":BotAgent")) state.userId = `uid-${args.name}`;
        // As the provider's check does: the seed's defaults for the flags a declaration leaves out.
        if (args.type.endsWith(":BotConnector")) {
          Object.assign(state, {
            status: "Connected",
            statusReasons: [],
            flags: applyFlagDefaults(reveal(args.inputs.flags) as FlagValues, "messaging"),
          });
        }
        return { id: `${args.name}-id`, state };
      },
      call() {
        throw new Error("Mock call not implemented: the component must not invoke functions");
      },
    },
    "project",
    "stack",
    false,
  );
});

/** Inputs reach the mocks with Pulumi's secret envelope ({ <sig>: <secret sig>, value }); unwrap it. */
function reveal(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reveal);
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (o[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig) return reveal(o.value);
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, reveal(x)]));
  }
  return v;
}

const value = <T>(o: pulumi.Output<T>): Promise<T> =>
  new Promise((resolve) =>
    o.apply((v) => {
      resolve(v);
      return v;
    }),
  );

async function deploy(args: Partial<import("../../../sdk/src/components").BotDeploymentArgs> = {}) {
  const { BotDeployment } = await import("../../../sdk/src/components");
  registered.length = 0;
  const d = new BotDeployment(
    "sales",
    {
      botId: "demo-bot",
      conversationType: "messaging",
      agents: { loginNamePrefix: "sales-bot", email: "bot@example.com", credentials: { password: (i) => `pw-${i}-secret` } },
      skill: { name: "sales" },
      routing: { campaignName: "Sales", engagementName: "Message us" },
      flags: { messageDelay: 500, skipAgentMessage: true },
      ...args,
    },
    {
      transformations: [
        (t) => {
          parents.set(t.name, t.opts.parent);
          return undefined;
        },
      ],
    },
  );
  await value(d.agents);
  await value(d.drift);
  return d;
}

describe("BotDeployment", () => {
  it("stamps 3 agents and 3 connectors by default, with a skill, a campaign and an engagement", async () => {
    await deploy();
    const count = (suffix: string) => registered.filter((r) => r.type.endsWith(suffix)).length;
    expect([count(":Skill"), count(":BotAgent"), count(":BotConnector"), count(":Campaign"), count(":Engagement")]).toEqual([
      1, 3, 3, 1, 1,
    ]);
    expect(registered.find((r) => r.type === "liveengage:index:BotDeployment")?.name).toBe("sales");
  });

  it("parents every child to the component", async () => {
    const d = await deploy();
    const children = registered.filter((r) => r.type !== "liveengage:index:BotDeployment");
    expect(children).toHaveLength(9);
    for (const c of children) expect([c.name, parents.get(c.name) === d]).toEqual([c.name, true]);
  });

  it("prefixes every child's name with the component's name", async () => {
    await deploy();
    const children = registered.filter((r) => r.type !== "liveengage:index:BotDeployment");
    expect(children.length).toBeGreaterThan(0);
    for (const c of children) expect(c.name.startsWith("sales-")).toBe(true);
    expect(registered.filter((r) => r.type.endsWith(":BotAgent")).map((r) => r.inputs.loginName)).toEqual([
      "sales-bot-1",
      "sales-bot-2",
      "sales-bot-3",
    ]);
  });

  it("gives every connector the same flags, plus its own agent's credentials", async () => {
    await deploy();
    const connectors = registered.filter((r) => r.type.endsWith(":BotConnector"));
    const flags = connectors.map((c) => reveal(c.inputs.flags) as Record<string, unknown>);
    for (const f of flags) expect(f).toEqual({ messageDelay: 500, skipAgentMessage: true });
    // Credentials travel apart, as the secret input secretFlags, so previews still show flag changes.
    const secrets = connectors.map((c) => reveal(c.inputs.secretFlags) as Record<string, unknown>);
    expect(secrets).toEqual([{ lpPassword: "pw-0-secret" }, { lpPassword: "pw-1-secret" }, { lpPassword: "pw-2-secret" }]);
    expect(connectors.map((c) => c.inputs.agent)).toEqual(["sales-bot-1", "sales-bot-2", "sales-bot-3"]);
  });

  it("refuses fewer than two agents with the failover reason, unless allowed", async () => {
    await expect(
      deploy({ agents: { loginNamePrefix: "x", email: "b@example.com", count: 1, credentials: { password: "p4ssword!" } } }),
    ).rejects.toThrow(/agents\.count.*failover/);
    await expect(
      deploy({
        agents: { loginNamePrefix: "x", email: "b@example.com", count: 1, allowSingleAgent: true, credentials: { password: "p4ssword!" } },
      }),
    ).resolves.toBeDefined();
  });

  it("uses an existing skill instead of creating one", async () => {
    await deploy({ skill: { existingSkillId: "42" } });
    expect(registered.filter((r) => r.type.endsWith(":Skill"))).toHaveLength(0);
    for (const a of registered.filter((r) => r.type.endsWith(":BotAgent"))) expect(a.inputs.skillIds).toEqual(["42"]);
  });

  it("registers its outputs: the agents with their statuses, and no drift when they agree", async () => {
    const d = await deploy();
    expect(await value(d.agents)).toEqual(
      [1, 2, 3].map((n) => ({
        loginName: `sales-bot-${n}`,
        userId: `uid-sales-agent-${n}`,
        status: "Connected",
        statusReasons: [],
      })),
    );
    expect(await value(d.drift)).toEqual([]);
    expect(await value(d.skillId)).toBe("sales-skill-id");
  });

  it("names agents explicitly (members), for existing agents whose login names follow no pattern", async () => {
    await deploy({
      agents: {
        members: [
          { loginName: "alpha-helper", fullName: "Alpha", email: "alpha@example.com" },
          { loginName: "night-shift", nickname: "Night", email: "night@example.com", maxChats: 4 },
        ],
        nickname: "Helper",
        extraSkillIds: ["77"],
        credentials: { password: (i) => `pw-${i}-secret` },
      },
      skill: { existingSkillId: "42" },
    });
    const agents = registered.filter((r) => r.type.endsWith(":BotAgent"));
    expect(
      agents.map((a) => [a.name, a.inputs.loginName, a.inputs.nickname, a.inputs.fullName, a.inputs.email, a.inputs.skillIds]),
    ).toEqual([
      ["sales-agent-1", "alpha-helper", "Helper", "Alpha", "alpha@example.com", ["42", "77"]],
      ["sales-agent-2", "night-shift", "Night", "night-shift", "night@example.com", ["42", "77"]],
    ]);
    expect(agents[1].inputs.maxChats).toBe(4);
    expect(registered.filter((r) => r.type.endsWith(":BotConnector")).map((c) => c.inputs.agent)).toEqual(["alpha-helper", "night-shift"]);
  });

  it("refuses members that disagree with count, repeat a login name, or lack an email with no template", async () => {
    const creds = { password: "p4ssword!" };
    await expect(
      deploy({
        agents: {
          count: 3,
          members: [
            { loginName: "a", email: "a@x.io" },
            { loginName: "b", email: "b@x.io" },
          ],
          credentials: creds,
        },
      }),
    ).rejects.toThrow(/agents\.count is 3 but agents\.members names 2/);
    await expect(
      deploy({
        agents: {
          members: [
            { loginName: "a", email: "a@x.io" },
            { loginName: "A", email: "b@x.io" },
          ],
          credentials: creds,
        },
      }),
    ).rejects.toThrow(/agents\.members\[1\]\.loginName "A" appears twice/);
    await expect(
      deploy({ agents: { members: [{ loginName: "a" }, { loginName: "b", email: "b@x.io" }], credentials: creds } }),
    ).rejects.toThrow(/agents\.email must be an email address/);
  });

  it("refuses what LiveEngage would refuse later, or would lose, naming the argument and the fix (issue #16)", async () => {
    const agents = (count: number) => ({ count, loginNamePrefix: "x", email: "b@example.com", credentials: { password: "p4ssword!" } });
    await expect(deploy({ agents: agents(101) })).rejects.toThrow(
      /agents\.count is 101: at most 50 agents per deployment .*999 conversations/,
    );
    await expect(deploy({ agents: agents(50) })).resolves.toBeDefined();
    await expect(deploy({ flags: { lpPassword: pulumi.secret("hidden-pw") } as never })).rejects.toThrow(
      /flags\.lpPassword cannot be set on a BotDeployment.*agents\.credentials/,
    );
    await expect(
      deploy({ conversationType: "chat", routing: { campaignName: "c", engagementName: "e", channel: "messaging" } }),
    ).rejects.toThrow(/routing\.channel is "messaging" but conversationType is "chat"/);
    await expect(deploy({ skill: { name: "s".repeat(256) } })).rejects.toThrow(/skill\.name must be at most 255 characters/);
    await expect(deploy({ skill: { existingSkillId: "Support" } })).rejects.toThrow(
      /skill\.existingSkillId must be the numeric id .* a skill's name is not its id/,
    );
    await expect(deploy({ fallbackSkillId: "Support" })).rejects.toThrow(/fallbackSkillId must be the numeric id/);
    await expect(deploy({ fallbackSkilId: "1" } as never)).rejects.toThrow(
      /unknown property 'fallbackSkilId'; did you mean 'fallbackSkillId'\?/,
    );
    await expect(deploy({ agents: { ...agents(2), emial: "x" } as never })).rejects.toThrow(
      /unknown property 'agents\.emial'; did you mean 'agents\.email'\?/,
    );
    const url = "https://u:Pa55-in-url@hooks.example.com/x";
    const refusal = await deploy({ externalWebhookUrl: url }).then(
      () => "accepted",
      (e: Error) => e.message,
    );
    expect(refusal).toMatch(/externalWebhookUrl must not carry credentials.*externalWebhookAPIKey/);
    expect(refusal).not.toContain("Pa55-in-url");
  });

  it("refuses with a RunError, which Pulumi prints without the program's stack trace", async () => {
    await expect(deploy({ rollout: "sometimes" as never })).rejects.toBeInstanceOf(pulumi.RunError);
  });
});
