/**
 * Rolling restarts without a dependency chain (issue #18).
 *
 * Why not `dependsOn`: the engine has no "depends on, but only for replacements". A chain
 * connector-2 → connector-1 makes a replacement one at a time, but it also makes the first deploy
 * one at a time (N × the connect delay), when nothing is serving yet and there is nothing to protect.
 *
 * So the connectors of one deployment carry no dependency on each other — the engine creates them
 * all at once — and the provider process (one per `pulumi` run, shared by every connector) takes
 * turns instead: a *restart* of a serving connector holds its deployment's turn from the stop until
 * the replacement reports Connected; the next restart of that deployment waits for the turn.
 * A restart is told apart from a birth or a removal by `diff`: only a connector whose diff decided a
 * replacement in this process takes a turn when it is deleted, and only the create that follows it
 * (the same deployment member) gives the turn back. Creates of new connectors and deletes without a
 * replacement (destroy, fewer agents) never wait.
 *
 * The engine runs a delete-before-replace as one chain (delete, then create of the same resource),
 * so the create follows its delete at once; if it never comes (the run was cancelled), the turn is
 * given back after {@link HANDOFF_MS} so no other restart waits forever.
 */

/** Which deployment a connector belongs to, and which member it is (stable across renames). */
export interface RolloutTurn {
  group: string;
  member: string;
}

/** How long a turn stays held between a restart's delete and its create before it is given back. */
export const HANDOFF_MS = 30_000;

interface GroupState {
  /** The member holding the turn (stopping or starting), if any. */
  holder?: string;
  /** Ends when the holder gives the turn back. */
  released: Promise<void>;
  release?: () => void;
  handoffTimer?: NodeJS.Timeout;
}

/**
 * Shared by every copy of this module in the process: the engine may load the connector provider
 * more than once (one serialized text per program version), and the turns must be the same.
 */
const REGISTRY = Symbol.for("pulumi-liveengage.rolloutGate");
interface Registry {
  groups: Map<string, GroupState>;
  /** Pulumi id of a connector whose diff decided a replacement → its turn. */
  restarting: Map<string, RolloutTurn>;
}
function registry(): Registry {
  const g = globalThis as unknown as Record<symbol, Registry | undefined>;
  return (g[REGISTRY] ??= { groups: new Map(), restarting: new Map() });
}

/** Called by `diff` when it decides to replace connector `id`: its delete will take a turn. */
export function bookRestart(id: string, turn: RolloutTurn | undefined): void {
  if (turn) registry().restarting.set(id, turn);
}

/**
 * Deletes connector `id`. If its diff booked a restart, the delete first waits for its deployment's
 * turn and keeps it (the replacement's create gives it back); a failed delete gives it back at once.
 */
export async function deleteInTurn(id: string, remove: () => Promise<void>): Promise<void> {
  const turn = registry().restarting.get(id);
  if (!turn) return remove();
  registry().restarting.delete(id);
  await acquire(turn);
  try {
    await remove();
  } catch (e) {
    release(turn);
    throw e;
  }
  const state = registry().groups.get(turn.group)!;
  state.handoffTimer = setTimeout(() => release(turn), HANDOFF_MS);
  state.handoffTimer.unref();
}

/**
 * Creates a connector. The replacement of a restart (its member holds the turn) gives the turn back
 * when it is done — Connected, or failed; any other create runs at once, alongside the others.
 */
export async function createInTurn<T>(turn: RolloutTurn | undefined, create: () => Promise<T>): Promise<T> {
  const state = turn && registry().groups.get(turn.group);
  if (!turn || state?.holder !== turn.member) return create();
  clearTimeout(state.handoffTimer);
  try {
    return await create();
  } finally {
    release(turn);
  }
}

async function acquire(turn: RolloutTurn): Promise<void> {
  const groups = registry().groups;
  for (;;) {
    const state = groups.get(turn.group);
    if (!state?.holder) break;
    await state.released;
  }
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  groups.set(turn.group, { holder: turn.member, released, release });
}

function release(turn: RolloutTurn): void {
  const state = registry().groups.get(turn.group);
  if (!state || state.holder !== turn.member) return;
  clearTimeout(state.handoffTimer);
  state.holder = undefined;
  state.release?.();
}

/** @internal For tests. */
export function resetRolloutGate(): void {
  const r = registry();
  for (const s of r.groups.values()) clearTimeout(s.handoffTimer);
  r.groups.clear();
  r.restarting.clear();
}
