/**
 * pulumi-liveengage: LivePerson Conversation Builder deployments as Pulumi resources.
 * Credentials come from stack config (`liveengage:*`) or LP_* environment variables, read by the
 * provider process at run time.
 */
import type { EmulatorOptions, RunningEmulator } from "./emulator/server";

export * from "./resources";
export {
  readStatus, displayOf, UnknownStatusWordError, STATUS_VOCABULARIES, STATUS_WORDS, DEFAULT_CONNECT_TIMEOUT_SECONDS,
  type StatusVocabulary, type StatusReading, type ConnectorPhase,
} from "./model/connectorStatus";
export { Noop, type NoopArgs } from "./testing/noop";
export type { EmulatorOptions, RunningEmulator } from "./emulator/server";

/**
 * Starts the local LiveEngage emulator (see the README). Loaded on demand so that programs which
 * only declare resources never load the HTTP server.
 */
export function startEmulator(options?: EmulatorOptions): Promise<RunningEmulator> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("./emulator") as typeof import("./emulator")).startEmulator(options);
}
export * from "./components";
