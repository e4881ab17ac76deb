/**
 * Replays a `liveengage doctor --record` transcript against the emulator: runs the same read-only
 * checks there, records the emulator's answers the same way, and lists every difference (requests
 * made only on one side, statuses, header names, query names, body shapes). A transcript recorded
 * on a real account shows exactly where the emulator answers differently.
 */
import type { Credentials } from "../../sdk/src/client";
import { checkCredentials } from "../../sdk/src/client";
import { doctor, type DoctorCommandOptions } from "../../sdk/src/cli/doctor-command";
import { diffTranscripts, parseTranscript, type Transcript } from "../../sdk/src/cli/doctor-transcript";
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { resetClientState } from "./fake-liveengage";

export async function replayTranscript(
  recorded: Transcript,
  emulatorCreds: Credentials,
  opts: Omit<DoctorCommandOptions, "stack" | "record" | "json"> = { environment: "production" },
): Promise<string[]> {
  const dir = mkdtempSync(path.join(tmpdir(), "replay-"));
  try {
    const file = path.join(dir, "replay.json");
    resetClientState();
    await doctor(checkCredentials(emulatorCreds), { ...opts, record: file });
    return diffTranscripts(recorded, parseTranscript(readFileSync(file, "utf8")));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
