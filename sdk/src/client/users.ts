/** Users API (`le-users/users`, v6.0) and Profiles API (`le-users/profiles`, v4.0, read-only here). */
import { AccountConfigCollection, type Change, type Overlay, type ReadOptions } from "./accountConfig";
import type { ClientContext } from "./context";
import { NotFoundError, refuseMaskedSecrets } from "./errors";
import { registerSecret } from "./redact";
import {
  profileSchema,
  ROLE_TYPE_OF_CONNECTOR_ROLE,
  userBody,
  userSchema,
  type ConnectorRole,
  type Profile,
  type User,
  type UserInput,
} from "./wire/user";

/** Users of the account. Reads never include a password. */
export interface UsersApi {
  list(options?: ReadOptions): Promise<User[]>;
  /** @throws NotFoundError */
  get(id: number, options?: ReadOptions): Promise<User>;
  /** The non-deleted user with this login name (case-insensitive), if any. */
  findByLoginName(loginName: string): Promise<User | undefined>;
  /** Creates a user; after an ambiguous failure, looks it up by login name before re-POSTing. */
  create(input: UserInput): Promise<User>;
  /** Full replace (the password is kept unless `passwordSh` is given) with conflict retry. */
  update(id: number, change: Change<User, UserInput>): Promise<User>;
  /**
   * Read-modify-write: only the overlay's fields change (see AccountConfigCollection.merge). Reads
   * carry no password, so the live one is kept unless the overlay sets `passwordSh`.
   */
  merge(id: number, overlay: Overlay): Promise<User>;
  /** @throws NotFoundError when already deleted. */
  delete(id: number): Promise<void>;
  readonly revision: string | undefined;
}

/** Profiles (roles) of the account. */
export interface ProfilesApi {
  list(options?: ReadOptions): Promise<Profile[]>;
  get(id: number, options?: ReadOptions): Promise<Profile>;
  /**
   * The profile a bot user needs for a connector role: `ASSIGNED_AGENT` → Agent (roleTypeId 2),
   * `MANAGER` → Agent Manager (roleTypeId 3); the lowest id wins when several exist.
   * @throws NotFoundError when the account has none.
   */
  findForRole(role: ConnectorRole): Promise<Profile>;
}

/** @internal */
export function createUsersApi(ctx: ClientContext): UsersApi {
  const toBody = (input: UserInput, id?: number): unknown => {
    refuseMaskedSecrets(`user ${input.loginName}`, { passwordSh: input.passwordSh });
    registerSecret(input.passwordSh);
    return userBody(input, id);
  };
  const c = new AccountConfigCollection<User, UserInput>(ctx, { path: "le-users/users", version: "6.0", schema: userSchema }, toBody);
  const findByLoginName = async (loginName: string): Promise<User | undefined> =>
    (await c.list({ fresh: true })).find((u) => !u.deleted && u.loginName.toLowerCase() === loginName.toLowerCase());
  return {
    list: (o) => c.list(o),
    get: (id, o) => c.get(id, o),
    findByLoginName,
    create: async (input) => c.create(input, { findExisting: () => findByLoginName(input.loginName) }),
    update: (id, change) => c.update(id, change),
    merge: (id, overlay) =>
      c.merge(id, async (live) => {
        const changes = await overlay(live);
        refuseMaskedSecrets(`user ${live.loginName}`, { passwordSh: changes.passwordSh });
        registerSecret(typeof changes.passwordSh === "string" ? changes.passwordSh : undefined);
        return changes;
      }),
    delete: (id) => c.delete(id),
    get revision() {
      return c.revision;
    },
  };
}

/** @internal */
export function createProfilesApi(ctx: ClientContext): ProfilesApi {
  const c = new AccountConfigCollection<Profile, never>(ctx, { path: "le-users/profiles", version: "4.0", schema: profileSchema }, () => {
    throw new Error("profiles are read-only");
  });
  return {
    list: (o) => c.list(o),
    get: (id, o) => c.get(id, o),
    findForRole: async (role) => {
      const roleTypeId = ROLE_TYPE_OF_CONNECTOR_ROLE[role];
      const match = (await c.list()).filter((p) => !p.deleted && p.roleTypeId === roleTypeId).sort((a, b) => a.id - b.id)[0];
      if (!match) {
        throw new NotFoundError("not_found", 404, `No profile with roleTypeId ${roleTypeId} (${role}) exists in the account`, {
          method: "GET",
          path: "le-users/profiles",
        });
      }
      return match;
    },
  };
}
