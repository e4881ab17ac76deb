// Every documented status word maps to the seed's three display statuses and a phase; an unknown
// word is an error naming it (issue #13).
import {
  canonicalWord,
  displayOf,
  isStoppedWord,
  readStatus,
  STATUS_VOCABULARIES,
  STATUS_WORDS,
  UnknownStatusWordError,
} from "../../../sdk/src/model/connectorStatus";

describe("readStatus", () => {
  it.each([
    ["CONNECTED", "Connected", "connected"],
    ["ONLINE", "Connected", "connected"],
    ["Online", "Connected", "connected"],
    ["STOPPED", "Stopped", "stopped"],
    ["Stopped", "Stopped", "stopped"],
    ["READY_TO_START", "Stopped", "never-started"],
    ["Ready to Start", "Stopped", "never-started"],
    ["NOT_CONNECTED", "Not Connected", "starting"],
    ["Not Connected", "Not Connected", "starting"],
    ["OFFLINE", "Not Connected", "starting"],
  ])("%s → %s (%s) when nothing fails", (word, display, phase) => {
    expect(readStatus(word)).toMatchObject({ display, phase, raw: word });
  });

  it("not connected with a failing component is failed, with the reasons", () => {
    expect(readStatus("OFFLINE", { failing: ["login: refused"] })).toMatchObject({
      display: "Not Connected",
      phase: "failed",
      reasons: ["login: refused"],
    });
    expect(readStatus("NOT_CONNECTED", { reasons: ["starting"] })).toMatchObject({ phase: "starting", reasons: ["starting"] });
  });

  it("Bot Status levels: Online with a connection down is not Connected; all up is", () => {
    const up = readStatus("ONLINE", { levels: { conversationalCloud: "CONNECTED", botServer: "CONNECTED" } });
    expect(up).toMatchObject({ display: "Connected", raw: "ONLINE (Conversational Cloud: CONNECTED, bot server: CONNECTED)" });
    const away = readStatus("ONLINE", { levels: { conversationalCloud: "Away", botServer: "Connected" } });
    expect(away).toMatchObject({ display: "Not Connected", phase: "starting", reasons: ["Conversational Cloud connection: Away"] });
    expect(readStatus("ONLINE", { levels: { conversationalCloud: "OFFLINE" }, failing: ["skill: none"] }).phase).toBe("failed");
  });

  it("an unknown word (or level word) throws, naming it verbatim", () => {
    expect(() => readStatus("FULLY_OPERATIONAL")).toThrow(UnknownStatusWordError);
    expect(() => readStatus("FULLY_OPERATIONAL")).toThrow(/connector status "FULLY_OPERATIONAL", which pulumi-liveengage does not know/);
    expect(() => readStatus("ONLINE", { levels: { botServer: "DEGRADED" } })).toThrow(/bot server connection status "DEGRADED"/);
  });
});

it("every vocabulary's words read back as their phase's display status", () => {
  const display = {
    "never-started": "Stopped",
    stopped: "Stopped",
    starting: "Not Connected",
    failed: "Not Connected",
    connected: "Connected",
  } as const;
  for (const v of STATUS_VOCABULARIES) {
    for (const [phase, word] of Object.entries(STATUS_WORDS[v]))
      expect([v, phase, displayOf(word)]).toEqual([v, phase, display[phase as keyof typeof display]]);
  }
});

it("helpers: canonical form, display of unknown words, stopped words", () => {
  expect(canonicalWord(" ready-to start ")).toBe("READY_TO_START");
  expect(displayOf("SOMETHING")).toBeUndefined();
  expect(displayOf(undefined)).toBeUndefined();
  expect([isStoppedWord("READY_TO_START"), isStoppedWord("Stopped"), isStoppedWord("ONLINE"), isStoppedWord(undefined)]).toEqual([
    true,
    true,
    false,
    false,
  ]);
});
