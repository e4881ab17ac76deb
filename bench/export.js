#!/usr/bin/env node
/**
 * Issue #12 benchmark: `liveengage export` of an account with N bots (default 50), each a failover
 * set of 3 agents with a skill, a campaign and an engagement, against the emulator with 0 and 50 ms
 * added latency. Measures the export's wall time against a same-process baseline (the minimum list
 * calls alone, made with the same client, no planning or writing) and counts API calls against the
 * minimum: one list per collection (skills, users, profiles, goals, campaigns, bot pages), one
 * engagement list per campaign, one connector list per bot; a status call per bot is allowed.
 *
 *   node bench/export.js [--bots 50] [--latencies 0,50] [--repeat 3]
 *
 * Needs the built package (`npm run build`). Writes bench/results/export-latest.json.
 */
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { classify } = require("./calls");

const DIST = path.resolve(__dirname, "..", "dist");
const { startEmulator } = require(path.join(DIST, "emulator"));
const { createLiveEngageClient, shutdownLiveEngageClients } = require(path.join(DIST, "client"));
const { exportAccount } = require(path.join(DIST, "export"));

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : process.argv[i + 1].split(",").map(Number);
}
const BOTS = arg("bots", [50])[0];
const LATENCIES = arg("latencies", [0, 50]);
const REPEAT = arg("repeat", [3])[0];
const AGENTS = 3;
const log = (m) => process.stdout.write(`[bench export ${new Date().toISOString().slice(11, 19)}] ${m}\n`);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function admin(url, method, p, body) {
  const res = await fetch(`${url}/_emulator${p}`, {
    method,
    headers: body ? { "content-type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** N bots by hand: skill, 3 bot users, campaign + engagement, 3 started connectors each. */
async function buildAccount(emu, le) {
  await admin(emu.url, "POST", "/seed", {
    accounts: [
      { accountId: emu.accountId, bots: Array.from({ length: BOTS }, (_, i) => ({ id: `bench-bot-${i}`, name: `Bench Bot ${i}` })) },
    ],
  });
  const goalId = (await le.goals.list())[0].id;
  const profileId = (await le.profiles.findForRole("ASSIGNED_AGENT")).id;
  for (let b = 0; b < BOTS; b++) {
    const skill = await le.skills.create({ name: `bench-skill-${b}` });
    const campaign = await le.campaigns.create({ name: `Bench campaign ${b}`, goalId });
    await le.engagements.create(campaign.id, { name: `Bench engagement ${b}`, skillId: skill.id, channel: 1, conversationType: 1 });
    await Promise.all(
      Array.from({ length: AGENTS }, async (_, a) => {
        const loginName = `bench-${b}-${a + 1}`;
        const user = await le.users.create({
          loginName,
          fullName: `Bench ${b} ${a + 1}`,
          nickname: `Bench ${b}`,
          email: `bench${b}+${a + 1}@example.com`,
          isEnabled: true,
          maxChats: -1,
          skillIds: [skill.id],
          profileIds: [profileId],
          userTypeId: 2,
          passwordSh: `bench-password-${b}-${a}`,
          memberOf: { agentGroupId: -1 },
        });
        await le.connectors.add(String(user.id), {
          deploymentEnvironment: "STAGING",
          type: "messaging",
          lpAccountId: emu.accountId,
          lpAccountUser: loginName,
          botId: `bench-bot-${b}`,
          configurations: {
            lpAccountId: emu.accountId,
            lpAccountUser: loginName,
            lpPassword: `bench-password-${b}-${a}`,
            lpUserRole: "ASSIGNED_AGENT",
            messageDelay: "300",
          },
        });
        await le.connectors.start(`bench-bot-${b}`, loginName);
      }),
    );
    if ((b + 1) % 10 === 0) log(`built ${b + 1}/${BOTS} bots`);
  }
}

/** The baseline: the minimum list calls, made directly, in the same process and with the same client. */
async function minimumReads(le) {
  const [, , , , campaigns, bots] = await Promise.all([
    le.skills.list(),
    le.users.list(),
    le.profiles.list(),
    le.goals.list(),
    le.campaigns.list(),
    le.bots.list(),
  ]);
  await Promise.all([...campaigns.map((c) => le.engagements.list(c.id)), ...bots.map((b) => le.connectors.listForBot(b.id))]);
  return { campaigns: campaigns.length, bots: bots.length };
}

async function main() {
  const emu = await startEmulator({ port: 0, connectDelayMs: 20 });
  const creds = { accountId: emu.accountId, csdsDomain: emu.host, username: emu.credentials.username, password: emu.credentials.password };
  const le = createLiveEngageClient(creds);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "le-export-bench-"));
  const runs = [];
  try {
    log(`building ${BOTS} bots (${BOTS * (3 + 2 * AGENTS)} objects)`);
    await buildAccount(emu, le);
    await minimumReads(le); // warm the session, the Domain API answers and the connections
    for (const latencyMs of LATENCIES) {
      await admin(emu.url, "DELETE", "/faults");
      if (latencyMs > 0) await admin(emu.url, "POST", "/faults", { kind: "latency", latencyMs, rate: 1 });
      const samples = [];
      for (let rep = 0; rep < REPEAT; rep++) {
        await admin(emu.url, "DELETE", "/counters");
        let t = process.hrtime.bigint();
        const shape = await minimumReads(le);
        const baselineMs = Number(process.hrtime.bigint() - t) / 1e6;
        const baselineCalls = classify(await admin(emu.url, "GET", "/counters"));
        await admin(emu.url, "DELETE", "/counters");
        t = process.hrtime.bigint();
        const summary = await exportAccount(le, {
          out: path.join(tmp, `out-${latencyMs}-${rep}`),
          packageSpec: "^0.1.0",
          pulumiSpec: "^3.248.0",
          command: "liveengage export",
        });
        const exportMs = Number(process.hrtime.bigint() - t) / 1e6;
        const calls = classify(await admin(emu.url, "GET", "/counters"));
        // One list per collection: skills, users, profiles, goals, campaigns, bot pages (100 a page).
        const minimum = 5 + Math.ceil(shape.bots / 100) + shape.campaigns + shape.bots;
        samples.push({ exportMs, baselineMs, calls, baselineCalls, minimum, allowed: minimum + shape.bots, counts: summary.counts });
        log(
          `${latencyMs} ms latency, run ${rep + 1}/${REPEAT}: export ${(exportMs / 1000).toFixed(2)} s, baseline ${(baselineMs / 1000).toFixed(2)} s, reads ${calls.reads} (minimum ${minimum}), writes ${calls.writes}`,
        );
      }
      const exportMs = median(samples.map((s) => s.exportMs));
      const baselineMs = median(samples.map((s) => s.baselineMs));
      runs.push({
        bots: BOTS,
        objects: BOTS * (3 + 2 * AGENTS),
        latencyMs,
        exportMs,
        baselineMs,
        ratio: exportMs / baselineMs,
        reads: samples[0].calls.reads,
        writes: samples[0].calls.writes,
        minimumReads: samples[0].minimum,
        allowedReads: samples[0].allowed,
        counts: samples[0].counts,
        samples,
      });
    }
  } finally {
    await admin(emu.url, "DELETE", "/faults").catch(() => undefined);
    await shutdownLiveEngageClients();
    await emu.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const result = {
    kind: "export",
    startedAt: new Date().toISOString(),
    environment: { node: process.version, cpus: os.cpus().length, repeat: REPEAT, loadAverage: os.loadavg() },
    runs,
  };
  fs.mkdirSync(path.join(__dirname, "results"), { recursive: true });
  fs.writeFileSync(path.join(__dirname, "results", "export-latest.json"), `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(
    `\n| Bots (objects) | Latency ms | export s | baseline s | × baseline | reads (minimum, allowed) | writes |\n|---|---|---:|---:|---:|---|---:|\n`,
  );
  for (const r of runs) {
    process.stdout.write(
      `| ${r.bots} (${r.objects}) | ${r.latencyMs} | ${(r.exportMs / 1000).toFixed(2)} | ${(r.baselineMs / 1000).toFixed(2)} | ${r.ratio.toFixed(2)} | ${r.reads} (${r.minimumReads}, ${r.allowedReads}) | ${r.writes} |\n`,
    );
  }
  if (runs.some((r) => r.writes > 0 || r.reads > r.allowedReads)) process.exitCode = 1;
}

main().catch((e) => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exit(1);
});
