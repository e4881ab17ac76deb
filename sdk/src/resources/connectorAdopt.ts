/**
 * Writing over an existing connector (adopt, repair). Two rules:
 *  - never lose what a person set: an edit replaces the whole connector, so the declaration is
 *    overlaid on the live configuration and the keys the program does not declare go back as read;
 *  - adopting a connector that already has the declared settings must not restart it: a restart
 *    takes the agent off its conversations while it reconnects, and an export of a hand-made account
 *    adopts every connector of it at once. Only real drift is worth that.
 */
import type { Connector, ConnectorInput } from "../client";
import { configurationsToFlags, CREDENTIAL_FLAG_KEYS, SECRET_FLAG_KEYS } from "../model/flags";
import { deepEqual } from "./diff";

const isSecret = (k: string) => (SECRET_FLAG_KEYS as readonly string[]).includes(k);
const isCredential = (k: string) => (CREDENTIAL_FLAG_KEYS as readonly string[]).includes(k);

/**
 * The edit body of `live`: `declared` (the program's whole add body) overlaid on the live
 * configuration, so a key a person set by hand in Conversation Builder and the program does not
 * declare survives the edit. Secret flags come back masked and a mask must never be written (it
 * would become the value, issue #17): an undeclared secret is left out of the body, which an edit
 * keeps as it is (docs/emulator.md, difference 30). The login credentials are the exception: the
 * program always declares one whole set (a password, or the app-key quadruple), so a live key of the
 * other set is no person's extra but the superseded login, and is cleared (a secret with "", as the
 * edit form's emptied field) — both sets at once would leave the connector logging in with the old one.
 */
export function overlayEdit(live: Connector, declared: ConnectorInput): ConnectorInput {
  const configurations: Record<string, string> = {};
  for (const [k, v] of Object.entries(live.configurations ?? {})) {
    if (typeof v !== "string" || isSecret(k) || isCredential(k)) continue;
    configurations[k] = v;
  }
  Object.assign(configurations, declared.configurations);
  for (const k of CREDENTIAL_FLAG_KEYS) {
    const was = live.configurations?.[k];
    if (isSecret(k) && declared.configurations[k] === undefined && was !== undefined && was !== "") configurations[k] = "";
  }
  return { ...declared, configurations };
}

/**
 * Whether writing `body` would change nothing the API can show: same environment, type and
 * configuration. Secret values come back masked, so for them only "set" is compared: an adopted
 * connector keeps the credentials it runs with, and the declared ones are written on the next
 * change of its settings.
 */
export function hasSettings(live: Connector, body: ConnectorInput): boolean {
  if (live.deploymentEnvironment !== body.deploymentEnvironment || live.type !== body.type) return false;
  const cfg = live.configurations ?? {};
  // A secret the body leaves out is kept by the edit (see overlayEdit): it stays set.
  const kept = Object.fromEntries(
    SECRET_FLAG_KEYS.filter((k) => cfg[k] !== undefined && !(k in body.configurations)).map((k) => [k, cfg[k]]),
  );
  return deepEqual(comparable(cfg), comparable({ ...kept, ...body.configurations }));
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
