/**
 * A connector replacement is a restart of a serving bot agent: stop, delete, add, start. Preview
 * says so in words, with the true reason (issue #16), e.g.
 *   bot agent "support-bot-2" will be restarted: stop → start, one at a time; reason: messageDelay 300 → 500
 * Secret values are named, never shown.
 */
import { SECRET_FLAG_KEYS } from "../model/flags";
import { UNKNOWN } from "./check";
import { deepEqual } from "./diff";
import type { Props } from "./spec";

/** `olds`/`news` in the form diff compares them (flags and secret flags joined); `replaces` as diff decided. */
export function restartNotice(olds: Props, news: Props, replaces: readonly string[]): string {
  const agent = String(olds.agent ?? news.agent);
  const renamed = replaces.includes("agent") && known(news.agent) ? ` as "${String(news.agent)}"` : "";
  const how = olds.running === false ? "replaced while stopped (delete → add)" : "restarted: stop → start";
  const turn = news.rollout !== undefined && news.rollout !== null ? ", one at a time" : "";
  return `bot agent "${agent}" will be ${how}${renamed}${turn}; reason: ${reasons(olds, news, replaces).join(", ")}`;
}

function reasons(olds: Props, news: Props, replaces: readonly string[]): string[] {
  const out: string[] = [];
  for (const key of replaces) {
    // The user id follows the login name: a rename says it once.
    if (key === "agentUserId" && replaces.includes("agent")) continue;
    if (key === "flags") out.push(...mapChanges(olds.flags, news.flags, (k) => (SECRET_FLAG_KEYS as readonly string[]).includes(k)));
    else if (key === "customConfigurations") out.push(...mapChanges(olds.customConfigurations, news.customConfigurations, () => true));
    else if (key === "agentUserId") out.push(`its bot agent is replaced (user id ${show(olds[key])} → ${show(news[key])})`);
    else out.push(`${key} ${show(olds[key])} → ${show(news[key])}`);
  }
  return out.length ? out : replaces.map((k) => `${k} changed`);
}

/** `key old → new` per changed key of a map; a secret key only as "changed (secret)". */
function mapChanges(olds: unknown, news: unknown, secret: (key: string) => boolean): string[] {
  if (!known(news)) return ["(known after update)"];
  const o = (olds ?? {}) as Props;
  const n = (news ?? {}) as Props;
  return [...new Set([...Object.keys(o), ...Object.keys(n)])]
    .filter((k) => !deepEqual(o[k], n[k]))
    .map((k) => (secret(k) ? `${k} changed (secret)` : `${k} ${show(o[k])} → ${show(n[k])}`));
}

function known(v: unknown): boolean {
  return v !== UNKNOWN;
}

function show(v: unknown): string {
  if (v === undefined || v === null) return "(unset)";
  if (v === UNKNOWN) return "(known after update)";
  return typeof v === "string" ? JSON.stringify(v) : JSON.stringify(v).split(UNKNOWN).join("(known after update)");
}
