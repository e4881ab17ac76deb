// The Login Service's credential rules as pure functions over an account, shared by the login
// endpoint and by the connector status (whose `login` component asks "would the Login Service
// accept the credentials in these configurations?"). Reasons never contain secret values.
import { ADMIN_ROLE_TYPE } from "../model/roles";
import { digest, isDigest, sameDigest } from "./secrets";
import type { AccountState, User } from "./store/state";

/** As sent to the login endpoint (plaintext). */
export type LoginCredentials =
  | { username: string; password: string }
  | { username: string; appKey: string; secret: string; accessToken: string; accessTokenSecret: string };

/** The same with every secret replaced by its digest (how connector configurations hold them). */
export type DigestedCredentials =
  | { username: string; passwordDigest: string }
  | { username: string; appKey: string; secretDigest: string; accessTokenDigest: string; accessTokenSecretDigest: string };

export function digestCredentials(acc: AccountState, c: LoginCredentials): DigestedCredentials {
  if ("password" in c) return { username: c.username, passwordDigest: digest(acc, c.password) };
  return {
    username: c.username,
    appKey: c.appKey,
    secretDigest: digest(acc, c.secret),
    accessTokenDigest: digest(acc, c.accessToken),
    accessTokenSecretDigest: digest(acc, c.accessTokenSecret),
  };
}

export type LoginCheck = { ok: true; user: User } | { ok: false; reason: string };

export const BOT_STATUS_ACCESS = "BOT_STATUS_ACCESS";

export function findUserByLogin(acc: AccountState, loginName: string): User | undefined {
  const wanted = loginName.toLowerCase();
  return Object.values(acc.users).find((u) => !u.deleted && u.loginName.toLowerCase() === wanted);
}

export function allowedKeysOf(user: User): string[] {
  return user.allowedAppKeys
    .split(",")
    .map((k) => k.trim())
    .filter(Boolean);
}

export function checkLogin(acc: AccountState, creds: DigestedCredentials): LoginCheck {
  const user = findUserByLogin(acc, creds.username);
  // One message for unknown user and wrong secret, as login services do, so names can't be probed.
  const refused: LoginCheck = { ok: false, reason: "wrong username or credentials" };
  if (!user) return refused;
  if (!user.isEnabled) return { ok: false, reason: `user ${user.loginName} is disabled` };
  if ("passwordDigest" in creds) {
    if (user.isApiUser) return { ok: false, reason: `user ${user.loginName} logs in with an app key, not a password` };
    if (!sameDigest(acc.userSecrets[user.id]?.passwordDigest, creds.passwordDigest)) return refused;
    return { ok: true, user };
  }
  if (!user.isApiUser) return { ok: false, reason: `user ${user.loginName} logs in with a password, not an app key` };
  if (!allowedKeysOf(user).includes(creds.appKey)) {
    return { ok: false, reason: `the app key is not among the allowed app keys of user ${user.loginName}` };
  }
  const key = acc.appKeys.find((k) => k.appKey === creds.appKey);
  if (
    !key ||
    !sameDigest(digest(acc, key.secret), creds.secretDigest) ||
    !sameDigest(digest(acc, key.accessToken), creds.accessTokenDigest) ||
    !sameDigest(digest(acc, key.accessTokenSecret), creds.accessTokenSecretDigest)
  ) {
    return { ok: false, reason: "the app key credentials do not match a key registered on the account" };
  }
  return { ok: true, user };
}

export function isAdmin(acc: AccountState, user: User): boolean {
  return user.profileIds.some((p) => acc.profiles[p]?.roleTypeId === ADMIN_ROLE_TYPE);
}

export function privilegesOf(acc: AccountState, user: User): string[] {
  const set = new Set(acc.extraPrivileges[user.id] ?? []);
  if (isAdmin(acc, user)) set.add(BOT_STATUS_ACCESS);
  return [...set].sort();
}

/** The login credentials a connector would use, read from its (digested) configuration flags. */
export function credentialsFromConfigurations(
  acc: AccountState,
  login: string,
  cfg: Record<string, string>,
): DigestedCredentials | undefined {
  if (cfg.lpPassword !== undefined && cfg.lpPassword !== "") return { username: login, passwordDigest: cfg.lpPassword };
  const { lpAppKey, lpAppSecret, lpAccessToken, lpAccessTokenSecret } = cfg;
  if (lpAppKey && lpAppSecret && lpAccessToken && lpAccessTokenSecret) {
    // lpAccessToken became a secret flag (kept digested) in 0.2; a data dir written before holds it in plaintext.
    const accessTokenDigest = isDigest(lpAccessToken) ? lpAccessToken : digest(acc, lpAccessToken);
    return {
      username: login,
      appKey: lpAppKey,
      secretDigest: lpAppSecret,
      accessTokenDigest,
      accessTokenSecretDigest: lpAccessTokenSecret,
    };
  }
  return undefined;
}
