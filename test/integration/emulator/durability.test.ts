// Durable state: a child-process emulator (the CLI command, via the stand-alone entry) is killed
// with SIGKILL during a burst of writes and restarted on the same data dir: every write that got a
// 2xx is still there and revisions never go backwards.
import type { ChildProcessWithoutNullStreams } from "child_process";
import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { call, Emu, botUserBody, sleep } from "../../helpers/emulator-http";
import { spawnEmulator } from "../../helpers/emulator-child";

function killed(proc: ChildProcessWithoutNullStreams, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    proc.removeAllListeners("exit");
    proc.on("exit", (code) => resolve(code));
    proc.kill(signal);
  });
}

async function login(url: string, a = "12345678"): Promise<string> {
  const r = await call(url, "POST", `/api/account/${a}/login?v=1.3`, { body: { username: "admin", password: "admin-password" } });
  expect(r.status).toBe(200);
  return r.body.bearer;
}

const skillsPath = (q = "") => `/api/account/12345678/configuration/le-users/skills?v=2.0${q}`;

describe("durable state (child process, SIGKILL)", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "le-emu-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("prints the URL, account and credentials; keeps every acknowledged write across kill -9", async () => {
    const first = await spawnEmulator(dir);
    expect(first.output()).toContain("account:      12345678");
    expect(first.output()).toContain("admin:        admin / admin-password");
    expect(first.output()).toContain("demo bot:     demo-bot");
    const bearer = await login(first.url);

    const acked: { id: number; rev: number }[] = [];
    let maxRev = 0;
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        try {
          const r = await call(first.url, "POST", skillsPath(), { bearer, body: { name: `burst-${w}-${i}` } });
          if (r.status === 201) {
            acked.push({ id: r.body.id, rev: Number(r.headers["ac-revision"]) });
            maxRev = Math.max(maxRev, Number(r.headers["ac-revision"]));
          }
        } catch {
          return; // the process died under us
        }
      }
    };
    const writers = Array.from({ length: 8 }, (_, w) => writer(w));
    // Let the burst run, then kill -9 while writes are in flight.
    while (acked.length < 40) await sleep(5);
    await killed(first.proc, "SIGKILL");
    stop = true;
    await Promise.all(writers);
    expect(acked.length).toBeGreaterThanOrEqual(40);

    // The file on disk is always a whole document.
    expect(() => JSON.parse(readFileSync(path.join(dir, "state.json"), "utf8"))).not.toThrow();

    const second = await spawnEmulator(dir);
    try {
      const b2 = await login(second.url);
      const list = await call(second.url, "GET", skillsPath("&include_deleted=true"), { bearer: b2 });
      expect(list.status).toBe(200);
      const ids = new Set(list.body.map((s: { id: number }) => s.id));
      for (const a of acked) expect(ids.has(a.id)).toBe(true);
      expect(Number(list.headers["ac-revision"])).toBeGreaterThanOrEqual(maxRev);
      // and the next write continues upwards, with a fresh id
      const next = await call(second.url, "POST", skillsPath(), { bearer: b2, body: { name: "after-restart" } });
      expect(next.status).toBe(201);
      expect(Number(next.headers["ac-revision"])).toBeGreaterThan(maxRev);
      expect(Math.max(...acked.map((a) => a.id))).toBeLessThan(next.body.id);
    } finally {
      await killed(second.proc, "SIGTERM");
    }
  }, 180_000);

  it("SIGTERM stops the CLI cleanly", async () => {
    const c = await spawnEmulator(dir);
    const code = await killed(c.proc, "SIGTERM");
    expect(code).toBe(0);
    expect(c.output()).toContain("LiveEngage emulator stopped");
  }, 120_000);
});

describe("durable state (in process)", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "le-emu-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("a restarted emulator keeps users, connectors and their running state; in-memory mode keeps nothing", async () => {
    const one = await Emu.start({ dataDir: dir });
    const s = await one.login();
    const sk = await one.call("POST", one.ac("le-users/skills"), { bearer: s.bearer, body: { name: "persisted" } });
    const u = await one.call("POST", one.ac("le-users/users"), { bearer: s.bearer, body: botUserBody("persisted-bot", [sk.body.id]) });
    const t = await one.cbToken(s.bearer);
    const h = { authorization: t.authorization, organizationid: t.organizationid };
    await one.call("POST", `/live-engage-service-0.1/le/accounts/${one.a}/bot_users/${u.body.id}?chatBotId=demo-bot`, {
      headers: h,
      body: {
        deploymentEnvironment: "STAGING",
        type: "messaging",
        lpAccountId: one.a,
        lpAccountUser: "persisted-bot",
        botId: "demo-bot",
        configurations: { lpPassword: "bot-Passw0rd!" },
      },
    });
    await one.call("PUT", "/sysadmin/nodejs/instance/start/demo-bot", {
      headers: h,
      body: { lpAccountId: one.a, lpAccountUser: "persisted-bot" },
    });
    await sleep(120);
    await one.close();
    // Passwords, OAuth client secrets and secret connector flags are stored as digests only.
    const onDisk = readFileSync(path.join(dir, "state.json"), "utf8");
    for (const secret of ["bot-Passw0rd!", "admin-password", "noprod-password", "emulator-client-secret"])
      expect(onDisk).not.toContain(secret);

    const two = await Emu.start({ dataDir: dir });
    try {
      // sessions are in memory only: log in again
      const s2 = await two.login();
      expect((await two.login("persisted-bot", "bot-Passw0rd!")).body.config.loginName).toBe("persisted-bot");
      const t2 = await two.cbToken(s2.bearer);
      const st = await two.call("GET", "/sysadmin/nodejs/instance/status-v2/demo-bot", {
        headers: { authorization: t2.authorization, organizationid: t2.organizationid },
      });
      expect(st.body.successResult.agents[0].status).toBe("CONNECTED");
      const hist = await two.call("GET", `/_emulator/status-history?account=${two.a}`);
      expect(hist.body.connectors[0].history.map((e: { status: string }) => e.status)).toEqual(["STOPPED", "NOT_CONNECTED", "CONNECTED"]);
    } finally {
      await two.close();
    }

    // One emulator per data dir; the lock goes with close().
    const holder = await Emu.start({ dataDir: dir });
    await expect(Emu.start({ dataDir: dir })).rejects.toThrow(/in use by another emulator/);
    await holder.close();
    await (await Emu.start({ dataDir: dir })).close();

    const mem = await Emu.start();
    try {
      const s3 = await mem.login();
      expect((await mem.call("GET", mem.ac("le-users/skills"), { bearer: s3.bearer })).body).toEqual([]);
    } finally {
      await mem.close();
    }
  });
});
