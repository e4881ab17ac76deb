/**
 * The Skill dynamic provider, built from its spec (specs/skill.ts) by the provider factory.
 *
 * KEEP THIS MODULE PATH AND ITS EXPORTS: this module IS the provider. Pulumi serializes the
 * resource's provider as `require("pulumi-liveengage/dist/resources/skill.provider.js")`, so every
 * user's state records this path and the engine loads it to refresh, update and delete what that
 * state holds (test/unit/resources/provider-modules.test.ts and the upgrade e2e test check it).
 */
import { makeProvider } from "./factory";
import { skillSpec } from "./specs/skill";

export { configureProviderProcess as configure } from "./runtime";

/** Outputs that are not inputs: never compared by diff. */
export const SKILL_OUTPUT_ONLY = skillSpec.outputOnly;

const provider = makeProvider(skillSpec);
export const { check, diff, create, read, update } = provider;
const deleteSkill = provider.delete;
export { deleteSkill as delete };
