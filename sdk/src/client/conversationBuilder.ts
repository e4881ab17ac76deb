/**
 * Conversation Builder: bots and agent connectors (wire contract §4–§5). Calls authenticate with
 * the CB token exchanged once per session token (see `auth/authenticators.ts`).
 */
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import type { ClientContext } from "./context";
import type { ServiceName } from "./domain";
import { DEFAULT_CONNECT_TIMEOUT_SECONDS, displayOf, type DisplayStatus, type StatusReading } from "../model/connectorStatus";
import { ConnectorFailedError, NotFoundError, refuseMaskedSecrets, WaitTimeoutError } from "./errors";
import type { HttpMethod } from "./http";
import { registerSecret } from "./redact";
import {
  botSchema,
  botStatusSchema,
  cbEnvelope,
  connectorSchema,
  statusReading,
  SECRET_CONFIGURATION_KEYS,
  type Bot,
  type BotStatus,
  type Connector,
  type ConnectorInput,
  type ConnectorStatus,
  type ConnectorStatusEntry,
} from "./wire/connector";

/** Conversation Builder bots. */
export interface BotsApi {
  /** Every bot of the organization (all pages). */
  list(): Promise<Bot[]>;
  /** The bot with this name, if any. */
  findByName(name: string): Promise<Bot | undefined>;
  /**
   * The caller's Conversation Builder privileges from the CB token exchange, e.g. `BOT_STATUS_ACCESS`
   * (needed for PRODUCTION connectors).
   */
  privileges(): Promise<string[]>;
}

/** Options of {@link ConnectorsApi.waitForStatus}. */
export interface WaitOptions {
  /** @default 600000 (10 minutes: LivePerson says starting "can take a few minutes") */
  timeoutMs?: number;
  /** First pause between status reads; pauses then grow (×1, ×2, ×3, …) up to `maxIntervalMs`. @default 500 */
  intervalMs?: number;
  /** Longest pause between status reads (LiveEngage is rate-limited). @default 5000 */
  maxIntervalMs?: number;
  /** Stop early when a component fails while waiting for Connected (waiting will not fix it). @default false */
  failFast?: boolean;
  /** Called after every read that is not yet the wanted status (progress for the person waiting). */
  onPoll?: (reading: StatusReading, elapsedMs: number) => void;
}

/** Agent connectors: the link between a CB bot and a bot user. */
export interface ConnectorsApi {
  /** Connectors of a bot; empty when it has none (the API answers 404). */
  listForBot(botId: string): Promise<Connector[]>;
  /** The connector of `lpUserId` on the bot, if any. */
  get(botId: string, lpUserId: string): Promise<Connector | undefined>;
  /** Adds a connector (201); after an ambiguous failure, looks it up before re-POSTing. */
  add(lpUserId: string, input: ConnectorInput): Promise<Connector>;
  /** Replaces a stopped connector's settings. @throws ConflictError `CONNECTOR_RUNNING` while running. */
  edit(lpUserId: string, input: ConnectorInput): Promise<Connector>;
  /** @throws ConflictError `CONNECTOR_RUNNING` while running. */
  delete(botId: string, lpUserId: string): Promise<void>;
  /** Starts the connector of `lpAccountUser` (idempotent). */
  start(botId: string, lpAccountUser: string): Promise<{ status?: string }>;
  /** Stops it (idempotent). */
  stop(botId: string, lpAccountUser: string): Promise<{ status?: string }>;
  /** Status of every connector of the bot. */
  status(botId: string): Promise<BotStatus>;
  /** Status of one connector, if the bot reports it. */
  statusOf(botId: string, lpUserId: string): Promise<ConnectorStatusEntry | undefined>;
  /**
   * Polls, backing off, until the connector's status means one of `wanted` — display statuses
   * ("Connected", "Stopped", "Not Connected") or words of any documented vocabulary ("CONNECTED",
   * "ONLINE", …), compared by what they mean.
   * @throws WaitTimeoutError with the failing reasons; ConnectorFailedError (`failFast`);
   *   UnknownStatusWordError at once for a status word nobody documented.
   */
  waitForStatus(
    botId: string,
    lpUserId: string,
    wanted: ConnectorStatus | ConnectorStatus[],
    options?: WaitOptions,
  ): Promise<ConnectorStatusEntry>;
}

const PAGE_SIZE = 100;
const botsPageSchema = cbEnvelope(
  z.object({
    pageContext: z.object({ page: z.number(), size: z.number(), totalSize: z.number() }).nullish(),
    data: z.array(botSchema).nullish(),
  }),
);
const connectorsSchema = cbEnvelope(z.object({ chatBotId: z.string().nullish(), agents: z.array(connectorSchema).nullish() }));
const operationSchema = cbEnvelope(z.object({ status: z.string().nullish() }).nullish());

/** @internal */
export function createBotsApi(ctx: ClientContext): BotsApi {
  const list = async (): Promise<Bot[]> => {
    const all: Bot[] = [];
    for (let page = 1; ; page++) {
      const r = await cbCall(ctx, "cbBotPlatform", "GET", "/bot-platform-manager-0.1/bots", botsPageSchema, {
        query: { page: String(page), size: String(PAGE_SIZE) },
      });
      const data = r.successResult.data ?? [];
      all.push(...data);
      const total = r.successResult.pageContext?.totalSize ?? all.length;
      if (data.length === 0 || all.length >= total) return all;
    }
  };
  return { list, findByName: async (name) => (await list()).find((b) => b.name === name), privileges: () => ctx.cbAuth.privileges() };
}

const byLoginName = new Intl.Collator("en", { numeric: true });

/** @internal */
export function createConnectorsApi(ctx: ClientContext): ConnectorsApi {
  const account = encodeURIComponent(ctx.creds.accountId);
  const botUserPath = (lpUserId: string) => `/live-engage-service-0.1/le/accounts/${account}/bot_users/${encodeURIComponent(lpUserId)}`;

  const listForBot = async (botId: string): Promise<Connector[]> => {
    try {
      const r = await cbCall(ctx, "cbBotPlatform", "GET", "/bot-platform-manager-0.1/auth/liveperson/app", connectorsSchema, {
        query: { chatBotId: botId },
      });
      // LiveEngage lists a bot's connectors in creation order, and a deployment creates its
      // connectors at once (issue #18): sorted by login name, every listing (status, drift,
      // dashboard, export) shows the agents in one stable order, support-bot-2 before support-bot-10.
      return (r.successResult.agents ?? []).sort((a, b) => byLoginName.compare(a.lpAccountUser ?? "", b.lpAccountUser ?? ""));
    } catch (e) {
      // The service answers 404 both for "no connectors" and for an unknown bot.
      if (e instanceof NotFoundError) return [];
      throw e;
    }
  };
  const get = async (botId: string, lpUserId: string) => (await listForBot(botId)).find((c) => c.lpUserId === String(lpUserId));
  const write = async (
    method: HttpMethod,
    lpUserId: string,
    input: ConnectorInput,
    findExisting?: () => Promise<Connector | undefined>,
  ) => {
    refuseMaskedSecrets(
      `the connector of ${input.lpAccountUser} on bot ${input.botId}`,
      Object.fromEntries(SECRET_CONFIGURATION_KEYS.map((k) => [k, input.configurations[k]])),
    );
    registerSecret(...SECRET_CONFIGURATION_KEYS.map((k) => input.configurations[k]));
    const body: ConnectorInput = {
      deploymentEnvironment: input.deploymentEnvironment,
      type: input.type,
      lpAccountId: input.lpAccountId,
      lpAccountUser: input.lpAccountUser,
      botId: input.botId,
      configurations: { ...input.configurations },
    };
    return cbCall(ctx, "cbExternalIntegrations", method, botUserPath(lpUserId), cbEnvelope(connectorSchema), {
      query: { chatBotId: input.botId },
      json: body,
      findExisting: findExisting
        ? async () => {
            const found = await findExisting();
            return found ? { success: true as const, successResult: found } : undefined;
          }
        : undefined,
    }).then((r) => r.successResult);
  };
  const operate = async (op: "start" | "stop", botId: string, lpAccountUser: string) => {
    const r = await cbCall(ctx, "cbMonitoring", "PUT", `/sysadmin/nodejs/instance/${op}/${encodeURIComponent(botId)}`, operationSchema, {
      json: { lpAccountId: ctx.creds.accountId, lpAccountUser },
    });
    return { status: r.successResult?.status ?? undefined };
  };
  const status = async (botId: string): Promise<BotStatus> =>
    (
      await cbCall(
        ctx,
        "cbMonitoring",
        "GET",
        `/sysadmin/nodejs/instance/status-v2/${encodeURIComponent(botId)}`,
        cbEnvelope(botStatusSchema),
        {},
      )
    ).successResult;
  const statusOf = async (botId: string, lpUserId: string) => (await status(botId)).agents.find((a) => a.lpUserId === String(lpUserId));

  return {
    listForBot,
    get,
    add: (lpUserId, input) => write("POST", lpUserId, input, () => get(input.botId, lpUserId)),
    edit: (lpUserId, input) => write("PUT", lpUserId, input),
    delete: async (botId, lpUserId) => {
      await cbCall(ctx, "cbExternalIntegrations", "DELETE", botUserPath(lpUserId), z.unknown(), { query: { chatBotId: botId } });
    },
    start: (botId, user) => operate("start", botId, user),
    stop: (botId, user) => operate("stop", botId, user),
    status,
    statusOf,
    waitForStatus: (botId, lpUserId, wanted, options = {}) => waitForStatus(statusOf, botId, lpUserId, wanted, options),
  };
}

/** Default time a connector may take to connect (LivePerson: starting "can take a few minutes"). */
export const DEFAULT_CONNECT_TIMEOUT_MS = DEFAULT_CONNECT_TIMEOUT_SECONDS * 1000;

/** Pause before status read n (0-based): interval, interval, 2×, 3×, 5×… capped at max. */
export function pollDelayMs(n: number, intervalMs: number, maxIntervalMs: number): number {
  const factors = [1, 1, 2, 3, 5];
  return Math.min(maxIntervalMs, intervalMs * (factors[n] ?? Number.POSITIVE_INFINITY));
}

async function waitForStatus(
  statusOf: (botId: string, lpUserId: string) => Promise<ConnectorStatusEntry | undefined>,
  botId: string,
  lpUserId: string,
  wanted: ConnectorStatus | ConnectorStatus[],
  options: WaitOptions,
): Promise<ConnectorStatusEntry> {
  const targets = (Array.isArray(wanted) ? wanted : [wanted]).map((w) => {
    const d = displayOf(w);
    if (!d) throw new TypeError(`waitForStatus: ${JSON.stringify(w)} is not a connector status`);
    return d;
  });
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const what = `Connector of user ${lpUserId} on bot ${botId}`;
  for (let n = 0; ; n++) {
    const entry = await statusOf(botId, lpUserId);
    const reading = entry && statusReading(entry);
    if (entry && reading && targets.includes(reading.display as DisplayStatus)) return entry;
    if (reading && options.failFast && reading.phase === "failed" && targets.includes("Connected")) {
      throw new ConnectorFailedError(
        `${what} is ${reading.display} (${reading.raw}): ${reading.reasons.join("; ")}`,
        reading.raw,
        reading.reasons,
      );
    }
    const elapsed = Date.now() - started;
    if (elapsed >= timeoutMs) {
      const reasons = reading?.reasons.filter((r) => r !== "starting") ?? [];
      throw new WaitTimeoutError(
        `${what} did not reach ${targets.join("/")} within ${Math.round(timeoutMs / 1000)} s; last status ${reading ? `${reading.display} (${reading.raw})` : "unknown"}` +
          (reasons.length ? ` (${reasons.join("; ")})` : ""),
        entry?.status,
      );
    }
    if (reading) options.onPoll?.(reading, elapsed);
    await sleep(Math.min(pollDelayMs(n, options.intervalMs ?? 500, options.maxIntervalMs ?? 5_000), Math.max(0, timeoutMs - elapsed)));
  }
}

async function cbCall<S extends z.ZodType>(
  ctx: ClientContext,
  service: ServiceName,
  method: HttpMethod,
  path: string,
  schema: S,
  o: { query?: Record<string, string>; json?: unknown; findExisting?: () => Promise<z.output<S> | undefined> },
): Promise<z.output<S>> {
  return ctx.http.send({
    method,
    origin: await ctx.domain.origin(service),
    path,
    query: o.query,
    json: o.json,
    auth: ctx.cbAuth,
    findExisting: o.findExisting,
    parse: (res) => schema.parse(res.body),
  });
}
