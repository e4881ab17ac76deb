// Conversation Builder bots and agent connectors (docs/wire-contract.md §5): add, read, edit,
// delete, start, stop, status. Rules: edit/delete only while stopped; one user per bot; PRODUCTION
// needs BOT_STATUS_ACCESS; a running connector keeps the configuration it started with.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { CONVERSATION_TYPES } from "../../model/conversationTypes";
import { isRole, ROLES } from "../../model/roles";
import { BOT_STATUS_ACCESS } from "../credentials";
import { cbErrors } from "../errors";
import { digest } from "../secrets";
import { maskConfigurations, SECRET_FLAGS } from "../store/store";
import { connectorKey, type AccountState, type Bot, type Connector } from "../store/state";
import { wireStatus } from "../status";
import { cbCaller } from "./cb-auth";
import type { Caller, RouteContext } from "./context";

const ok = (successResult: unknown, message = "ok") => ({ success: true, message, successResult });

const connectorBody = z.strictObject({
  deploymentEnvironment: z.enum(["PRODUCTION", "STAGING"]),
  type: z.enum(CONVERSATION_TYPES),
  lpAccountId: z.string().min(1),
  lpAccountUser: z.string().min(1),
  botId: z.string().min(1),
  configurations: z.record(z.string(), z.string()).default({}),
});
const lifecycleBody = z.strictObject({ lpAccountId: z.string().min(1), lpAccountUser: z.string().min(1) });

function issues(e: z.ZodError): string {
  return e.issues.map((i) => `${i.path.length ? i.path.join(".") : "body"}: ${i.message}`).join("; ");
}

/** The few flags with a closed value set are validated like the UI's controls would. */
function checkConfigurations(cfg: Record<string, string>): void {
  if (cfg.lpUserRole !== undefined && !isRole(cfg.lpUserRole)) {
    throw cbErrors.invalidRequest(`configurations.lpUserRole must be ${ROLES.join(" or ")}`);
  }
  if (cfg.enableAccessibility !== undefined && !/^(true|false)$/i.test(cfg.enableAccessibility)) {
    throw cbErrors.invalidRequest("configurations.enableAccessibility must be true or false");
  }
  if (cfg.fallbackSkillId !== undefined && cfg.fallbackSkillId !== "" && !/^\d+$/.test(cfg.fallbackSkillId)) {
    throw cbErrors.invalidRequest("configurations.fallbackSkillId must be a numeric skill id");
  }
}

/**
 * An edit replaces the whole configuration, except the write-only secret flags (docs/emulator.md,
 * difference 30): a read shows them masked, so no editor can send them back; one left out of the
 * body keeps its value, and one sent empty is removed.
 */
function editedConfigurations(stored: Record<string, string>, sent: Record<string, string>): Record<string, string> {
  const out = { ...sent };
  for (const k of SECRET_FLAGS) {
    if (!(k in sent) && stored[k] !== undefined) out[k] = stored[k];
    else if (sent[k] === "") delete out[k];
  }
  return out;
}

function botOf(acc: AccountState, botId: string): Bot {
  const bot = Object.prototype.hasOwnProperty.call(acc.bots, botId) ? acc.bots[botId] : undefined;
  if (!bot) throw cbErrors.botNotFound(botId);
  return bot;
}

function requirePrivilegeFor(caller: Caller, env: string): void {
  if (env === "PRODUCTION" && !caller.privileges.includes(BOT_STATUS_ACCESS)) throw cbErrors.insufficientPrivileges();
}

type ConnReq = FastifyRequest<{ Params: { a: string; lpUserId: string }; Querystring: { chatBotId?: string } }>;
type BotReq = FastifyRequest<{ Params: { botId: string } }>;

export function registerCbConnectors(app: FastifyInstance, ctx: RouteContext): void {
  const wire = (acc: AccountState, c: Connector) => ({
    lpAccountId: c.lpAccountId,
    lpAccountUser: c.lpAccountUser,
    lpUserId: c.lpUserId,
    botId: c.botId,
    type: c.type,
    deploymentEnvironment: c.deploymentEnvironment,
    configurations: maskConfigurations(c.configurations),
    status: wireStatus(ctx.statusWords, ctx.store.status(acc, c), c).status,
    lastManualOperation: c.lastManualOperation,
    manualOperationTs: c.manualOperationTs,
    createTime: c.createTime,
    updateTime: c.updateTime,
  });

  app.get("/bot-platform-manager-0.1/bots", async (req: FastifyRequest<{ Querystring: { page?: string; size?: string } }>) => {
    const { acc } = cbCaller(ctx, req);
    const page = Number(req.query.page ?? "1");
    const size = Number(req.query.size ?? "100");
    if (!Number.isInteger(page) || page < 1 || !Number.isInteger(size) || size < 1 || size > 100) {
      throw cbErrors.invalidRequest("page must be >= 1 and size between 1 and 100");
    }
    const all = Object.values(acc.bots).sort((a, b) => a.id.localeCompare(b.id));
    return ok({ pageContext: { page, size, totalSize: all.length }, data: all.slice((page - 1) * size, page * size) });
  });

  app.get("/bot-platform-manager-0.1/auth/liveperson/app", async (req: FastifyRequest<{ Querystring: { chatBotId?: string } }>) => {
    const { acc } = cbCaller(ctx, req);
    const botId = req.query.chatBotId;
    if (!botId) throw cbErrors.invalidRequest("chatBotId is required");
    const agents = Object.values(acc.connectors).filter((c) => c.botId === botId);
    if (!acc.bots[botId] || agents.length === 0) throw cbErrors.notFound(`no agent connectors for bot ${botId}`);
    return ok({ chatBotId: botId, agents: agents.map((c) => wire(acc, c)) });
  });

  /** Common checks of add/edit/delete, in the order the contract's table lists the rejections. */
  const target = (req: ConnReq) => {
    const caller = cbCaller(ctx, req);
    const { acc } = caller;
    if (req.params.a !== acc.accountId) throw cbErrors.unauthorized(`the token is not valid for account ${req.params.a}`);
    const botId = req.query.chatBotId;
    if (!botId) throw cbErrors.invalidRequest("chatBotId is required");
    botOf(acc, botId);
    const user = /^\d+$/.test(req.params.lpUserId) ? acc.users[req.params.lpUserId] : undefined;
    if (!user || user.deleted) throw cbErrors.userNotFound(req.params.lpUserId);
    return { caller, acc, botId, user, key: connectorKey(botId, String(user.id)) };
  };

  const parseConnector = (req: ConnReq, t: ReturnType<typeof target>) => {
    const r = connectorBody.safeParse(req.body);
    if (!r.success) throw cbErrors.invalidRequest(issues(r.error));
    const b = r.data;
    if (b.lpAccountId !== t.acc.accountId) throw cbErrors.invalidRequest("lpAccountId does not match the account in the URL");
    if (b.lpAccountUser.toLowerCase() !== t.user.loginName.toLowerCase()) {
      throw cbErrors.invalidRequest("lpAccountUser is not the login name of the user in the URL");
    }
    if (b.botId !== t.botId) throw cbErrors.invalidRequest("botId does not match chatBotId");
    checkConfigurations(b.configurations);
    if (b.configurations.lpAccountId !== undefined && b.configurations.lpAccountId !== b.lpAccountId) {
      throw cbErrors.invalidRequest("configurations.lpAccountId does not match lpAccountId");
    }
    if (b.configurations.lpAccountUser !== undefined && b.configurations.lpAccountUser !== b.lpAccountUser) {
      throw cbErrors.invalidRequest("configurations.lpAccountUser does not match lpAccountUser");
    }
    requirePrivilegeFor(t.caller, b.deploymentEnvironment);
    // Secret flags are write-only: kept as digests, enough for the login check of the status.
    const configurations: Record<string, string> = {};
    for (const [k, v] of Object.entries(b.configurations)) configurations[k] = SECRET_FLAGS.has(k) && v !== "" ? digest(t.acc, v) : v;
    return { ...b, configurations };
  };

  app.post("/live-engage-service-0.1/le/accounts/:a/bot_users/:lpUserId", async (req: ConnReq, reply: FastifyReply) => {
    const t = target(req);
    const b = parseConnector(req, t);
    const taken = Object.values(t.acc.connectors).find((c) => c.lpUserId === String(t.user.id));
    if (taken) throw cbErrors.agentAlreadyAssigned(t.user.loginName, taken.botId);
    const now = ctx.store.now();
    const c: Connector = {
      lpAccountId: t.acc.accountId,
      lpAccountUser: t.user.loginName,
      lpUserId: String(t.user.id),
      botId: t.botId,
      type: b.type,
      deploymentEnvironment: b.deploymentEnvironment,
      configurations: b.configurations,
      lastManualOperation: null,
      manualOperationTs: null,
      createTime: now,
      updateTime: now,
      running: null,
    };
    ctx.store.mutate(t.acc, (acc) => void (acc.connectors[t.key] = c));
    reply.code(201);
    return ok(wire(t.acc, c), "agent connector added");
  });

  const existing = (t: ReturnType<typeof target>) => {
    const c = t.acc.connectors[t.key];
    if (!c) throw cbErrors.connectorNotFound(t.user.loginName, t.botId);
    if (c.running) throw cbErrors.connectorRunning();
    return c;
  };

  app.put("/live-engage-service-0.1/le/accounts/:a/bot_users/:lpUserId", async (req: ConnReq) => {
    const t = target(req);
    const b = parseConnector(req, t);
    const c = existing(t);
    requirePrivilegeFor(t.caller, c.deploymentEnvironment);
    const next: Connector = {
      ...c,
      lpAccountUser: t.user.loginName,
      type: b.type,
      deploymentEnvironment: b.deploymentEnvironment,
      configurations: editedConfigurations(c.configurations, b.configurations),
      updateTime: ctx.store.now(),
    };
    ctx.store.mutate(t.acc, (acc) => void (acc.connectors[t.key] = next));
    return ok(wire(t.acc, next), "agent connector updated");
  });

  app.delete("/live-engage-service-0.1/le/accounts/:a/bot_users/:lpUserId", async (req: ConnReq) => {
    const t = target(req);
    const c = existing(t);
    requirePrivilegeFor(t.caller, c.deploymentEnvironment);
    ctx.store.mutate(t.acc, (acc) => void delete acc.connectors[t.key]);
    return ok(null, "agent connector deleted");
  });

  const lifecycle = (op: "START" | "STOP") => async (req: BotReq) => {
    const caller = cbCaller(ctx, req);
    const { acc } = caller;
    const r = lifecycleBody.safeParse(req.body);
    if (!r.success) throw cbErrors.invalidRequest(issues(r.error));
    if (r.data.lpAccountId !== acc.accountId) throw cbErrors.invalidRequest("lpAccountId does not match the token's account");
    const botId = req.params.botId;
    botOf(acc, botId);
    const login = r.data.lpAccountUser.toLowerCase();
    const c = Object.values(acc.connectors).find((x) => x.botId === botId && x.lpAccountUser.toLowerCase() === login);
    if (!c) throw cbErrors.connectorNotFound(r.data.lpAccountUser, botId);
    requirePrivilegeFor(caller, c.deploymentEnvironment);
    const now = ctx.store.now();
    // Starting a running connector or stopping a stopped one is an idempotent no-op (choice).
    if (op === "START" && !c.running) {
      ctx.store.mutate(acc, () => {
        c.running = {
          startedAt: now,
          snapshot: {
            type: c.type,
            deploymentEnvironment: c.deploymentEnvironment,
            lpAccountUser: c.lpAccountUser,
            configurations: { ...c.configurations },
          },
        };
        c.lastManualOperation = "START";
        c.manualOperationTs = now;
      });
    } else if (op === "STOP" && c.running) {
      ctx.store.mutate(acc, () => {
        c.running = null;
        c.lastManualOperation = "STOP";
        c.manualOperationTs = now;
      });
    }
    return ok({ status: wireStatus(ctx.statusWords, ctx.store.status(acc, c), c).status });
  };
  app.put("/sysadmin/nodejs/instance/start/:botId", lifecycle("START"));
  app.put("/sysadmin/nodejs/instance/stop/:botId", lifecycle("STOP"));

  app.get("/sysadmin/nodejs/instance/status-v2/:botId", async (req: BotReq) => {
    const { acc } = cbCaller(ctx, req);
    const botId = req.params.botId;
    botOf(acc, botId);
    // Record a transition that is due (connect delay just ended) before answering.
    if (ctx.store.refreshStatuses(acc)) ctx.store.mutate(acc, () => undefined);
    const agents = Object.entries(acc.connectors)
      .filter(([, c]) => c.botId === botId)
      .map(([key, c]) => {
        const s = ctx.store.status(acc, c);
        const hist = acc.statusHistory[key] ?? [];
        return {
          lpAccountUser: c.lpAccountUser,
          lpUserId: c.lpUserId,
          deploymentEnvironment: c.deploymentEnvironment,
          ...wireStatus(ctx.statusWords, s, c),
          components: s.components,
          since: hist.length ? hist[hist.length - 1].at : null,
        };
      });
    return ok({ botId, agents });
  });
}
