/**
 * Conversation Builder's documented way of editing a connector, done the way its UI does it: stop,
 * send the whole connector back as read, start. A read returns secret flags masked, so the UI's PUT
 * stores the mask as the password and the connector turns Not Connected (login refused) — issue #17.
 * The client refuses to send a mask, so the PUT goes over the raw transport (with the same login).
 */
import { createLiveEngageClient, type Credentials, type LiveEngageClient } from "../../sdk/src/client";
import { checkCredentials } from "../../sdk/src/client/credentials";
import { createContext } from "../../sdk/src/client/context";

/** A raw CB request with the client's login and service discovery, and no body checks. */
async function rawCb(creds: Credentials, method: "PUT", path: string, query: Record<string, string>, json: unknown): Promise<unknown> {
  const ctx = createContext(checkCredentials(creds), { retry: { backoffMs: [] } });
  return ctx.http.send({
    method,
    origin: await ctx.domain.origin("cbExternalIntegrations"),
    path,
    query,
    json,
    auth: ctx.cbAuth,
    parse: (res) => res.body,
  });
}

/** Stop, PUT the connector back as read (masked secret flags), start. Resolves once started. */
export async function maskedPasswordHandEdit(
  creds: Credentials,
  botId: string,
  loginName: string,
  le: LiveEngageClient = createLiveEngageClient(creds),
): Promise<void> {
  const asRead = (await le.connectors.listForBot(botId)).find((c) => c.lpAccountUser === loginName);
  if (!asRead) throw new Error(`hand edit: no connector of ${loginName} on bot ${botId}`);
  if (asRead.configurations?.lpPassword !== "********")
    throw new Error(`hand edit: expected the password read back masked, got ${typeof asRead.configurations?.lpPassword}`);
  await le.connectors.stop(botId, loginName);
  await le.connectors.waitForStatus(botId, String(asRead.lpUserId), "Stopped", { timeoutMs: 30_000, intervalMs: 50 });
  // The edit form's fields, with the configuration exactly as read (the read-only fields stay out:
  // the API refuses unknown keys).
  const { deploymentEnvironment, type, lpAccountId, lpAccountUser, configurations } = asRead;
  await rawCb(
    creds,
    "PUT",
    `/live-engage-service-0.1/le/accounts/${encodeURIComponent(lpAccountId)}/bot_users/${asRead.lpUserId}`,
    { chatBotId: botId },
    { deploymentEnvironment, type, lpAccountId, lpAccountUser, botId, configurations },
  );
  await le.connectors.start(botId, loginName);
}
