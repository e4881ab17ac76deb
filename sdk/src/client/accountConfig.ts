/**
 * Generic Account Config collection CRUD with revisions (wire contract §3): reads from
 * `accountConfigReadOnly`, writes to `accountConfigReadWrite`, `If-Match` with the last seen
 * `ac-revision` (or -1 when none was seen), and on a 409 revision conflict a fresh re-read and a
 * bounded retry of the write.
 */
import { z } from "zod";
import type { ClientContext } from "./context";
import { ConflictError } from "./errors";
import { header, type HttpMethod, type HttpResponse } from "./http";

/** Describes one collection. */
export interface CollectionSpec<T> {
  /** Path under `/api/account/{a}/configuration/`, e.g. `le-users/skills`. */
  path: string;
  /** The `v` sent. */
  version: string;
  schema: z.ZodType<T>;
  /** Key of the revision counter; defaults to `path`. */
  revisionKey?: string;
  /**
   * Key of the write lane (see `writeLanes` below); defaults to the revision
   * key. Collections whose writes bump another collection's revision share that one's lane.
   */
  writeLane?: string;
}

/**
 * Conditional writes (`If-Match`) of one client, one at a time per lane, in call order. Every write
 * bumps the collection's revision, so parallel conditional writes to one collection (a destroy of
 * many bot agents) would refuse each other with 409 and burn the conflict retries — extra calls,
 * and a failed destroy once the retries run out (issue #7). In a lane each write is sent with the
 * revision the previous one returned.
 */
const writeLanes = new WeakMap<ClientContext, Map<string, Promise<unknown>>>();

/** Options of reads. */
export interface ReadOptions {
  /** Also return soft-deleted items. */
  includeDeleted?: boolean;
  /** Read from the read-write host (no replica lag), as re-reads after writes do. */
  fresh?: boolean;
}

/** Options of creates. */
export interface CreateOptions<T> {
  /**
   * Consulted after an ambiguous failure (5xx, timeout, reset after sending) before re-POSTing:
   * returns the object if the earlier POST took effect.
   */
  findExisting?: () => Promise<T | undefined>;
}

/** A new body, or a function of the freshly read object that returns one (re-run after conflicts). */
export type Change<T, In> = In | ((current: T) => In);

/** An item exactly as the server sent it: every field, whether this client knows it or not. */
export type LiveObject = Readonly<Record<string, unknown>>;

/**
 * The fields to write over a live item (see `merge`). Re-run on the re-read item after a conflict.
 * `undefined` values are left out: the live value stays.
 */
export type Overlay = (live: LiveObject) => Record<string, unknown> | Promise<Record<string, unknown>>;

const liveObjectSchema = z.record(z.string(), z.unknown());

const REVISION_CONFLICT = "revision-conflict";

/**
 * The pause before the re-read after the n-th revision conflict (0-based): a random wait ("full
 * jitter") over a window that doubles from 100 ms to 3.2 s. Writers in other processes — parallel
 * stacks deploying into one account — that collided on a collection's revision are spread out
 * instead of re-reading and colliding again in lockstep: with 10 stacks destroying at once, three
 * immediate rounds left some of them failing (issue #19).
 */
export function conflictDelayMs(round: number, random: () => number = Math.random): number {
  return Math.round(random() * Math.min(3_200, 100 * 2 ** round));
}

/** CRUD on one Account Config collection. */
export class AccountConfigCollection<T, In> {
  constructor(
    private readonly ctx: ClientContext,
    private readonly spec: CollectionSpec<T>,
    private readonly toBody: (input: In, id?: number) => unknown,
  ) {}

  /** Last `ac-revision` seen for the collection, if any. */
  get revision(): string | undefined {
    return this.ctx.revisions.get(this.spec.revisionKey ?? this.spec.path);
  }

  /** All items (`select=$all`). */
  list(options: ReadOptions = {}): Promise<T[]> {
    return this.call("GET", "", {
      fresh: options.fresh,
      query: { select: "$all", ...deletedParam(options) },
      parse: z.array(this.spec.schema),
    });
  }

  /** One item. @throws NotFoundError when unknown or deleted (unless `includeDeleted`). */
  get(id: number, options: ReadOptions = {}): Promise<T> {
    return this.call("GET", `/${id}`, { fresh: options.fresh, query: deletedParam(options), parse: this.spec.schema });
  }

  /** Creates one item (201). Ambiguous failures consult `findExisting` instead of re-POSTing blindly. */
  create(input: In, options: CreateOptions<T> = {}): Promise<T> {
    return this.call("POST", "", { write: true, json: this.toBody(input), parse: this.spec.schema, findExisting: options.findExisting });
  }

  /**
   * Replaces an item (PUT is a full replace: omitted fields are cleared). On a revision conflict
   * the item is re-read and the write retried, at most `conflictRetries` times.
   */
  update(id: number, change: Change<T, In>): Promise<T> {
    return this.inWriteLane(() => this.updateNow(id, change));
  }

  private async updateNow(id: number, change: Change<T, In>): Promise<T> {
    let current: T | undefined;
    if (typeof change === "function") current = await this.get(id, { fresh: true });
    return this.withConflictRetry(
      async () => {
        const input = typeof change === "function" ? (change as (c: T) => In)(current!) : change;
        return this.call("PUT", `/${id}`, { write: true, ifMatch: true, json: this.toBody(input, id), parse: this.spec.schema });
      },
      async () => {
        current = await this.get(id, { fresh: true });
      },
    );
  }

  /**
   * Read-modify-write, the only safe update where PUT replaces the whole object: reads the item as
   * the server sends it (fields this client does not model included), writes it back with the
   * fields of `overlay` replaced, and `If-Match` of *that* read — not the last revision this client
   * saw, which a parallel read may have moved past a hand edit. A write in between (a person in the
   * UI) is a revision conflict: the item is read again and the overlay applied to the new state, at
   * most `conflictRetries` times. Fields the overlay does not name keep their live values.
   * @throws NotFoundError when the item is gone.
   */
  merge(id: number, overlay: Overlay): Promise<T> {
    return this.inWriteLane(async () => {
      let live = await this.readLive(id);
      return this.withConflictRetry(
        async () =>
          this.call("PUT", `/${id}`, {
            write: true,
            ifMatch: live.revision ?? true,
            json: overlaid(live.item, await overlay(live.item)),
            parse: this.spec.schema,
          }),
        async () => {
          live = await this.readLive(id);
        },
      );
    });
  }

  /** One item as sent (unparsed but an object), with the revision of that very response. */
  private async readLive(id: number): Promise<{ item: LiveObject; revision?: string }> {
    const seen: { revision?: string } = {};
    const item = await this.call("GET", `/${id}`, { fresh: true, parse: liveObjectSchema, seen });
    return { item, revision: seen.revision };
  }

  /** Soft-deletes an item. @throws NotFoundError when already gone. */
  async delete(id: number): Promise<void> {
    await this.inWriteLane(() =>
      this.withConflictRetry(
        () => this.call("DELETE", `/${id}`, { write: true, ifMatch: true, parse: z.unknown() }),
        async () => {
          await this.get(id, { fresh: true });
        },
      ),
    );
  }

  /** Soft-deletes several items in one call (skills, users). */
  async deleteMany(ids: number[]): Promise<void> {
    await this.inWriteLane(() =>
      this.withConflictRetry(
        () => this.call("DELETE", "", { write: true, ifMatch: true, json: ids.map(String), parse: z.unknown() }),
        async () => {
          await this.list({ fresh: true });
        },
      ),
    );
  }

  /** Runs a conditional write after the earlier ones of its lane (see `writeLanes`). */
  private inWriteLane<R>(write: () => Promise<R>): Promise<R> {
    let lanes = writeLanes.get(this.ctx);
    if (!lanes) writeLanes.set(this.ctx, (lanes = new Map()));
    const key = this.spec.writeLane ?? this.spec.revisionKey ?? this.spec.path;
    const run = (lanes.get(key) ?? Promise.resolve()).then(write);
    lanes.set(
      key,
      run.catch(() => undefined),
    );
    return run;
  }

  private async withConflictRetry<R>(write: () => Promise<R>, reread: () => Promise<void>): Promise<R> {
    for (let round = 0; ; round++) {
      try {
        return await write();
      } catch (e) {
        if (!(e instanceof ConflictError) || e.apiCode !== REVISION_CONFLICT || round >= this.ctx.conflictRetries) throw e;
        await new Promise((resolve) => setTimeout(resolve, conflictDelayMs(round)));
        // The re-read records the current revision, so the next write's If-Match is up to date.
        await reread();
      }
    }
  }

  private async call<R>(
    method: HttpMethod,
    suffix: string,
    o: {
      write?: boolean;
      fresh?: boolean;
      /** true: the last revision seen for the collection; a string: exactly that revision. */
      ifMatch?: boolean | string;
      /** Receives the revision of this response. */
      seen?: { revision?: string };
      query?: Record<string, string | undefined>;
      json?: unknown;
      parse: z.ZodType<R>;
      findExisting?: () => Promise<R | undefined>;
    },
  ): Promise<R> {
    const ctx = this.ctx;
    const origin = await ctx.domain.origin(o.write || o.fresh ? "accountConfigReadWrite" : "accountConfigReadOnly");
    const key = this.spec.revisionKey ?? this.spec.path;
    return ctx.http.send({
      method,
      origin,
      path: `/api/account/${encodeURIComponent(ctx.creds.accountId)}/configuration/${this.spec.path}${suffix}`,
      query: { v: this.spec.version, ...o.query },
      // Read at send time, so a retry after a conflict re-read uses the new revision.
      headers:
        typeof o.ifMatch === "string" ? { "if-match": o.ifMatch } : o.ifMatch ? { "if-match": ctx.revisions.get(key) ?? "-1" } : undefined,
      json: o.json,
      auth: ctx.lpAuth,
      findExisting: o.findExisting,
      parse: (res: HttpResponse) => {
        const rev = header(res, "ac-revision") ?? header(res, "etag");
        if (rev !== undefined) ctx.revisions.set(key, rev.replace(/"/g, ""));
        if (o.seen && rev !== undefined) o.seen.revision = rev.replace(/"/g, "");
        return o.parse.parse(res.body);
      },
    });
  }
}

/** `live` with `changes` written over it; undefined changes keep the live value. */
function overlaid(live: LiveObject, changes: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...live };
  for (const [k, v] of Object.entries(changes)) if (v !== undefined) out[k] = v;
  return out;
}

function deletedParam(options: ReadOptions): Record<string, string | undefined> {
  return { include_deleted: options.includeDeleted ? "true" : undefined };
}
