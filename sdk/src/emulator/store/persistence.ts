// Durable state: the whole state is one JSON document written atomically (temp file, fsync,
// rename, fsync of the directory), so a kill -9 at any instant leaves either the previous or the
// new document on disk, never a torn one. Writes are coalesced: while one write is in flight,
// later mutations are batched into the next one. Callers wait with whenDurable() before they
// answer, so a 2xx is only ever sent for a state that is on disk.
import { promises as fs } from "fs";
import * as path from "path";

export const STATE_FILE = "state.json";
export const LOCK_FILE = "emulator.lock";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * One emulator per data dir: two writers would silently overwrite each other's state. The lock
 * holds the owner's pid; a lock left by a killed process (pid no longer alive) is taken over.
 * Returns the release function.
 */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await fs.open(file, "wx");
      await fh.writeFile(String(process.pid));
      await fh.close();
      return async () => {
        await fs.rm(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const owner = Number((await fs.readFile(file, "utf8").catch(() => "")).trim());
      if (Number.isInteger(owner) && owner > 0 && alive(owner)) {
        throw new Error(`${dir} is in use by another emulator (pid ${owner})`);
      }
      await fs.rm(file, { force: true });
    }
  }
  throw new Error(`could not lock ${dir}`);
}

export interface Persistence {
  /** Record that the in-memory state changed and must reach the disk. */
  markDirty(): void;
  /** Resolves once every change marked so far is durable. */
  whenDurable(): Promise<void>;
}

/** In-memory mode: nothing to write, everything is "durable" at once. */
export const memoryPersistence: Persistence = {
  markDirty() {},
  whenDurable: () => Promise.resolve(),
};

export async function readStateFile(dir: string): Promise<unknown | undefined> {
  try {
    return JSON.parse(await fs.readFile(path.join(dir, STATE_FILE), "utf8"));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}

export async function atomicWrite(dir: string, name: string, contents: string): Promise<void> {
  const target = path.join(dir, name);
  const tmp = path.join(dir, `.${name}.${process.pid}.tmp`);
  const fh = await fs.open(tmp, "w");
  try {
    await fh.writeFile(contents, "utf8");
    await fh.sync();
  } finally {
    await fh.close();
  }
  await fs.rename(tmp, target);
  // The rename itself is only durable once the directory entry is flushed.
  const dh = await fs.open(dir, "r");
  try {
    await dh.sync();
  } finally {
    await dh.close();
  }
}

export class FilePersistence implements Persistence {
  private dirtySeq = 0;
  private durableSeq = 0;
  private loop: Promise<void> | null = null;
  private waiters: { target: number; resolve: () => void; reject: (e: unknown) => void }[] = [];

  constructor(
    private readonly dir: string,
    private readonly snapshot: () => string,
  ) {}

  static async open(dir: string, snapshot: () => string): Promise<FilePersistence> {
    await fs.mkdir(dir, { recursive: true });
    return new FilePersistence(dir, snapshot);
  }

  markDirty(): void {
    this.dirtySeq++;
    if (!this.loop) this.loop = this.run();
  }

  whenDurable(): Promise<void> {
    const target = this.dirtySeq;
    if (this.durableSeq >= target) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ target, resolve, reject }));
  }

  private async run(): Promise<void> {
    try {
      while (this.durableSeq < this.dirtySeq) {
        const target = this.dirtySeq;
        // Serialised synchronously: the snapshot includes every mutation up to `target`.
        await atomicWrite(this.dir, STATE_FILE, this.snapshot());
        this.durableSeq = target;
        this.settle(
          (w) => w.target <= target,
          (w) => w.resolve(),
        );
      }
    } catch (err) {
      // The changes stay dirty (retried on the next write); whoever waits learns of the failure.
      this.settle(
        () => true,
        (w) => w.reject(err),
      );
    } finally {
      this.loop = null;
    }
  }

  private settle(pick: (w: FilePersistence["waiters"][number]) => boolean, act: (w: FilePersistence["waiters"][number]) => void) {
    const done = this.waiters.filter(pick);
    this.waiters = this.waiters.filter((w) => !pick(w));
    done.forEach(act);
  }
}
