// Account Config collections at the contract's paths (docs/wire-contract.md §3).
import type { FastifyInstance } from "fastify";
import { campaigns, engagements, goals, profiles, skills, users } from "../store/collections";
import { registerCollection } from "./ac-collection";
import type { RouteContext } from "./context";

export const AC_PREFIX = "/api/account/:a/configuration";

export function registerAccountConfig(app: FastifyInstance, ctx: RouteContext): void {
  registerCollection(app, ctx, skills, `${AC_PREFIX}/le-users/skills`);
  registerCollection(app, ctx, users, `${AC_PREFIX}/le-users/users`);
  registerCollection(app, ctx, profiles, `${AC_PREFIX}/le-users/profiles`);
  registerCollection(app, ctx, goals, `${AC_PREFIX}/le-goals/goals`);
  registerCollection(app, ctx, campaigns, `${AC_PREFIX}/le-campaigns/campaigns`);
  registerCollection(app, ctx, engagements, `${AC_PREFIX}/le-campaigns/campaigns/:campaignId/engagements`);
}
