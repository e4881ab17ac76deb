/**
 * Issue #8, bad input, fast tier: every resource-level case of test/helpers/bad-inputs.ts through
 * the providers' `check` (what `pulumi preview` calls) against an in-process emulator. Each is
 * refused with a failure naming the property, never quoting the secret, with no write to the
 * account. The program-level cases and the CLI run of all cases are in test/reliability/bad-inputs.
 */
import * as botAgent from "../../../sdk/src/resources/botAgent.provider";
import * as botConnector from "../../../sdk/src/resources/botConnector.provider";
import * as campaign from "../../../sdk/src/resources/campaign.provider";
import * as engagement from "../../../sdk/src/resources/engagement.provider";
import * as skill from "../../../sdk/src/resources/skill.provider";
import { configureProviderProcess, liveEngage } from "../../../sdk/src/resources/runtime";
import { startHarness, type Harness } from "../../helpers/provider-harness";
import {
  BAD_INPUT_SECRET,
  BAD_INPUTS,
  EXISTING_SKILL,
  configOf,
  seedExisting,
  startConfigTargets,
  type ResourceType,
} from "../../helpers/bad-inputs";

type Check = (
  olds: unknown,
  news: Record<string, unknown>,
) => Promise<{ inputs?: unknown; failures?: { property: string; reason: string }[] }>;
const PROVIDERS: Record<ResourceType, { check: Check }> = {
  Skill: skill as { check: Check },
  BotAgent: botAgent as { check: Check },
  BotConnector: botConnector as { check: Check },
  Campaign: campaign as { check: Check },
  Engagement: engagement as { check: Check },
};

const isApiWrite = (e: { method: string; route: string }) => e.method !== "GET" && !/\/login|\/refresh|\/logout|\/sentinel\//.test(e.route);

describe("bad inputs refused by check (what preview runs)", () => {
  let h: Harness;
  let base: Record<string, string>;
  let targets: Awaited<ReturnType<typeof startConfigTargets>>;

  const configure = (config: Record<string, string | undefined>) => configureProviderProcess({ config: { get: (k) => config[k] } });

  beforeAll(async () => {
    h = await startHarness();
    base = { ...h.config };
    await seedExisting(liveEngage());
    targets = await startConfigTargets(h.emulator.host);
  });
  afterAll(async () => {
    await targets?.close();
    await h?.close();
  });

  const cases = BAD_INPUTS.filter((c) => !c.cliOnly && c.resource);

  it("has at least 40 cases in the whole table", () => {
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases.map((c) => [c.id, c] as const))("refuses %s", async (_id, c) => {
    const config: Record<string, string | undefined> = { ...base };
    for (const [k, v] of Object.entries(configOf(c, targets.vars))) config[k] = v ?? undefined;
    await configure(config);
    await h.admin("DELETE", "/requests");
    try {
      const r = await PROVIDERS[c.resource!.type].check({}, { ...c.resource!.inputs });
      const failures = r.failures ?? [];
      const text = failures.map((f) => `${f.property}: ${f.reason}`).join("\n");
      expect(r.inputs).toBeUndefined();
      expect(text).toContain(c.property);
      expect(text).not.toContain(BAD_INPUT_SECRET);
      if (c.secret) expect(text).not.toContain(c.secret);
      for (const [k, v] of Object.entries(c.config ?? {})) if (v && k.endsWith("password")) expect(text).not.toContain(v);
      expect(text).not.toContain(h.config["liveengage:password"]);
      expect(text).not.toMatch(/TypeError|\n\s+at /);
      const log = await h.admin<{ method: string; route: string }[]>("GET", "/requests");
      expect(log.filter(isApiWrite)).toEqual([]);
    } finally {
      await configure(base);
    }
  });

  it("accepts a valid skill and bot agent (no false refusal)", async () => {
    expect((await skill.check({}, { name: "bi-fresh-skill" })).failures ?? []).toEqual([]);
    expect(
      (
        await botAgent.check(
          {},
          { loginName: "bi-fresh", nickname: "bot", fullName: "Bot", email: "b@example.com", password: "long-enough" },
        )
      ).failures ?? [],
    ).toEqual([]);
    // An existing resource (old inputs given) keeps its own name without a "taken" refusal.
    expect((await skill.check({ name: EXISTING_SKILL }, { name: EXISTING_SKILL })).failures ?? []).toEqual([]);
  });
});
