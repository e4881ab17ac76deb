/**
 * Sanitized transcripts of what an account answered (`liveengage doctor --record <file>`), and the
 * comparison of two transcripts — a real account's against the emulator's — so the first run on a
 * real account shows exactly where the emulator differs.
 *
 * What a transcript keeps: method, path template (account id, numeric ids and bot ids replaced),
 * query parameter names, status, response header names, and the response body's shape with every
 * value replaced by its type. Never a value: no secret, token, id or personal data.
 */
import type { Exchange } from "../client";

export const TRANSCRIPT_FORMAT = "liveengage-transcript/1";

/** A JSON value's shape: "string" | "number" | "boolean" | "null", [element shape], {key: shape}. */
export type Shape = string | Shape[] | { [key: string]: Shape };

export interface TranscriptEntry {
  /** The doctor check that made the request. */
  check: string;
  method: string;
  /** e.g. /api/account/{account}/configuration/le-users/skills */
  path: string;
  query: string[];
  status: number;
  headers: string[];
  body?: Shape;
}

export interface Transcript {
  format: typeof TRANSCRIPT_FORMAT;
  exchanges: TranscriptEntry[];
}

/** Transport and per-response headers whose presence says nothing about the API. */
const VOLATILE_HEADERS = new Set([
  "date",
  "connection",
  "keep-alive",
  "content-length",
  "transfer-encoding",
  "vary",
  "server",
  "x-request-id",
  "set-cookie",
]);

/** The type-only shape of a JSON value; array elements are merged into one shape. */
export function shapeOf(v: unknown): Shape {
  if (v === null || v === undefined) return "null";
  if (Array.isArray(v)) {
    const merged = v.reduce<Shape | undefined>((acc, x) => (acc === undefined ? shapeOf(x) : mergeShapes(acc, shapeOf(x))), undefined);
    return merged === undefined ? [] : [merged];
  }
  if (typeof v === "object") {
    const out: Record<string, Shape> = {};
    for (const k of Object.keys(v as object).sort()) out[k] = shapeOf((v as Record<string, unknown>)[k]);
    return out;
  }
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? typeof v : "string";
}

function isObjectShape(s: Shape): s is { [key: string]: Shape } {
  return typeof s === "object" && !Array.isArray(s);
}

/** One shape covering both (keys united; differing types joined as "a|b"). */
export function mergeShapes(a: Shape, b: Shape): Shape {
  if (isObjectShape(a) && isObjectShape(b)) {
    const out: Record<string, Shape> = {};
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      out[k] = k in a && k in b ? mergeShapes(a[k]!, b[k]!) : (a[k] ?? b[k])!;
    }
    return out;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length === 0) return b;
    if (b.length === 0) return a;
    return [mergeShapes(a[0]!, b[0]!)];
  }
  if (typeof a === "string" && typeof b === "string") return [...new Set([...a.split("|"), ...b.split("|")])].sort().join("|");
  if (a === "null") return b;
  if (b === "null") return a;
  return JSON.stringify(a) === JSON.stringify(b) ? a : `${describe(a)}|${describe(b)}`;
}

function describe(s: Shape): string {
  return typeof s === "string" ? s : Array.isArray(s) ? "array" : "object";
}

/** Replaces the account id, numeric and uuid-like segments, and bot ids by placeholders. */
export function pathTemplate(path: string, accountId: string): string {
  const parts = path.split("/");
  return parts
    .map((seg, i) => {
      const prev = parts[i - 1];
      if (seg === accountId) return "{account}";
      if (/^\d+$/.test(seg)) return "{id}";
      if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(seg)) return "{id}";
      if (prev === "status-v2" || prev === "start" || prev === "stop") return "{botId}";
      return seg;
    })
    .join("/");
}

/** A recorder: hand `observe` to the client (`onExchange`), set `check` before each check. */
export class TranscriptRecorder {
  check = "";
  readonly exchanges: TranscriptEntry[] = [];

  constructor(private readonly accountId: string) {}

  readonly observe = (x: Exchange): void => {
    const headers = Object.keys(x.headers)
      .map((h) => h.toLowerCase())
      .filter((h) => !VOLATILE_HEADERS.has(h))
      .sort();
    this.exchanges.push({
      check: this.check,
      method: x.method,
      path: pathTemplate(x.path, this.accountId),
      query: [...x.queryNames].sort(),
      status: x.status,
      headers,
      ...(x.body !== undefined ? { body: shapeOf(x.body) } : {}),
    });
  };

  transcript(): Transcript {
    return { format: TRANSCRIPT_FORMAT, exchanges: this.exchanges };
  }
}

/** What one request (method + path template) answered, merged over all its exchanges. */
interface Summary {
  statuses: Set<number>;
  headers: Set<string>;
  body?: Shape;
  query: Set<string>;
}

function summarize(t: Transcript): Map<string, Summary> {
  const out = new Map<string, Summary>();
  for (const x of t.exchanges) {
    const key = `${x.method} ${x.path}`;
    const s = out.get(key) ?? { statuses: new Set(), headers: new Set(), query: new Set() };
    s.statuses.add(x.status);
    x.headers.forEach((h) => s.headers.add(h));
    x.query.forEach((q) => s.query.add(q));
    if (x.body !== undefined) s.body = s.body === undefined ? x.body : mergeShapes(s.body, x.body);
    out.set(key, s);
  }
  return out;
}

function shapeDiff(expected: Shape | undefined, actual: Shape | undefined, at: string, out: string[]): void {
  if (expected === undefined && actual === undefined) return;
  if (expected === undefined || actual === undefined) {
    out.push(`${at || "body"}: ${expected === undefined ? "no body expected, got one" : "body expected, none came"}`);
    return;
  }
  if (isObjectShape(expected) && isObjectShape(actual)) {
    for (const k of Object.keys(expected)) {
      if (!(k in actual)) out.push(`${at}.${k}: missing (expected ${describe(expected[k]!)})`);
      else shapeDiff(expected[k], actual[k], `${at}.${k}`, out);
    }
    for (const k of Object.keys(actual)) if (!(k in expected)) out.push(`${at}.${k}: not expected (got ${describe(actual[k]!)})`);
    return;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length && actual.length) shapeDiff(expected[0], actual[0], `${at}[]`, out);
    return;
  }
  if (JSON.stringify(expected) !== JSON.stringify(actual))
    out.push(`${at || "body"}: expected ${describe(expected)}, got ${describe(actual)}`);
}

/**
 * Every difference between a recorded transcript (`expected`, e.g. a real account's) and another
 * (`actual`, e.g. the emulator's answers to the same checks): requests only one of them made,
 * statuses, header names, query names and body shapes. Empty when they agree.
 */
export function diffTranscripts(expected: Transcript, actual: Transcript): string[] {
  const e = summarize(expected);
  const a = summarize(actual);
  const out: string[] = [];
  const list = (s: Set<string | number>) => [...s].sort().join(", ") || "none";
  for (const [key, x] of e) {
    const y = a.get(key);
    if (!y) {
      out.push(`${key}: recorded, but not requested in the replay`);
      continue;
    }
    if (list(x.statuses) !== list(y.statuses)) out.push(`${key}: status ${list(x.statuses)} recorded, ${list(y.statuses)} in the replay`);
    const missing = [...x.headers].filter((h) => !y.headers.has(h));
    const extra = [...y.headers].filter((h) => !x.headers.has(h));
    if (missing.length) out.push(`${key}: header(s) ${missing.join(", ")} recorded, missing in the replay`);
    if (extra.length) out.push(`${key}: header(s) ${extra.join(", ")} in the replay, not recorded`);
    if (list(x.query) !== list(y.query)) out.push(`${key}: query ${list(x.query)} recorded, ${list(y.query)} in the replay`);
    const shapes: string[] = [];
    shapeDiff(x.body, y.body, "", shapes);
    for (const d of shapes) out.push(`${key}: ${d.replace(/^\./, "body.")}`);
  }
  for (const key of a.keys()) if (!e.has(key)) out.push(`${key}: requested in the replay, not recorded`);
  return out;
}

/** Parses a transcript file's text. @throws Error naming what is wrong. */
export function parseTranscript(text: string): Transcript {
  const t = JSON.parse(text) as Partial<Transcript>;
  if (t.format !== TRANSCRIPT_FORMAT || !Array.isArray(t.exchanges)) throw new Error(`not a ${TRANSCRIPT_FORMAT} transcript`);
  return t as Transcript;
}
