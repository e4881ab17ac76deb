// OAuth 1.0 (RFC 5849) HMAC-SHA1 verification of `Authorization: OAuth …` headers built from an
// app-key quadruple of an account (the reference's server-to-server API keys). The signature is
// recomputed over method, base URL (as the client addressed us: the scheme of the connection it
// used and the Host header) and the
// query + oauth_* parameters; JSON bodies are not part of the base string (RFC 5849 §3.4.1.3).
import { createHmac, timingSafeEqual } from "crypto";
import type { FastifyRequest } from "fastify";
import type { Principal } from "./auth";
import type { Store } from "./store/store";

/** Accepted clock skew of oauth_timestamp (choice). */
const MAX_SKEW_S = 300;

export function percentEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}

export function parseOAuthHeader(h: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([A-Za-z0-9_]+)="([^"]*)"/g;
  for (let m = re.exec(h); m; m = re.exec(h)) out[m[1]] = decodeURIComponent(m[2]);
  return out;
}

export function signatureBase(method: string, baseUrl: string, params: [string, string][]): string {
  const norm = params
    .map(([k, v]) => [percentEncode(k), percentEncode(v)] as [string, string])
    .sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) : a[0] < b[0] ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  return [method.toUpperCase(), percentEncode(baseUrl), percentEncode(norm)].join("&");
}

export function sign(base: string, consumerSecret: string, tokenSecret: string): string {
  return createHmac("sha1", `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`)
    .update(base)
    .digest("base64");
}

export class OAuth1Verifier {
  constructor(private readonly store: Store) {}

  verify(req: FastifyRequest, header: string): Principal | undefined {
    const o = parseOAuthHeader(header);
    if (o.oauth_signature_method !== "HMAC-SHA1" || !o.oauth_consumer_key || !o.oauth_token || !o.oauth_signature) return undefined;
    const ts = Number(o.oauth_timestamp);
    if (!Number.isFinite(ts) || Math.abs(ts - this.store.now() / 1000) > MAX_SKEW_S) return undefined;
    for (const acc of Object.values(this.store.state.accounts)) {
      const key = acc.appKeys.find((k) => k.appKey === o.oauth_consumer_key && k.accessToken === o.oauth_token);
      if (!key) continue;
      const [path, query = ""] = req.url.split("?", 2);
      const params: [string, string][] = [...new URLSearchParams(query).entries()];
      for (const [k, v] of Object.entries(o)) if (k.startsWith("oauth_") && k !== "oauth_signature") params.push([k, v]);
      const base = signatureBase(req.method, `${req.protocol}://${String(req.headers.host ?? "").toLowerCase()}${path}`, params);
      const expected = Buffer.from(sign(base, key.secret, key.accessTokenSecret));
      const got = Buffer.from(o.oauth_signature);
      if (expected.length === got.length && timingSafeEqual(expected, got)) {
        return { kind: "appkey", accountId: acc.accountId, appKey: key.appKey };
      }
      return undefined;
    }
    return undefined;
  }
}
