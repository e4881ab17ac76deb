#!/usr/bin/env node
/**
 * Issue #18: the program's own time — loading the package, building the components, checking the
 * inputs, serializing the providers, registering every resource — against the floor program's
 * (bench/run.js: the same graph of Noop resources), at 50 bots. Both run in a fresh Node process
 * under Pulumi's mocks (no engine, no provider process, no API), timed from before
 * `require("pulumi-liveengage")` until the last resource is registered; the kinds alternate and the
 * medians are compared.
 *
 *   node bench/program.js [--bots 50] [--repeat 7]
 */
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { LIVEENGAGE_PROGRAM, FLOOR_PROGRAM, RESULTS, AGENTS_PER_BOT, OBJECTS_PER_BOT, PACKED } = require("./run");

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
}
const BOTS = arg("bots", 50);
const REPEAT = arg("repeat", 7);

/** In the child: run one program under mocks and print its time in ms. */
async function child(kind, bots) {
  const config = { "bench:bots": String(bots), "bench:prefix": "p", "bench:messageDelay": "300" };
  process.env.PULUMI_CONFIG = JSON.stringify(config);
  const pulumi = require("@pulumi/pulumi");
  // Every promise the runtime tracks captures a stack trace: their number is the program's cost
  // that does not depend on the machine's load.
  const debuggable = require("@pulumi/pulumi/runtime/debuggable");
  const track = debuggable.debuggablePromise;
  let tracked = 0;
  debuggable.debuggablePromise = (...a) => (tracked++, track(...a));
  const expected = bots * (1 + OBJECTS_PER_BOT);
  let registered = 0;
  let done;
  const all = new Promise((r) => (done = r));
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        if (++registered === expected) done();
        return { id: `${args.name}-id`, state: { ...args.inputs, userId: "1", loginName: args.inputs.loginName } };
      },
      call: (args) => args.inputs,
    },
    "bench",
    "bench",
    false,
  );
  const started = process.hrtime.bigint();
  const source = kind === "floor" ? FLOOR_PROGRAM : LIVEENGAGE_PROGRAM;
  // The programs `require("pulumi-liveengage")`: the packed package in node_modules, as users get it.
  const req = (m) => require(m === "pulumi-liveengage" ? PACKED : m);
  new Function("require", "exports", source)(req, {});
  await all;
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  fs.writeSync(1, `${ms} ${tracked}\n`);
  // Registrations stay pending under mocks (no engine answers them): leave without the runtime's
  // exit-time leak report.
  process.kill(process.pid, "SIGKILL");
}

function main() {
  if (!fs.existsSync(path.join(PACKED, "dist", "index.js")))
    throw new Error("node_modules/pulumi-liveengage is missing; run `npx tsc -p tsconfig.json && node scripts/link-self.js`");
  const times = { floor: [], liveengage: [] };
  const trackedPromises = {};
  for (let i = 0; i < REPEAT; i++) {
    for (const kind of ["floor", "liveengage"]) {
      const child = spawnSync(process.execPath, [__filename, "--child", kind, "--bots", String(BOTS)], {
        cwd: path.resolve(__dirname, ".."),
        encoding: "utf8",
      });
      const [ms, promises] = child.stdout.trim().split("\n")[0].split(" ").map(Number);
      if (!Number.isFinite(ms)) throw new Error(`${kind} program failed: ${child.stderr.slice(-2000)}`);
      times[kind].push(ms);
      trackedPromises[kind] = promises;
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const result = {
    startedAt: new Date().toISOString(),
    bots: BOTS,
    agentsPerBot: AGENTS_PER_BOT,
    repeat: REPEAT,
    loadAverage: require("node:os").loadavg(),
    floorMs: median(times.floor),
    liveengageMs: median(times.liveengage),
    samples: times,
    trackedPromises,
  };
  result.ratio = Number((result.liveengageMs / result.floorMs).toFixed(2));
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(path.join(RESULTS, "program-latest.json"), JSON.stringify(result, null, 2) + "\n");
  process.stdout.write(
    `program's own time at ${BOTS} bots: ${result.liveengageMs.toFixed(0)} ms vs floor ${result.floorMs.toFixed(0)} ms = ${result.ratio}× (medians of ${REPEAT}); promises tracked by the runtime: ${trackedPromises.liveengage} vs ${trackedPromises.floor}\n`,
  );
}

if (process.argv.includes("--child")) {
  child(process.argv[process.argv.indexOf("--child") + 1], arg("bots", 50)).catch((e) => {
    process.stderr.write(`${e.stack ?? e}\n`);
    process.exit(1);
  });
} else {
  main();
}
