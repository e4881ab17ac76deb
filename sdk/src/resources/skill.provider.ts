/**
 * The Skill dynamic provider: its lifecycle (lifecycles.ts, built from specs/skill.ts by the
 * provider factory), loaded on the first call (lazyLifecycle.ts says why).
 *
 * KEEP THIS MODULE PATH AND ITS EXPORTS: this module IS the provider. Pulumi serializes the
 * resource's provider as `require("pulumi-liveengage/dist/resources/skill.provider.js")`, so every
 * user's state records this path and the engine loads it to refresh, update and delete what that
 * state holds (test/unit/resources/provider-modules.test.ts and the upgrade e2e test check it).
 */
import { lazyLifecycle } from "./lazyLifecycle";

const provider = lazyLifecycle(async () => (await import("./lifecycles")).skill);
export const { configure, check, diff, create, read, update } = provider;
const deleteSkill = provider.delete;
export { deleteSkill as delete };
