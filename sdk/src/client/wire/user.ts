/** User and profile wire shapes (reference §5, wire contract §3). */
import { z } from "zod";
import { ROLE_TYPE_OF_ROLE, type Role } from "../../model/roles";
import { numericId, pickDefined, withoutNulls } from "./common";

/** User type: 0 system, 1 human, 2 bot. */
export type UserTypeId = 0 | 1 | 2;

const memberOfSchema = z.object({ agentGroupId: numericId, assignmentDate: z.string().nullish() });

/** A user as read from Account Config. Never carries `passwordSh` (stripped even if sent). */
export const userSchema = z.object({
  id: numericId,
  pid: z.string().nullish(),
  deleted: z.boolean().optional(),
  loginName: z.string(),
  fullName: z.string().nullish(),
  nickname: z.string().nullish(),
  email: z.string().nullish(),
  isEnabled: z.boolean().nullish(),
  maxChats: z.number().nullish(),
  maxAsyncChats: z.number().nullish(),
  skillIds: z.array(numericId).nullish(),
  profileIds: z.array(numericId).nullish(),
  memberOf: memberOfSchema.nullish(),
  managerOf: z.array(memberOfSchema).nullish(),
  permissionGroups: z.array(z.number()).nullish(),
  isApiUser: z.boolean().nullish(),
  allowedAppKeys: z.string().nullish(),
  userTypeId: numericId.nullish(),
  lobIds: z.array(numericId).nullish(),
  description: z.string().nullish(),
  changePwdNextLogin: z.boolean().nullish(),
  disabledManually: z.boolean().nullish(),
  dateUpdated: z.string().nullish(),
});
export type User = z.infer<typeof userSchema>;

/** Writable user fields. */
export interface UserInput {
  /** Unique (case-insensitive) within the account. */
  loginName: string;
  fullName: string;
  nickname: string;
  email: string;
  isEnabled: boolean;
  /** `-1` = unlimited, as bot payloads use. */
  maxChats: number;
  maxAsyncChats?: number;
  skillIds?: number[];
  /** Non-empty. */
  profileIds: number[];
  /** `{ agentGroupId: -1 }` = Main Group. */
  memberOf?: { agentGroupId: number };
  managerOf?: Array<{ agentGroupId: number }>;
  permissionGroups?: number[];
  /** Required on create for password users; on update `null`/absent keeps the password. */
  passwordSh?: string | null;
  /** API users log in with an app key (then `allowedAppKeys` is required). */
  isApiUser?: boolean;
  allowedAppKeys?: string;
  /** @default 1 (server) */
  userTypeId?: UserTypeId;
  lobIds?: number[];
  description?: string;
  changePwdNextLogin?: boolean;
}

const USER_INPUT_KEYS = [
  "loginName",
  "fullName",
  "nickname",
  "email",
  "isEnabled",
  "maxChats",
  "maxAsyncChats",
  "skillIds",
  "profileIds",
  "memberOf",
  "managerOf",
  "permissionGroups",
  "passwordSh",
  "isApiUser",
  "allowedAppKeys",
  "userTypeId",
  "lobIds",
  "description",
  "changePwdNextLogin",
] as const satisfies readonly (keyof UserInput)[];

/** The request body for a user create (`id` undefined) or replace. */
export function userBody(input: UserInput, id?: number): Record<string, unknown> {
  const body: Record<string, unknown> = { ...pickDefined(input, USER_INPUT_KEYS) };
  if (id !== undefined) {
    // The Users API requires the id on update, and `passwordSh: null` keeps the password.
    body.id = id;
    if (body.passwordSh === undefined) body.passwordSh = null;
  }
  return body;
}

/** The writable part of a read user, for read-modify-write updates (the password is kept). */
export function userToInput(user: User): UserInput {
  const u = withoutNulls(user);
  return {
    ...pickDefined(
      u,
      USER_INPUT_KEYS.filter((k) => k !== "passwordSh" && k !== "memberOf" && k !== "managerOf" && k !== "userTypeId"),
    ),
    loginName: user.loginName,
    fullName: u.fullName ?? "",
    nickname: u.nickname ?? "",
    email: u.email ?? "",
    isEnabled: u.isEnabled ?? false,
    maxChats: u.maxChats ?? 0,
    profileIds: u.profileIds ?? [],
    ...(u.memberOf ? { memberOf: { agentGroupId: u.memberOf.agentGroupId } } : {}),
    ...(u.managerOf ? { managerOf: u.managerOf.map((m) => ({ agentGroupId: m.agentGroupId })) } : {}),
    ...(u.userTypeId !== undefined ? { userTypeId: u.userTypeId as UserTypeId } : {}),
  };
}

/** A profile (role) as read from Account Config. */
export const profileSchema = z.object({
  id: numericId,
  name: z.string(),
  roleTypeId: z.number(),
  description: z.string().nullish(),
  deleted: z.boolean().optional(),
});
export type Profile = z.infer<typeof profileSchema>;

/** Connector role → profile role type: ASSIGNED_AGENT → Agent (2), MANAGER → Agent Manager (3) (the model's mapping). */
export const ROLE_TYPE_OF_CONNECTOR_ROLE = ROLE_TYPE_OF_ROLE;
export type ConnectorRole = Role;
