// Fastify setup and lifecycle of the emulator: state loading (data dir or memory), hooks for
// fault injection, request bookkeeping and durability (no response leaves before the state it
// reflects is on disk), error rendering per API family, and startEmulator().
import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import { createServer as createHttpServer, type Server } from "http";
import { Sessions } from "./auth";
import { ApiError, familyOf, internal, rateLimited, renderError, type Family } from "./errors";
import { Faults, RequestBook } from "./faults";
import { OAuth1Verifier } from "./oauth1";
import { registerAccountConfig } from "./routes/account-config";
import { registerAdmin } from "./routes/admin";
import { registerCbAuth } from "./routes/cb-auth";
import { registerCbConnectors } from "./routes/cb-connectors";
import type { RouteContext } from "./routes/context";
import { registerDomain } from "./routes/domain";
import { registerLogin } from "./routes/login";
import { DEFAULTS, initialState, primaryAccount } from "./seed";
import type { SeedInput } from "./seedInput.generated";
import { FilePersistence, lockDataDir, memoryPersistence, readStateFile, type Persistence } from "./store/persistence";
import type { EmulatorState } from "./store/state";
import { Store } from "./store/store";
import { generateTlsIdentity, type TlsIdentity } from "./tls";
import type { StatusVocabulary } from "../model/connectorStatus";

export interface EmulatorOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Directory for durable state; omitted = in memory. */
  dataDir?: string;
  /** The primary account (default "12345678"). */
  accountId?: string;
  /** The seeded administrator (default admin / admin-password). */
  username?: string;
  password?: string;
  /** How long a started connector takes to connect (default 1000 ms). */
  connectDelayMs?: number;
  /** Login session lifetime (default 28 800 000 ms = 8 h, the reference's sessionTTl). */
  sessionTtlMs?: number;
  /** Extra accounts, users, bots, OAuth clients and app keys (same shape as POST /_emulator/seed). */
  seed?: SeedInput;
  /** Log requests with fastify's logger (never bodies or headers). Default false. */
  logger?: boolean;
  /**
   * Serve https, as LivePerson does: `true` generates a self-signed certificate (its own CA, for
   * localhost, 127.0.0.1 and ::1; `caCert` of the running emulator), or give `{cert, key}` (PEM).
   * The Domain API then hands out the https host. Default: plain http.
   */
  tls?: boolean | TlsIdentity;
  /**
   * With `tls`: also serve plain http on this port (0 = a free one), for clients that fetch the
   * Domain API over http (LivePerson's Functions client does). Every API answers there too.
   */
  httpPort?: number;
  /**
   * The connector status words to answer in (docs/emulator.md): the seed's `seed` (default),
   * `deploy-page` (Ready to Start / Online / Offline / Stopped) or `bot-status` (the Bot Status app,
   * with its two connection levels).
   */
  statusVocabulary?: StatusVocabulary;
}

export interface EmulatorCredentials {
  username: string;
  password: string;
  noProd: { username: string; password: string };
  oauthClient: { clientId: string; clientSecret: string };
  appKey: { appKey: string; secret: string; accessToken: string; accessTokenSecret: string };
}

export interface RunningEmulator {
  /** e.g. http://127.0.0.1:4510, or https://127.0.0.1:4510 with `tls` */
  url: string;
  /** With `tls`: the PEM certificate a client must trust (the generated one, or the one given). */
  caCert?: string;
  /** With `tls` and `httpPort`: the plain-http URL of the same emulator. */
  httpUrl?: string;
  /** host:port, what the Domain API answers and what `liveengage:csdsDomain` should be set to. */
  host: string;
  accountId: string;
  credentials: EmulatorCredentials;
  /** The demo bot's id ("demo-bot"). */
  demoBotId: string;
  close(): Promise<void>;
}

function isState(x: unknown): x is EmulatorState {
  return (
    typeof x === "object" && x !== null && (x as EmulatorState).formatVersion === 1 && typeof (x as EmulatorState).accounts === "object"
  );
}

function formatHost(host: string, port: number): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The host name of a Host header (without the port); 127.0.0.1 when there is none. */
function hostnameOf(hostHeader: string | undefined): string {
  if (!hostHeader) return "127.0.0.1";
  const m = /^\[([^\]]+)\]|^([^:]+)/.exec(hostHeader);
  return m?.[1] ?? m?.[2] ?? "127.0.0.1";
}

/** Fastify's own 4xx messages may quote the request body; replace them with a fixed text. */
function sanitize(err: { code?: string; statusCode?: number }): string {
  if (err.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") return "unsupported Content-Type";
  if (err.code === "FST_ERR_CTP_BODY_TOO_LARGE") return "request body too large";
  return "the request body is not valid";
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const base = {
    accountId: options.accountId ?? DEFAULTS.accountId,
    username: options.username ?? DEFAULTS.username,
    password: options.password ?? DEFAULTS.password,
  };
  const listenHost = options.host ?? "127.0.0.1";

  let state: EmulatorState;
  let persistence: Persistence = memoryPersistence;
  // Declared before the persistence callback that reads it, assigned once the state is loaded.
  // eslint-disable-next-line prefer-const
  let store: Store | undefined;
  let unlock = async () => {};
  if (options.dataDir) {
    unlock = await lockDataDir(options.dataDir);
    const loaded = await readStateFile(options.dataDir).catch(async (e: unknown) => {
      await unlock();
      throw e;
    });
    if (loaded !== undefined && !isState(loaded)) {
      await unlock();
      throw new Error(`${options.dataDir}: not an emulator state file`);
    }
    state = loaded ?? initialState(base, options.seed);
    if (!state.accounts[base.accountId]) state.accounts[base.accountId] = primaryAccount(base);
    persistence = await FilePersistence.open(options.dataDir, () => JSON.stringify(store!.state));
  } else {
    state = initialState(base, options.seed);
  }
  store = new Store(state, { persistence, connectDelayMs: options.connectDelayMs ?? 1000, base, seed: options.seed });
  persistence.markDirty();
  await store.whenDurable();

  const sessions = new Sessions(options.sessionTtlMs ?? 28_800_000);
  const faults = new Faults();
  const book = new RequestBook();
  let boundPort = 0;
  const anyInterface = listenHost === "0.0.0.0" || listenHost === "::";
  const ctx: RouteContext = {
    store,
    sessions,
    oauth1: new OAuth1Verifier(store),
    // The main listener's host:port (the https one with `tls`), whichever listener was asked.
    publicHost: (req: FastifyRequest) => formatHost(anyInterface ? hostnameOf(req.headers.host) : listenHost, boundPort),
    statusWords: { vocabulary: options.statusVocabulary ?? "seed", overrides: {} },
  };

  const tls = options.tls === true ? generateTlsIdentity() : options.tls || undefined;
  const app: FastifyInstance = Fastify({
    logger: options.logger ?? false,
    forceCloseConnections: true,
    bodyLimit: 1024 * 1024,
    ...(tls ? { https: { cert: tls.cert, key: tls.key } } : {}),
  }) as unknown as FastifyInstance;
  installParsers(app);
  installHooks(app, ctx, faults, book);

  registerDomain(app, ctx);
  registerLogin(app, ctx);
  registerAccountConfig(app, ctx);
  registerCbAuth(app, ctx);
  registerCbConnectors(app, ctx);
  registerAdmin(app, ctx, faults, book);

  let plain: Server | undefined;
  let plainPort = 0;
  try {
    await app.listen({ port: options.port ?? 0, host: listenHost });
    if (tls && options.httpPort !== undefined) {
      await app.ready();
      // The same routes and hooks, reached over plain http.
      const server = createHttpServer((req, res) => app.server.emit("request", req, res));
      plain = server;
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(options.httpPort, listenHost, () => resolve());
      });
      plainPort = (server.address() as { port: number }).port;
    }
  } catch (e) {
    await app.close().catch(() => undefined);
    store.close();
    await unlock();
    throw e;
  }
  const addr = app.server.address();
  boundPort = typeof addr === "object" && addr ? addr.port : (options.port ?? 0);
  const localName = anyInterface ? "127.0.0.1" : listenHost;
  const host = formatHost(localName, boundPort);

  return {
    url: `${tls ? "https" : "http"}://${host}`,
    ...(tls ? { caCert: tls.cert } : {}),
    ...(plain ? { httpUrl: `http://${formatHost(localName, plainPort)}` } : {}),
    host,
    accountId: base.accountId,
    demoBotId: DEFAULTS.bot.id,
    credentials: {
      username: base.username,
      password: base.password,
      noProd: { ...DEFAULTS.noProd },
      oauthClient: { ...DEFAULTS.oauthClient },
      appKey: { ...DEFAULTS.appKey },
    },
    async close() {
      store!.close();
      if (plain) {
        const server = plain;
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
      await app.close();
      await store!.whenDurable();
      await unlock();
    },
  };
}

function installParsers(app: FastifyInstance): void {
  // JSON with an empty body is "no body" (some clients send the header on bodiless DELETEs).
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_req, body, done) => {
    if (body === "") return done(null, undefined);
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(Object.assign(new Error("the request body is not valid JSON"), { statusCode: 400 }), undefined);
    }
  });
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
}

function routeOf(req: FastifyRequest): string {
  return req.routeOptions?.url ?? "(unmatched)";
}

function accountOf(ctx: RouteContext, req: FastifyRequest): string | null {
  const a = (req.params as { a?: string } | undefined)?.a;
  if (a) return a;
  const t = req.headers.authorization;
  if (typeof t === "string" && !/^(Bearer|OAuth)\s/i.test(t)) return ctx.sessions.cb(t)?.accountId ?? null;
  return null;
}

function installHooks(app: FastifyInstance, ctx: RouteContext, faults: Faults, book: RequestBook): void {
  const isAdmin = (req: FastifyRequest) => req.url.startsWith("/_emulator");

  app.addHook("onRequest", async (req, reply) => {
    if (isAdmin(req)) return;
    const d = faults.decide(req.method, routeOf(req));
    if (d.latencyMs > 0) await new Promise((r) => setTimeout(r, d.latencyMs));
    const a = d.action;
    if (!a) return;
    if (a.kind === "reset") {
      book.record({ method: req.method, route: routeOf(req), url: req.url.split("?")[0], status: 0, account: accountOf(ctx, req) });
      reply.hijack();
      req.raw.socket.destroy();
      return;
    }
    if (a.kind === "429") throw rateLimited(a.retryAfterSeconds ?? 1);
    throw internal(a.status ?? 500, "internal error (injected fault)");
  });

  // Nothing leaves before the state it reflects is durable (reads included: a reader must never
  // see a revision that a crash could take back).
  app.addHook("onSend", async () => {
    await ctx.store.whenDurable();
  });

  app.addHook("onResponse", async (req, reply) => {
    if (isAdmin(req)) return;
    book.record({
      method: req.method,
      route: routeOf(req),
      url: req.url.split("?")[0],
      status: reply.statusCode,
      account: accountOf(ctx, req),
    });
  });

  app.setErrorHandler((err, req, reply) => {
    const family: Family = familyOf(req.url);
    let api: ApiError;
    if (err instanceof ApiError) api = err;
    else {
      const e = err as { statusCode?: number; code?: string };
      if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
        api = new ApiError(e.statusCode, "validation", sanitize(e));
      } else {
        req.log.error(err);
        api = internal();
      }
    }
    // Account Config (and the CB exchange's bearer check) answer 401 with the Login Service body.
    const shape: Family = family === "ac" && api.status === 401 ? "login" : family;
    reply.code(api.status).headers(api.headers).send(renderError(shape, api));
  });

  app.setNotFoundHandler((req, reply) => {
    const family = familyOf(req.url);
    const api = new ApiError(404, "not-found", `no route ${req.method} ${req.url.split("?")[0]}`);
    reply.code(404).send(renderError(family === "ac" ? "ac" : family, api));
  });
}
