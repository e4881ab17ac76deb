/**
 * Roles of a bot user and of its connector, and the profile role types they map to. LivePerson
 * names the role `lpUserRole` on the connector and gives the user a profile whose `roleTypeId`
 * must match it (reference §5.3, §7): Agent (2) for ASSIGNED_AGENT, Agent Manager (3) for MANAGER.
 */

/** A bot user's / connector's role, as the connector's `lpUserRole` flag spells it. */
export const ROLES = ["ASSIGNED_AGENT", "MANAGER"] as const;
/** A role value. */
export type Role = (typeof ROLES)[number];

/** The role a bot user and its connector get when none is declared (the flags table's `lpUserRole` default). */
export const DEFAULT_ROLE: Role = "ASSIGNED_AGENT";

/** Role → `roleTypeId` of the profile that grants it. */
export const ROLE_TYPE_OF_ROLE = { ASSIGNED_AGENT: 2, MANAGER: 3 } as const satisfies Record<Role, number>;

/** `roleTypeId` of the Administrator profile (not a bot role; it grants Bot Status Access). */
export const ADMIN_ROLE_TYPE = 1;

/** The role a profile's `roleTypeId` grants, or undefined when it is not a bot role. */
export function roleOfRoleType(roleTypeId: number | undefined): Role | undefined {
  return ROLES.find((r) => ROLE_TYPE_OF_ROLE[r] === roleTypeId);
}

/** Whether `value` is a role. */
export function isRole(value: unknown): value is Role {
  return (ROLES as readonly unknown[]).includes(value);
}
