/**
 * Every connector status word LivePerson has documented, in one table, mapped to the three display
 * statuses of the seed page that users see (Connected / Not Connected / Stopped) and to what the
 * word means for a deploy that waits (connected, starting, failed, stopped).
 *
 * Dependency-free: the client, the resources, the CLI and the emulator (which answers in any of
 * these vocabularies) all derive from it.
 *
 * The generations (reference §7.2):
 *  - `seed` — the seed's "Deploying to LiveEngage": CONNECTED, NOT_CONNECTED, STOPPED;
 *  - `deploy-page` — its later revision: Ready to Start (added, never started), Online, Offline
 *    (error state, not running), Stopped (manually stopped);
 *  - `bot-status` — the Bot Status app: the agent connector (Not Connected, Ready to Start,
 *    Online, Stopped) plus two connection levels: Conversational Cloud (Connected / Not Connected
 *    for messaging, Online / Offline for chat, Away) and the bot server (Connected / Not Connected).
 *
 * Words are matched case-insensitively with spaces, hyphens and underscores alike, so the UI's
 * "Ready to Start" and an API's READY_TO_START are the same word.
 */

/**
 * How long a deploy waits for a started connector to connect by default: LivePerson says starting
 * "can take a few minutes", so ten minutes leaves room without waiting forever.
 */
export const DEFAULT_CONNECT_TIMEOUT_SECONDS = 600;

/** The seed's three statuses, as users read them on the Deploy page. */
export type DisplayStatus = "Connected" | "Not Connected" | "Stopped";

/** The documented status vocabularies. */
export const STATUS_VOCABULARIES = ["seed", "deploy-page", "bot-status"] as const;
export type StatusVocabulary = (typeof STATUS_VOCABULARIES)[number];

/**
 * Where a connector is, as a deploy sees it:
 *  - `never-started`: added, not started yet;
 *  - `stopped`: stopped by a person or a deploy;
 *  - `starting`: started, not connected yet, nothing failing — waiting helps;
 *  - `failed`: started and a component fails — waiting does not help;
 *  - `connected`: running with every link up.
 */
export type ConnectorPhase = "never-started" | "stopped" | "starting" | "failed" | "connected";

/** The agent-connector word each vocabulary uses for each phase (canonical upper-snake form). */
export const STATUS_WORDS: Readonly<Record<StatusVocabulary, Readonly<Record<ConnectorPhase, string>>>> = {
  seed: { "never-started": "STOPPED", stopped: "STOPPED", starting: "NOT_CONNECTED", failed: "NOT_CONNECTED", connected: "CONNECTED" },
  "deploy-page": { "never-started": "READY_TO_START", stopped: "STOPPED", starting: "OFFLINE", failed: "OFFLINE", connected: "ONLINE" },
  "bot-status": {
    "never-started": "READY_TO_START",
    stopped: "STOPPED",
    starting: "NOT_CONNECTED",
    failed: "NOT_CONNECTED",
    connected: "ONLINE",
  },
};

/** The two connection levels of the Bot Status app, besides the agent connector itself. */
export interface ConnectionLevels {
  /** Conversational Cloud connection: CONNECTED / NOT_CONNECTED (messaging), ONLINE / OFFLINE (chat), AWAY. */
  conversationalCloud?: string | null;
  /** Bot server connection: CONNECTED / NOT_CONNECTED. */
  botServer?: string | null;
}

/** What one agent-connector word says, before the components are looked at. */
type WordMeaning = "connected" | "not-connected" | "stopped" | "never-started";

const MEANINGS: Readonly<Record<string, WordMeaning>> = {
  CONNECTED: "connected",
  ONLINE: "connected",
  NOT_CONNECTED: "not-connected",
  OFFLINE: "not-connected",
  STOPPED: "stopped",
  READY_TO_START: "never-started",
};

const LEVEL_UP = new Set(["CONNECTED", "ONLINE"]);
const LEVEL_DOWN = new Set(["NOT_CONNECTED", "OFFLINE", "AWAY"]);

/** Every word this module knows (agent connector and connection levels), for messages. */
export const KNOWN_STATUS_WORDS: readonly string[] = [...new Set([...Object.keys(MEANINGS), ...LEVEL_UP, ...LEVEL_DOWN])];

/** A status word nobody documented (or a newer generation): reported verbatim, never waited on. */
export class UnknownStatusWordError extends Error {
  constructor(
    readonly word: string,
    readonly where: string,
  ) {
    super(
      `LiveEngage reported the ${where} status ${JSON.stringify(word)}, which pulumi-liveengage does not know ` +
        `(known: ${KNOWN_STATUS_WORDS.join(", ")}); not waiting for it to change. ` +
        `Check the connector in Conversation Builder's Bot Status, and report the word so it can be mapped.`,
    );
    this.name = "UnknownStatusWordError";
  }
}

/** The canonical form of a word: upper case, words joined by underscores. */
export function canonicalWord(word: string): string {
  return word
    .trim()
    .toUpperCase()
    .replace(/[\s_-]+/g, "_");
}

/** A status as read, mapped to the model. */
export interface StatusReading {
  /** What users see (the seed's three statuses). */
  display: DisplayStatus;
  phase: ConnectorPhase;
  /** The word(s) as LiveEngage sent them, e.g. "ONLINE" or "Online (Conversational Cloud: Away)". */
  raw: string;
  /** Why it is not Connected: failing components, "starting", or a connection level that is down. */
  reasons: string[];
}

/** What a status entry carries besides its word. */
export interface StatusDetails {
  /** Failing-component reasons ("component: reason"); empty when none failed. */
  failing?: readonly string[];
  /** Reasons the service gave (e.g. ["starting"]). */
  reasons?: readonly string[] | null;
  levels?: ConnectionLevels | null;
}

/**
 * Maps a status word (and, for the Bot Status app, its connection levels) to the model.
 * Not connected with a failing component is `failed`; without one it is `starting`.
 * @throws UnknownStatusWordError for a word (or a level word) that is not documented.
 */
export function readStatus(word: string, details: StatusDetails = {}): StatusReading {
  const meaning = MEANINGS[canonicalWord(word)];
  if (meaning === undefined) throw new UnknownStatusWordError(word, "connector");
  const failing = [...(details.failing ?? [])];
  const downLevels: string[] = [];
  const levelParts: string[] = [];
  for (const [name, label] of [
    ["conversationalCloud", "Conversational Cloud"],
    ["botServer", "bot server"],
  ] as const) {
    const v = details.levels?.[name];
    if (v === undefined || v === null) continue;
    const c = canonicalWord(v);
    if (!LEVEL_UP.has(c) && !LEVEL_DOWN.has(c)) throw new UnknownStatusWordError(v, `${label} connection`);
    levelParts.push(`${label}: ${v}`);
    if (LEVEL_DOWN.has(c)) downLevels.push(`${label} connection: ${v}`);
  }
  const raw = levelParts.length ? `${word} (${levelParts.join(", ")})` : word;
  switch (meaning) {
    case "stopped":
      return { display: "Stopped", phase: "stopped", raw, reasons: [] };
    case "never-started":
      return { display: "Stopped", phase: "never-started", raw, reasons: [] };
    case "connected":
      // Online with a connection level down is not the seed's Connected ("all links OK").
      if (downLevels.length)
        return { display: "Not Connected", phase: failing.length ? "failed" : "starting", raw, reasons: [...failing, ...downLevels] };
      return { display: "Connected", phase: "connected", raw, reasons: [] };
    case "not-connected": {
      if (failing.length) return { display: "Not Connected", phase: "failed", raw, reasons: failing };
      const given = (details.reasons ?? []).filter((r) => r !== "");
      return { display: "Not Connected", phase: "starting", raw, reasons: given.length ? [...given] : ["starting"] };
    }
  }
}

/** The display status of a word, or undefined when the word is unknown (for listings that must not fail). */
export function displayOf(word: string | null | undefined): DisplayStatus | undefined {
  if (word === null || word === undefined) return undefined;
  const meaning = MEANINGS[canonicalWord(word)];
  if (meaning === undefined) return undefined;
  return meaning === "connected" ? "Connected" : meaning === "not-connected" ? "Not Connected" : "Stopped";
}

/** True when the word means the connector is not running (stopped, or never started). */
export function isStoppedWord(word: string | null | undefined): boolean {
  const m = word ? MEANINGS[canonicalWord(word)] : undefined;
  return m === "stopped" || m === "never-started";
}
