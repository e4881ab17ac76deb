/** Campaigns API (`le-campaigns`, v3.4): campaigns, their engagements, and goals (`le-goals`, v3.0, read-only). */
import { AccountConfigCollection, type Change, type Overlay, type ReadOptions } from "./accountConfig";
import type { ClientContext } from "./context";
import {
  campaignBody,
  campaignSchema,
  engagementBody,
  engagementSchema,
  goalSchema,
  type Campaign,
  type CampaignInput,
  type Engagement,
  type EngagementInput,
  type Goal,
} from "./wire/campaign";

/** Goals (read-only here). */
export interface GoalsApi {
  list(options?: ReadOptions): Promise<Goal[]>;
  get(id: number, options?: ReadOptions): Promise<Goal>;
  /** The goal with this name (case-insensitive), if any. */
  findByName(name: string): Promise<Goal | undefined>;
}

/** Campaigns of the account. */
export interface CampaignsApi {
  list(options?: ReadOptions): Promise<Campaign[]>;
  get(id: number, options?: ReadOptions): Promise<Campaign>;
  findByName(name: string): Promise<Campaign | undefined>;
  /** Creates a campaign; after an ambiguous failure, looks it up by name before re-POSTing. */
  create(input: CampaignInput): Promise<Campaign>;
  update(id: number, change: Change<Campaign, CampaignInput>): Promise<Campaign>;
  /** Read-modify-write: only the overlay's fields change (see AccountConfigCollection.merge). */
  merge(id: number, overlay: Overlay): Promise<Campaign>;
  /** @throws ValidationError while it has live engagements. */
  delete(id: number): Promise<void>;
}

/** Engagements, always addressed within their campaign. */
export interface EngagementsApi {
  list(campaignId: number, options?: ReadOptions): Promise<Engagement[]>;
  get(campaignId: number, id: number, options?: ReadOptions): Promise<Engagement>;
  /** The non-deleted engagement with this name in the campaign (case-insensitive), if any. */
  findByName(campaignId: number, name: string): Promise<Engagement | undefined>;
  /** Creates an engagement; after an ambiguous failure, looks it up by name in the campaign first. */
  create(campaignId: number, input: EngagementInput): Promise<Engagement>;
  update(campaignId: number, id: number, change: Change<Engagement, EngagementInput>): Promise<Engagement>;
  /** Read-modify-write: only the overlay's fields change (see AccountConfigCollection.merge). */
  merge(campaignId: number, id: number, overlay: Overlay): Promise<Engagement>;
  delete(campaignId: number, id: number): Promise<void>;
}

const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** @internal */
export function createGoalsApi(ctx: ClientContext): GoalsApi {
  const c = new AccountConfigCollection<Goal, never>(ctx, { path: "le-goals/goals", version: "3.0", schema: goalSchema }, () => {
    throw new Error("goals are read-only");
  });
  return {
    list: (o) => c.list(o),
    get: (id, o) => c.get(id, o),
    findByName: async (name) => (await c.list()).find((g) => !g.deleted && sameName(g.name, name)),
  };
}

/** @internal */
export function createCampaignsApi(ctx: ClientContext): CampaignsApi {
  const c = new AccountConfigCollection<Campaign, CampaignInput>(
    ctx,
    { path: "le-campaigns/campaigns", version: "3.4", schema: campaignSchema },
    campaignBody,
  );
  const findByName = async (name: string): Promise<Campaign | undefined> =>
    (await c.list({ fresh: true })).find((x) => !x.isDeleted && !x.deleted && sameName(x.name, name));
  return {
    list: (o) => c.list(o),
    get: (id, o) => c.get(id, o),
    findByName,
    create: (input) => c.create(input, { findExisting: () => findByName(input.name) }),
    update: (id, change) => c.update(id, change),
    merge: (id, overlay) => c.merge(id, overlay),
    delete: (id) => c.delete(id),
  };
}

/** @internal */
export function createEngagementsApi(ctx: ClientContext): EngagementsApi {
  // One collection object per campaign; they share the engagement revision counter.
  const of = (campaignId: number) =>
    new AccountConfigCollection<Engagement, EngagementInput>(
      ctx,
      // Engagement writes also bump the campaigns' revision (their engagementIds): one write lane.
      {
        path: `le-campaigns/campaigns/${campaignId}/engagements`,
        version: "3.4",
        schema: engagementSchema,
        revisionKey: "le-campaigns/engagements",
        writeLane: "le-campaigns/campaigns",
      },
      engagementBody,
    );
  const findByName = async (campaignId: number, name: string): Promise<Engagement | undefined> =>
    (await of(campaignId).list({ fresh: true })).find((e) => !e.deleted && sameName(e.name, name));
  return {
    list: (campaignId, o) => of(campaignId).list(o),
    get: (campaignId, id, o) => of(campaignId).get(id, o),
    findByName,
    create: (campaignId, input) => of(campaignId).create(input, { findExisting: () => findByName(campaignId, input.name) }),
    update: (campaignId, id, change) => of(campaignId).update(id, change),
    merge: (campaignId, id, overlay) => of(campaignId).merge(id, overlay),
    delete: (campaignId, id) => of(campaignId).delete(id),
  };
}
