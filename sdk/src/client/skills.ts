/** Skills API (`le-users/skills`, v2.0). */
import { AccountConfigCollection, type Change, type Overlay, type ReadOptions } from "./accountConfig";
import type { ClientContext } from "./context";
import { skillBody, skillSchema, type Skill, type SkillInput } from "./wire/skill";

/** Skills of the account. */
export interface SkillsApi {
  list(options?: ReadOptions): Promise<Skill[]>;
  /** @throws NotFoundError */
  get(id: number, options?: ReadOptions): Promise<Skill>;
  /** The non-deleted skill with this name (case-insensitive), if any. */
  findByName(name: string): Promise<Skill | undefined>;
  /** Creates a skill; after an ambiguous failure, looks it up by name before re-POSTing. */
  create(input: SkillInput): Promise<Skill>;
  /** Full replace with revision-conflict retry. */
  update(id: number, change: Change<Skill, SkillInput>): Promise<Skill>;
  /** Read-modify-write: only the overlay's fields change (see AccountConfigCollection.merge). */
  merge(id: number, overlay: Overlay): Promise<Skill>;
  /** @throws NotFoundError when already deleted; ValidationError `skill-dependencies` while referenced. */
  delete(id: number): Promise<void>;
  /** Last `ac-revision` seen for skills. */
  readonly revision: string | undefined;
}

/** @internal */
export function createSkillsApi(ctx: ClientContext): SkillsApi {
  const c = new AccountConfigCollection<Skill, SkillInput>(
    ctx,
    { path: "le-users/skills", version: "2.0", schema: skillSchema },
    skillBody,
  );
  const findByName = async (name: string): Promise<Skill | undefined> =>
    (await c.list({ fresh: true })).find((s) => !s.deleted && s.name.toLowerCase() === name.toLowerCase());
  return {
    list: (o) => c.list(o),
    get: (id, o) => c.get(id, o),
    findByName,
    create: (input) => c.create(input, { findExisting: () => findByName(input.name) }),
    update: (id, change) => c.update(id, change),
    merge: (id, overlay) => c.merge(id, overlay),
    delete: (id) => c.delete(id),
    get revision() {
      return c.revision;
    },
  };
}
