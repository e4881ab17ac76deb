// Emulator-only endpoints under /_emulator (never under an API prefix). Reads here have no side
// effects on the API: they do not count as requests, do not record status transitions and do not
// bump revisions.
import type { FastifyInstance, FastifyRequest } from "fastify";
import { ZodError } from "zod";
import { ApiError } from "../errors";
import { faultRuleSchema, type Faults, type RequestBook } from "../faults";
import type { RouteContext } from "./context";
import { z } from "zod";
import { STATUS_VOCABULARIES } from "../../model/connectorStatus";

const phaseWords = z
  .strictObject({
    "never-started": z.string().min(1),
    stopped: z.string().min(1),
    starting: z.string().min(1),
    failed: z.string().min(1),
    connected: z.string().min(1),
  })
  .partial();
const statusWordsBody = z.strictObject({ vocabulary: z.enum(STATUS_VOCABULARIES), overrides: phaseWords.optional() });

function bad(message: string): ApiError {
  return new ApiError(400, "invalid-request", message);
}

function zodMessage(e: ZodError): string {
  return e.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
}

export function registerAdmin(app: FastifyInstance, ctx: RouteContext, faults: Faults, book: RequestBook): void {
  app.post("/_emulator/reset", async () => {
    ctx.store.reset();
    return { reset: true };
  });

  app.get("/_emulator/state", async (req: FastifyRequest<{ Querystring: { account?: string } }>) => {
    const account = req.query.account;
    if (account !== undefined && !ctx.store.account(account)) throw new ApiError(404, "unknown-account", `unknown account ${account}`);
    return ctx.store.dump(account);
  });

  app.post("/_emulator/seed", async (req) => {
    try {
      return { seeded: ctx.store.seed(req.body ?? {}) };
    } catch (e) {
      if (e instanceof ZodError) throw bad(zodMessage(e));
      throw bad((e as Error).message);
    }
  });

  // Which documented status vocabulary connector reads answer in; `overrides` replace the word of a
  // phase (a test plays a status word nobody documented).
  app.get("/_emulator/status-words", async () => ctx.statusWords);
  app.put("/_emulator/status-words", async (req) => {
    const r = statusWordsBody.safeParse(req.body ?? {});
    if (!r.success) throw bad(zodMessage(r.error));
    ctx.statusWords.vocabulary = r.data.vocabulary;
    ctx.statusWords.overrides = { ...(r.data.overrides ?? {}) };
    return ctx.statusWords;
  });

  app.get("/_emulator/counters", async () => book.counters());
  app.delete("/_emulator/counters", async () => {
    book.clearCounters();
    return {};
  });

  app.get("/_emulator/requests", async (req: FastifyRequest<{ Querystring: { since?: string } }>) => {
    const since = req.query.since === undefined ? 0 : Number(req.query.since);
    if (!Number.isInteger(since) || since < 0) throw bad("since must be a sequence number");
    return book.requests(since);
  });
  app.delete("/_emulator/requests", async () => {
    book.clearRequests();
    return {};
  });

  app.get("/_emulator/status-history", async (req: FastifyRequest<{ Querystring: { account?: string; botId?: string } }>) => {
    const account = req.query.account;
    if (!account) throw bad("account is required");
    const acc = ctx.store.account(account);
    if (!acc) throw new ApiError(404, "unknown-account", `unknown account ${account}`);
    const connectors = Object.entries(acc.statusHistory)
      .map(([key, history]) => {
        const [botId, lpUserId] = key.split("/");
        return { botId, lpUserId, lpAccountUser: acc.users[lpUserId]?.loginName ?? null, history };
      })
      .filter((c) => req.query.botId === undefined || c.botId === req.query.botId);
    return { account, connectors };
  });

  app.post("/_emulator/faults", async (req, reply) => {
    const r = faultRuleSchema.safeParse(req.body);
    if (!r.success) throw bad(zodMessage(r.error));
    reply.code(201);
    return faults.add(r.data);
  });
  app.get("/_emulator/faults", async () => faults.list());
  app.delete("/_emulator/faults", async () => {
    faults.clear();
    return {};
  });
}
