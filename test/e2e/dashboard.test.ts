/**
 * Issue #14 end to end: the demo's BotDeployment (3 agents) deployed with the real Pulumi CLI to the
 * emulator, `liveengage dashboard` started as users start it, and the page driven in headless
 * Chromium. Out-of-band drift shows within 5 s without a reload; a rolling flag change shows in the
 * chart as the dip to 2 Connected and the return to 3; a disabled bot user shows Not Connected with
 * the failing component and its fix; axe-core finds no serious or critical violation.
 * Screenshots: test/e2e/artifacts/dashboard-*.png.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import type { Page } from "playwright-core";
import { createLiveEngageClient, shutdownLiveEngageClients, type LiveEngageClient } from "../../sdk/src/client";
import { userToInput } from "../../sdk/src/client/wire/user";
import { troubleshootingFor } from "../../sdk/src/model/troubleshooting";
import { describeWithBrowser, launchBrowser, runAxe, waitForExpression, type TestBrowser } from "../helpers/browser";
import { startE2eEmulator, type E2eEmulator } from "../helpers/emulator-process";
import { describeWithCli, ROOT, TestProgram } from "../helpers/pulumi-cli";

// The demo (demo/index.ts) with its flag from config, so a rollout can change it.
const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const le = require("pulumi-liveengage");
const config = new pulumi.Config();
const deployment = new le.BotDeployment("demo", {
  botId: "demo-bot",
  conversationType: "messaging",
  agents: {
    count: 3, loginNamePrefix: "demo-bot-agent", nickname: "Demo Bot", email: "demo-bot@example.com",
    credentials: { password: (i) => pulumi.secret("dashboard-e2e-agent-pw-" + (i + 1)) },
  },
  skill: { name: "demo-bot-skill", description: "Conversations for the demo bot" },
  routing: { campaignName: "Demo bot campaign", engagementName: "Message the demo bot" },
  flags: { messageDelay: config.requireNumber("messageDelay"), defaultGreetingMessage: "hi" },
  rollout: "rolling",
  connectTimeoutSeconds: 60,
});
exports.agents = deployment.agents;
`;
const AGENT_PASSWORDS = [1, 2, 3].map((i) => `dashboard-e2e-agent-pw-${i}`);
const ARTIFACTS = path.join(ROOT, "test", "e2e", "artifacts");
/** The bound for drift to appear on the page. */
const DRIFT_VISIBLE_WITHIN_MS = 5_000;

interface TimelineRow {
  at: number;
  connected: number;
  total: number;
}

/**
 * Starts `liveengage dashboard --stack <stack>` (the built CLI) in the program's folder, as
 * `npm run demo:dashboard` does for the demo, and resolves with the address it prints.
 */
function startDashboardCli(program: TestProgram): Promise<{ child: ChildProcess; url: string }> {
  const cli = `${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(ROOT, "dist", "cli", "main.js"))}`;
  const command = `source ${JSON.stringify(path.join(ROOT, "scripts", "pulumi-env.sh"))} && exec ${cli} dashboard --stack ${program.stack} --port 0 --interval 0.25`;
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("LP_")));
  const child = spawn("bash", ["-c", command], { cwd: program.dir, env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      out += String(d);
      const m = /liveengage dashboard: (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.stderr!.on("data", (d: Buffer) => (err += String(d)));
    child.on("exit", (code) => reject(new Error(`liveengage dashboard exited ${code}\n${out}\n${err}`)));
  });
}

// Page-side code is passed as strings: the tests are typed for Node, not the DOM.
const ALL_CONNECTED = `document.querySelectorAll('section[data-bot="demo-bot"] td[data-status="Connected"]').length === 3`;
const bot = (page: Page) => page.locator('section[data-bot="demo-bot"]');
const agentRow = (page: Page, login: string) => bot(page).locator(`tr[data-agent="${login}"]`);

async function timelineRows(page: Page): Promise<TimelineRow[]> {
  return bot(page)
    .locator('table[data-timeline="demo-bot"] tbody tr')
    .evaluateAll((rows) =>
      rows.map((r) => ({
        at: Number(r.getAttribute("data-at")),
        connected: Number(r.getAttribute("data-connected")),
        total: Number(r.getAttribute("data-total")),
      })),
    );
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `dashboard-${name}.png`), fullPage: true });
}

describeWithCli("liveengage dashboard in a real browser", () => {
  describeWithBrowser("the Deploy page", () => {
    let emu: E2eEmulator;
    let program: TestProgram;
    let le: LiveEngageClient;
    let dashboard: { child: ChildProcess; url: string } | undefined;
    let browser: TestBrowser;
    let page: Page;
    /** What the run saw, for the record (test/e2e/artifacts/dashboard-measures.json). */
    const measures: Record<string, unknown> = {};

    beforeAll(async () => {
      // Connecting takes 1.5 s, so each restart's dip lasts several of the dashboard's 250 ms polls.
      emu = await startE2eEmulator(1500);
      program = await TestProgram.create("dashboard", { "index.js": PROGRAM });
      await emu.configure(program);
      await program.setConfig("messageDelay", "300");
      await program.up();
      const creds = {
        accountId: emu.emulator.accountId,
        csdsDomain: emu.emulator.host,
        username: emu.emulator.credentials.username,
        password: emu.emulator.credentials.password,
      };
      le = createLiveEngageClient(creds);
      // Credentials from the stack's config (the password a secret in it), as the other commands read them.
      dashboard = await startDashboardCli(program);
      browser = await launchBrowser();
      page = browser.page;
    }, 300_000);

    afterAll(async () => {
      mkdirSync(ARTIFACTS, { recursive: true });
      writeFileSync(path.join(ARTIFACTS, "dashboard-measures.json"), `${JSON.stringify(measures, null, 2)}\n`);
      await browser?.close();
      if (dashboard && dashboard.child.exitCode === null) {
        const exited = new Promise((r) => dashboard!.child.once("exit", r));
        dashboard.child.kill("SIGTERM");
        await exited;
      }
      await program?.destroy().catch(() => undefined);
      await program?.dispose();
      await shutdownLiveEngageClients();
      await emu?.close();
    }, 300_000);

    it("shows the demo's 3 agents Connected, with no drift; keyboard reaches everything", async () => {
      await page.goto(dashboard!.url);
      await waitForExpression(page, ALL_CONNECTED, 30_000);
      expect(await bot(page).locator("tbody th[scope=row]").allTextContents()).toEqual([
        "demo-bot-agent-1",
        "demo-bot-agent-2",
        "demo-bot-agent-3",
      ]);
      await expect(bot(page).locator("[data-drift=none]").textContent()).resolves.toBe("None: the 3 agents share one configuration.");
      await expect(bot(page).locator(".summary").textContent()).resolves.toMatch(/^3 of 3 agents Connected/);

      // Keyboard: the skip link comes first and lands in the content; the chart's data table opens with Enter.
      await page.keyboard.press("Tab");
      expect(await page.evaluate("document.activeElement.textContent")).toBe("Skip to the bots");
      await page.keyboard.press("Enter");
      expect(await page.evaluate("document.activeElement.id")).toBe("main");
      const reached: string[] = [];
      for (let i = 0; i < 2; i++) {
        await page.keyboard.press("Tab");
        reached.push(await page.evaluate<string>("document.activeElement.id"));
      }
      expect(reached).toEqual(["scroll-agents-demo-bot", "chart-data-s-demo-bot"]);
      // Live updates keep arriving without taking the focus away.
      const freshness = await page.locator("#freshness").textContent();
      await waitForExpression(page, `document.getElementById("freshness").textContent !== ${JSON.stringify(freshness)}`, 10_000);
      expect(await page.evaluate("document.activeElement.id")).toBe("chart-data-s-demo-bot");
      await page.focus("#chart-data-s-demo-bot");
      await page.keyboard.press("Enter");
      expect(await page.getAttribute("#chart-data-demo-bot", "open")).toBe("");
      await screenshot(page, "1-connected");
    }, 120_000);

    it("shows one agent's flag changed out of band within 5 s, without a reload", async () => {
      await page.evaluate("window.notReloaded = true");
      // The hand edit LivePerson warns about, through the API: stop, edit one flag, start.
      const user = (await le.users.findByLoginName("demo-bot-agent-2"))!;
      const userId = String(user.id);
      const current = (await le.connectors.get("demo-bot", userId))!;
      await le.connectors.stop("demo-bot", "demo-bot-agent-2");
      await le.connectors.waitForStatus("demo-bot", userId, "STOPPED", { timeoutMs: 10_000, intervalMs: 100 });
      await le.connectors.edit(userId, {
        deploymentEnvironment: "STAGING",
        type: "messaging",
        lpAccountId: le.accountId,
        lpAccountUser: "demo-bot-agent-2",
        botId: "demo-bot",
        configurations: { ...current.configurations, messageDelay: "999", lpPassword: AGENT_PASSWORDS[1] },
      });
      // From here the drift is live in the account; the page must show it within the bound.
      const editedAt = Date.now();
      const drift = bot(page).locator('tr[data-flag="messageDelay"]');
      await drift.locator("mark").waitFor({ timeout: DRIFT_VISIBLE_WITHIN_MS });
      measures.driftVisibleAfterMs = Date.now() - editedAt;
      expect((await drift.locator("td").allTextContents()).map((t) => t.trim())).toEqual(["300", "999 (differs)", "300"]);
      expect(await page.evaluate("window.notReloaded")).toBe(true);
      await expect(page.locator("#announcer").textContent()).resolves.toContain("agents now differ in messageDelay");

      await le.connectors.start("demo-bot", "demo-bot-agent-2");
      await le.connectors.waitForStatus("demo-bot", userId, "CONNECTED", { timeoutMs: 30_000, intervalMs: 100 });
      await agentRow(page, "demo-bot-agent-2").locator('td[data-status="Connected"]').waitFor({ timeout: 10_000 });
      await screenshot(page, "2-drift");
    }, 120_000);

    it("charts a rolling flag change: the dip to 2 Connected and the return to 3", async () => {
      await program.setConfig("messageDelay", "450");
      const from = Date.now();
      await program.up();
      // The rollout also brought agent 2 back in line: no drift, all Connected.
      await bot(page).locator("[data-drift=none]").waitFor({ timeout: 10_000 });
      await waitForExpression(page, ALL_CONNECTED, 30_000);

      const during = (await timelineRows(page)).filter((r) => r.at >= from);
      measures.rolloutTimeline = during;
      const connected = during.map((r) => r.connected);
      // The connectors restarted one at a time: the count dipped to 2, never lower, and came back to 3.
      // (Between two restarts the return to 3 can be shorter than a poll, so only the last one is certain.)
      expect(Math.min(...connected)).toBe(2);
      const firstDip = connected.indexOf(2);
      expect(connected.slice(firstDip).includes(3)).toBe(true);
      expect(during[during.length - 1]).toMatchObject({ connected: 3, total: 3 });
      // The chart's text alternative says the same.
      await expect(bot(page).locator("svg.chart desc").textContent()).resolves.toMatch(/now 3 of 3 agents Connected; lowest 2 of 3 at /);
      await screenshot(page, "3-rollout");
    }, 300_000);

    it("shows a disabled bot user's agent Not Connected with the failing component and its fix", async () => {
      const user = (await le.users.findByLoginName("demo-bot-agent-3"))!;
      await le.users.update(user.id, (u) => ({ ...userToInput(u), isEnabled: false }));
      const row = agentRow(page, "demo-bot-agent-3");
      await row.locator('td[data-status="Not Connected"]').waitFor({ timeout: 10_000 });
      const failing = row.locator("ul.failing > li").first();
      await expect(failing.locator("code").first().textContent()).resolves.toBe("botUser");
      await expect(failing.textContent()).resolves.toContain("botUser: user demo-bot-agent-3 is disabled");
      // The fix is the README's troubleshooting entry, rendered (code spans become <code>).
      const fixText = troubleshootingFor("botUser")!.fix.replace(/`/g, "");
      await expect(failing.locator("p.fix").textContent()).resolves.toBe(`Fix: ${fixText}`);
      await expect(page.locator("#account").textContent()).resolves.toContain("2 of 3 agents Connected");
      await expect(page.locator("#announcer").textContent()).resolves.toContain("demo-bot-agent-3 of Demo Bot: Not Connected (botUser");
      await screenshot(page, "4-not-connected");
    }, 120_000);

    it("passes axe-core with no serious or critical violation, shows no secret, and logs no error", async () => {
      const violations = await runAxe(page);
      measures.axeViolations = violations.map((v) => `${v.impact}: ${v.id}`);
      if (violations.length) console.log("axe (minor/moderate allowed):", JSON.stringify(violations, null, 2));
      expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
      const html = await page.content();
      for (const secret of [...AGENT_PASSWORDS, emu.emulator.credentials.password]) expect(html).not.toContain(secret);
      expect(browser.errors).toEqual([]);
    }, 120_000);
  });
});
