// Real-HTTP helpers for the emulator contract suite (undici, no client code of the SDK: the suite
// checks the wire contract itself).
import { request } from "undici";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../sdk/src/emulator";

export interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  body: any;
}

export interface CallOptions {
  body?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  bearer?: string;
}

export async function call(baseUrl: string, method: string, path: string, o: CallOptions = {}): Promise<Res> {
  const headers: Record<string, string> = { ...(o.headers ?? {}) };
  let body: string | undefined;
  if (o.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(o.form).toString();
  } else if (o.body !== undefined) {
    headers["content-type"] ??= "application/json";
    body = typeof o.body === "string" ? o.body : JSON.stringify(o.body);
  }
  if (o.bearer) headers.authorization = `Bearer ${o.bearer}`;
  const r = await request(baseUrl + path, { method: method as "GET", headers, body });
  const text = await r.body.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: r.statusCode, headers: r.headers, text, body: parsed };
}

export interface Session {
  bearer: string;
  csrf: string;
  cookie: string;
  body: Res["body"];
}

export class Emu {
  private constructor(readonly e: RunningEmulator) {}

  static async start(opts: EmulatorOptions = {}): Promise<Emu> {
    return new Emu(await startEmulator({ port: 0, connectDelayMs: 50, ...opts }));
  }

  get url(): string {
    return this.e.url;
  }
  get a(): string {
    return this.e.accountId;
  }

  call(method: string, path: string, o?: CallOptions): Promise<Res> {
    return call(this.e.url, method, path, o);
  }

  async login(username = this.e.credentials.username, password = this.e.credentials.password, account = this.a): Promise<Session> {
    const r = await this.call("POST", `/api/account/${account}/login?v=1.3`, { body: { username, password } });
    if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${r.text}`);
    const setCookie = String(r.headers["set-cookie"]);
    return { bearer: r.body.bearer, csrf: r.body.csrf, cookie: setCookie.split(";")[0], body: r.body };
  }

  /** Account Config path: ac("le-users/skills", "/42", "2.0"). */
  ac(collection: string, rest = "", v = VERSIONS[collection] ?? "2.0", account = this.a): string {
    const sep = rest.includes("?") ? "&" : "?";
    return `/api/account/${account}/configuration/${collection}${rest}${sep}v=${v}`;
  }

  async cbToken(bearer: string): Promise<{ authorization: string; organizationid: string; result: Res["body"] }> {
    const r = await this.call("GET", "/le-auth/sso/authenticate", { bearer });
    if (r.status !== 200) throw new Error(`CB exchange failed: ${r.status} ${r.text}`);
    return {
      authorization: r.body.successResult.apiAccessToken,
      organizationid: r.body.successResult.sessionOrganizationId,
      result: r.body.successResult,
    };
  }

  close(): Promise<void> {
    return this.e.close();
  }
}

export const VERSIONS: Record<string, string> = {
  "le-users/skills": "2.0",
  "le-users/users": "6.0",
  "le-users/profiles": "4.0",
  "le-goals/goals": "3.0",
  "le-campaigns/campaigns": "3.4",
};

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let n = 0;
export function unique(prefix: string): string {
  return `${prefix}-${process.pid}-${++n}`;
}

/** A valid bot-user body (password login) for POST le-users/users. */
export function botUserBody(loginName: string, skillIds: number[], extra: Record<string, unknown> = {}) {
  return {
    loginName,
    fullName: `${loginName} full`,
    nickname: loginName,
    email: `${loginName}@example.com`,
    isEnabled: true,
    maxChats: -1,
    userTypeId: 2,
    passwordSh: "bot-Passw0rd!",
    profileIds: [1002],
    skillIds,
    memberOf: { agentGroupId: -1 },
    ...extra,
  };
}
