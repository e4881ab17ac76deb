// The generic HTTP layer of an Account Config collection (docs/wire-contract.md §3): versions,
// auth, select / include_deleted, revisions with If-Match, full-replace PUT, soft delete, batch
// delete and X-HTTP-Method-Override. The domain rules come from the collection's spec.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { acErrors } from "../errors";
import type { CollectionSpec, Params } from "../store/collections";
import type { AccountState } from "../store/state";
import { digest } from "../secrets";
import { authenticate, type Caller, type RouteContext } from "./context";

type Req = FastifyRequest<{ Params: Params; Querystring: Record<string, string | undefined> }>;

function caller(ctx: RouteContext, req: Req, write: boolean): Caller {
  const c = authenticate(ctx, req, req.params.a);
  const v = req.query.v;
  if (v === undefined || v === "") throw acErrors.missingVersion();
  if (!/^\d+(\.\d+)?$/.test(v)) throw acErrors.validation(`v must be a version number like 2.0`);
  if (write && !c.admin) throw acErrors.forbidden("only administrators can change the account configuration");
  return c;
}

function setRevision(reply: FastifyReply, rev: number): void {
  reply.header("ac-revision", String(rev));
  reply.header("etag", String(rev));
}

/** If-Match absent or -1: no check; anything else must equal the current revision. */
function checkIfMatch(req: FastifyRequest, current: number): void {
  const raw = req.headers["if-match"];
  if (raw === undefined) return;
  const v = String(raw)
    .trim()
    .replace(/^W\//, "")
    .replace(/^"(.*)"$/, "$1");
  if (v === "-1" || v === "*") return;
  if (v !== String(current)) throw acErrors.revisionConflict(v, current);
}

function project(obj: Record<string, unknown>, fields: string[] | undefined): Record<string, unknown> {
  if (!fields) return obj;
  const out: Record<string, unknown> = {};
  for (const f of fields) if (f in obj) out[f] = obj[f];
  return out;
}

function selectOf(q: Record<string, string | undefined>, dflt: string[] | undefined): string[] | undefined {
  const s = q.select;
  if (s === undefined || s === "") return dflt;
  if (s === "$all") return undefined;
  return s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);
}

export function registerCollection<T extends { id: number }>(
  app: FastifyInstance,
  ctx: RouteContext,
  spec: CollectionSpec<T>,
  base: string,
): void {
  const item = `${base}/:id`;
  const rev = (acc: AccountState) => acc.revisions[spec.name];

  const find = (acc: AccountState, req: Req, includeDeleted: boolean): T => {
    const id = req.params.id;
    const t = /^\d+$/.test(id) ? spec.items(acc)[id] : undefined;
    if (!t || (spec.inScope && !spec.inScope(t, req.params)) || (!includeDeleted && spec.isDeleted(t))) {
      throw acErrors.notFound(spec.what, id);
    }
    return t;
  };

  // Errors of a known account still carry the collection's revision, like every AC response.
  const withRevision = async (req: Req, reply: FastifyReply, write: boolean, fn: (c: Caller) => unknown) => {
    const c = caller(ctx, req, write);
    try {
      spec.checkParent?.(c.acc, req.params);
      return await fn(c);
    } finally {
      setRevision(reply, rev(c.acc));
    }
  };

  app.get(base, (req: Req, reply) =>
    withRevision(req, reply, false, ({ acc }) => {
      const includeDeleted = req.query.include_deleted === "true";
      const fields = selectOf(req.query, spec.defaultListSelect);
      return Object.values(spec.items(acc))
        .filter((t) => (includeDeleted || !spec.isDeleted(t)) && (!spec.inScope || spec.inScope(t, req.params)))
        .sort((a, b) => a.id - b.id)
        .map((t) => project(spec.toWire(acc, t), fields));
    }),
  );

  app.get(item, (req: Req, reply) =>
    withRevision(req, reply, false, ({ acc }) =>
      project(spec.toWire(acc, find(acc, req, req.query.include_deleted === "true")), selectOf(req.query, undefined)),
    ),
  );

  if (!spec.build) {
    const refuse = (req: Req) => {
      caller(ctx, req, false);
      throw acErrors.methodNotAllowed(`${spec.name} are read-only in the emulator`);
    };
    for (const m of ["POST", "PUT", "DELETE"] as const) {
      app.route({ method: m, url: base, handler: refuse });
      app.route({ method: m, url: item, handler: refuse });
    }
    return;
  }
  const build = spec.build;

  const create = (req: Req, reply: FastifyReply) =>
    withRevision(req, reply, true, ({ acc }) => {
      const id = ctx.store.state.nextId;
      const t = build(acc, req.body, { id, params: req.params });
      const secrets = spec.secretsOf?.(req.body);
      ctx.store.mutate(acc, () => {
        ctx.store.newId();
        spec.items(acc)[id] = t;
        if (secrets?.password) acc.userSecrets[id] = { passwordDigest: digest(acc, secrets.password) };
        ctx.store.bump(acc, spec.name);
        for (const o of spec.alsoBump ?? []) ctx.store.bump(acc, o);
      });
      const host = req.headers.host ?? "";
      reply.code(201).header("location", `http://${host}${req.url.split("?")[0]}/${id}`);
      return spec.toWire(acc, t);
    });

  const replace = (req: Req, reply: FastifyReply) =>
    withRevision(req, reply, true, ({ acc }) => {
      const existing = find(acc, req, false);
      checkIfMatch(req, rev(acc));
      const t = build(acc, req.body, { id: existing.id, existing, params: req.params });
      const secrets = spec.secretsOf?.(req.body);
      ctx.store.mutate(acc, () => {
        spec.items(acc)[existing.id] = t;
        // passwordSh null/absent keeps the password; an API user never keeps one.
        if (secrets?.password) acc.userSecrets[existing.id] = { passwordDigest: digest(acc, secrets.password) };
        if ((t as { isApiUser?: boolean }).isApiUser) delete acc.userSecrets[existing.id];
        ctx.store.bump(acc, spec.name);
        for (const o of spec.alsoBump ?? []) ctx.store.bump(acc, o);
      });
      return spec.toWire(acc, t);
    });

  const removeMany = (acc: AccountState, ids: string[]) => {
    spec.checkDelete?.(acc, ids);
    ctx.store.mutate(acc, () => {
      for (const id of ids) spec.items(acc)[id] = spec.markDeleted!(spec.items(acc)[id]);
      ctx.store.bump(acc, spec.name);
      for (const o of spec.alsoBump ?? []) ctx.store.bump(acc, o);
    });
  };

  const removeOne = (req: Req, reply: FastifyReply) =>
    withRevision(req, reply, true, ({ acc }) => {
      const existing = find(acc, req, false);
      checkIfMatch(req, rev(acc));
      removeMany(acc, [String(existing.id)]);
      return {};
    });

  const removeBatch = (req: Req, reply: FastifyReply) =>
    withRevision(req, reply, true, ({ acc }) => {
      const body = req.body;
      if (!Array.isArray(body) || body.length === 0 || !body.every((x) => /^\d+$/.test(String(x)))) {
        throw acErrors.validation("the body must be a non-empty JSON array of ids");
      }
      checkIfMatch(req, rev(acc));
      const ids = [...new Set(body.map(String))];
      for (const id of ids) {
        const t = spec.items(acc)[id];
        if (!t || spec.isDeleted(t)) throw acErrors.notFound(spec.what, id);
      }
      removeMany(acc, ids);
      return {};
    });

  const override = (req: Req): string | undefined => {
    const h = req.headers["x-http-method-override"];
    return typeof h === "string" ? h.trim().toUpperCase() : undefined;
  };

  app.post(base, (req: Req, reply) => {
    const o = override(req);
    if (o === undefined) return create(req, reply);
    if (o === "DELETE" && spec.batchDelete) return removeBatch(req, reply);
    return Promise.reject(acErrors.validation(`X-HTTP-Method-Override ${o} is not supported on the collection URL`));
  });
  app.post(item, (req: Req, reply) => {
    const o = override(req);
    if (o === "PUT") return replace(req, reply);
    if (o === "DELETE") return removeOne(req, reply);
    return Promise.reject(acErrors.validation("POST to an item URL needs X-HTTP-Method-Override: PUT or DELETE"));
  });
  app.put(item, replace);
  app.delete(item, removeOne);
  if (spec.batchDelete) app.delete(base, removeBatch);
}
