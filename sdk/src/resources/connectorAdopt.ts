/**
 * Adopting a connector that already has the declared settings must not restart it: a restart
 * takes the agent off its conversations while it reconnects, and an export of a hand-made account
 * adopts every connector of it at once. Only real drift is worth that.
 */
import type { Connector, ConnectorInput } from "../client";
import { configurationsToFlags, SECRET_FLAG_KEYS } from "../model/flags";
import { deepEqual } from "./diff";

/**
 * Whether writing `body` would change nothing the API can show: same environment, type and
 * configuration. Secret values come back masked, so for them only "set" is compared: an adopted
 * connector keeps the credentials it runs with, and the declared ones are written on the next
 * change of its settings.
 */
export function hasSettings(live: Connector, body: ConnectorInput): boolean {
  if (live.deploymentEnvironment !== body.deploymentEnvironment || live.type !== body.type) return false;
  return deepEqual(comparable(live.configurations ?? {}), comparable(body.configurations));
}

function comparable(cfg: Readonly<Record<string, string>>): Record<string, unknown> {
  const plain: Record<string, string> = {};
  const secretsSet: string[] = [];
  for (const [k, v] of Object.entries(cfg)) {
    if (v === undefined || v === null || v === "") continue;
    if ((SECRET_FLAG_KEYS as readonly string[]).includes(k)) secretsSet.push(k);
    else plain[k] = v;
  }
  // Parsed, so "TRUE" (the seed's spelling) equals "true" and "0300" equals "300".
  const { flags, extra } = configurationsToFlags(plain);
  return { flags, extra, secretsSet: secretsSet.sort() };
}
