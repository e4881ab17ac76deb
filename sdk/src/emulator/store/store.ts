// The store: owns the state, applies mutations atomically (all checks happen before the first
// change, and JS runs each mutation to completion), bumps revisions, records connector status
// transitions and hands changes to the persistence layer. Routes never touch the state directly
// for writes; they go through mutate().
import { SECRET_FLAG_KEYS } from "../../model/flags";
import { SECRET_MASK } from "../../model/secretMask";
import { computeStatus, type ComputedStatus } from "../status";
import { applySeedAccount, initialState, seedSchema, type BaseSeed, type SeedInput } from "../seed";
import type { Persistence } from "./persistence";
import { COLLECTIONS, type AccountState, type CollectionName, type Connector, type EmulatorState } from "./state";

export interface StoreOptions {
  persistence: Persistence;
  connectDelayMs: number;
  base: BaseSeed;
  seed?: SeedInput;
  now?: () => number;
}

/** What a read shows in place of a secret (the model's mask). */
export const MASK = SECRET_MASK;
/** Configuration flags whose values are secrets (docs/wire-contract.md §5): the model's secret flags. */
export const SECRET_FLAGS: ReadonlySet<string> = new Set(SECRET_FLAG_KEYS);

export function maskConfigurations(cfg: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(cfg)) out[k] = SECRET_FLAGS.has(k) ? MASK : v;
  return out;
}

export class Store {
  readonly now: () => number;
  /** Connect-delay timers, one per (account, due time), so repeated refreshes do not pile up. */
  private timers = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(
    public state: EmulatorState,
    private readonly opts: StoreOptions,
  ) {
    this.now = opts.now ?? Date.now;
    // A restarted emulator resumes: connectors still inside their connect delay get their timer.
    for (const acc of Object.values(state.accounts)) this.refreshStatuses(acc);
  }

  get connectDelayMs(): number {
    return this.opts.connectDelayMs;
  }

  account(id: string): AccountState | undefined {
    return Object.prototype.hasOwnProperty.call(this.state.accounts, id) ? this.state.accounts[id] : undefined;
  }

  newId(): number {
    return this.state.nextId++;
  }

  bump(acc: AccountState, coll: CollectionName): number {
    return ++acc.revisions[coll];
  }

  /**
   * Run one mutation of an account. `fn` must do all its checks before its first change (it may
   * throw an ApiError before that). Afterwards status transitions are recorded and the change is
   * queued for disk; the server answers only after whenDurable().
   */
  mutate<T>(acc: AccountState, fn: (acc: AccountState) => T): T {
    const out = fn(acc);
    this.refreshStatuses(acc);
    this.opts.persistence.markDirty();
    return out;
  }

  whenDurable(): Promise<void> {
    return this.opts.persistence.whenDurable();
  }

  status(acc: AccountState, c: Connector): ComputedStatus {
    return computeStatus(acc, c, this.now(), this.opts.connectDelayMs);
  }

  /** Append a history entry for every connector whose status or reasons changed. Returns true if any did. */
  refreshStatuses(acc: AccountState): boolean {
    let changed = false;
    for (const [key, c] of Object.entries(acc.connectors)) {
      const s = this.status(acc, c);
      const hist = (acc.statusHistory[key] ??= []);
      const last = hist[hist.length - 1];
      if (!last || last.status !== s.status || last.reasons.join("\n") !== s.reasons.join("\n")) {
        hist.push({ status: s.status, reasons: s.reasons, at: new Date(this.now()).toISOString() });
        changed = true;
      }
      if (s.connectsAt !== undefined) this.scheduleAt(s.connectsAt, acc.accountId);
    }
    return changed;
  }

  private scheduleAt(at: number, accountId: string): void {
    const key = `${accountId}@${at}`;
    if (this.closed || this.timers.has(key)) return;
    const t = setTimeout(
      () => {
        this.timers.delete(key);
        const acc = this.account(accountId);
        if (acc && this.refreshStatuses(acc)) this.opts.persistence.markDirty();
      },
      Math.max(0, at - this.now()) + 1,
    );
    t.unref();
    this.timers.set(key, t);
  }

  /** Back to the startup seed; revisions and ids keep growing so nothing ever goes backwards. */
  reset(): void {
    const fresh = initialState(this.opts.base, this.opts.seed);
    fresh.nextId = Math.max(fresh.nextId, this.state.nextId);
    for (const [id, acc] of Object.entries(fresh.accounts)) {
      const old = this.state.accounts[id];
      if (!old) continue;
      for (const c of COLLECTIONS) acc.revisions[c] = Math.max(acc.revisions[c], old.revisions[c] + 1);
    }
    this.state = fresh;
    this.opts.persistence.markDirty();
  }

  /** Throws Error(message) on invalid or conflicting input, before any change. */
  seed(input: unknown): string[] {
    const parsed = seedSchema.parse(input);
    // Validate everything on a copy first, so a failing seed changes nothing.
    const trial: EmulatorState = JSON.parse(JSON.stringify(this.state));
    for (const a of parsed.accounts) applySeedAccount(trial, a);
    for (const a of parsed.accounts) {
      const { changed } = applySeedAccount(this.state, a);
      const acc = this.state.accounts[a.accountId];
      for (const c of changed) this.bump(acc, c);
      this.refreshStatuses(acc);
    }
    this.opts.persistence.markDirty();
    return parsed.accounts.map((a) => a.accountId);
  }

  /** The state with every secret masked (for /_emulator/state). */
  dump(accountId?: string): unknown {
    const accounts: Record<string, unknown> = {};
    for (const [id, acc] of Object.entries(this.state.accounts)) {
      if (accountId !== undefined && id !== accountId) continue;
      // eslint-disable-next-line @typescript-eslint/no-unused-vars
      const { userSecrets, secretKey, ...rest } = acc;
      accounts[id] = {
        ...rest,
        users: Object.fromEntries(
          Object.entries(acc.users).map(([uid, u]) => [uid, { ...u, passwordSh: userSecrets[uid]?.passwordDigest ? MASK : null }]),
        ),
        appKeys: acc.appKeys.map((k) => ({ ...k, secret: MASK, accessTokenSecret: MASK })),
        oauthClients: acc.oauthClients.map((c) => ({ clientId: c.clientId, clientSecret: MASK })),
        connectors: Object.fromEntries(
          Object.entries(acc.connectors).map(([k, c]) => [
            k,
            {
              ...c,
              configurations: maskConfigurations(c.configurations),
              running: c.running
                ? {
                    ...c.running,
                    snapshot: { ...c.running.snapshot, configurations: maskConfigurations(c.running.snapshot.configurations) },
                  }
                : null,
            },
          ]),
        ),
      };
    }
    return { nextId: this.state.nextId, accounts };
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
