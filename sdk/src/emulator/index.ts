// Public entry of the local LiveEngage emulator (see docs/emulator.md).
export { startEmulator } from "./server";
export type { EmulatorOptions, EmulatorCredentials, RunningEmulator } from "./server";
export { DEFAULTS, PROFILE_IDS, GOAL_ID, ADMIN_USER_ID, NOPROD_USER_ID, FIRST_GENERATED_ID } from "./seed";
export type { SeedInput } from "./seed";
export { SERVICE_NAMES } from "./routes/domain";
