// Fault injection (latency, 5xx, 429 with Retry-After, connection reset) and the request
// bookkeeping (counters per route pattern, request log). Both are in memory only and never touch
// the API state, so /_emulator calls have no side effects on the API.
import { z } from "zod";

export const faultRuleSchema = z.strictObject({
  match: z.strictObject({ method: z.string().min(1).optional(), route: z.string().min(1).optional() }).optional(),
  kind: z.enum(["latency", "error", "429", "reset"]),
  status: z.number().int().min(500).max(599).optional(),
  latencyMs: z.number().int().min(0).max(120_000).optional(),
  retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
  /** Apply to the next N matching calls, then the rule is spent. Absent = every matching call. */
  count: z.number().int().min(1).optional(),
  /** Apply to this fraction of matching calls (0..1). Absent = all. */
  rate: z.number().min(0).max(1).optional(),
});
export type FaultRuleInput = z.infer<typeof faultRuleSchema>;
export interface FaultRule extends FaultRuleInput {
  id: number;
  remaining: number | null;
  hits: number;
}

export interface FaultDecision {
  latencyMs: number;
  action?: FaultRule;
}

function matches(rule: FaultRule, method: string, route: string): boolean {
  const m = rule.match;
  if (!m) return true;
  if (m.method && m.method.toUpperCase() !== method.toUpperCase()) return false;
  if (m.route) {
    // Exact route pattern (as /_emulator/counters shows it), or a prefix when it ends with "*".
    if (m.route.endsWith("*") ? !route.startsWith(m.route.slice(0, -1)) : m.route !== route) return false;
  }
  return true;
}

export class Faults {
  private rules: FaultRule[] = [];
  private nextId = 1;

  constructor(private readonly random: () => number = Math.random) {}

  add(input: FaultRuleInput): FaultRule {
    const rule: FaultRule = { ...input, id: this.nextId++, remaining: input.count ?? null, hits: 0 };
    this.rules.push(rule);
    return rule;
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  clear(): void {
    this.rules = [];
  }

  /** Latency rules add up; the first matching non-latency rule decides the outcome. */
  decide(method: string, route: string): FaultDecision {
    const out: FaultDecision = { latencyMs: 0 };
    for (const rule of this.rules) {
      if (!matches(rule, method, route)) continue;
      if (rule.kind !== "latency" && out.action) continue;
      if (rule.rate !== undefined && this.random() >= rule.rate) continue;
      rule.hits++;
      if (rule.remaining !== null) rule.remaining--;
      if (rule.kind === "latency") out.latencyMs += rule.latencyMs ?? 1000;
      else out.action = rule;
    }
    this.rules = this.rules.filter((r) => r.remaining === null || r.remaining > 0);
    return out;
  }
}

export interface RequestLogEntry {
  seq: number;
  time: string;
  method: string;
  route: string;
  url: string;
  status: number;
  account: string | null;
}

const LOG_LIMIT = 10_000;

export class RequestBook {
  private counts = new Map<string, number>();
  private log: RequestLogEntry[] = [];
  private seq = 0;

  record(e: Omit<RequestLogEntry, "seq" | "time">): void {
    const key = `${e.method} ${e.route}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.log.push({ seq: ++this.seq, time: new Date().toISOString(), ...e });
    if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
  }

  counters(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  requests(since = 0): RequestLogEntry[] {
    return this.log.filter((e) => e.seq > since);
  }

  clearCounters(): void {
    this.counts.clear();
  }

  /** Sequence numbers keep growing after a clear, so `since` stays meaningful. */
  clearRequests(): void {
    this.log = [];
  }
}
