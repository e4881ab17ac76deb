/** The {@link ObjectApi} of an object in a flat Account Config collection (skills, users, campaigns). */
import type { Overlay } from "../../client";
import { numericId } from "../lifecycle";
import type { ObjectApi } from "../spec";

/** The client API of one collection, as skills, users and campaigns share it. */
interface CollectionClient<W> {
  get(id: number): Promise<W>;
  create(input: never): Promise<W>;
  merge(id: number, overlay: Overlay): Promise<W>;
  delete(id: number): Promise<void>;
}

/** `noun` names the id in messages; `find` looks the object up by the resource's identity. */
export function collectionApi<I, W extends { id: number }>(
  client: () => CollectionClient<W>, noun: string, find: (inputs: I) => Promise<W | undefined>,
): ObjectApi<I, W> {
  return {
    find,
    idOf: (w) => String(w.id),
    get: (id) => client().get(numericId(id, noun)),
    create: (body) => client().create(body as never),
    merge: (id, _inputs, overlay) => client().merge(numericId(id, noun), overlay),
    delete: (id) => client().delete(numericId(id, noun)),
  };
}
