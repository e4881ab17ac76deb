/** The {@link ObjectApi} of an object in a flat Account Config collection (skills, users, campaigns). */
import { ValidationError, type Overlay } from "../../client";
import { numericId } from "../lifecycle";
import { rememberCreated } from "../preflight";
import type { ObjectApi } from "../spec";

/** The client API of one collection, as skills, users and campaigns share it. */
interface CollectionClient<W> {
  get(id: number): Promise<W>;
  create(input: never): Promise<W>;
  merge(id: number, overlay: Overlay): Promise<W>;
  delete(id: number): Promise<void>;
}

/**
 * `noun` names the id in messages; `find` looks the object up by the resource's identity.
 * `refusedDelete` words LiveEngage's refusal (400) to delete an object something still needs,
 * with the way out; undefined keeps the API's error.
 */
export function collectionApi<I, W extends { id: number }>(
  client: () => CollectionClient<W>,
  noun: string,
  find: (inputs: I) => Promise<W | undefined>,
  refusedDelete?: (id: string, refusal: ValidationError) => string | undefined,
): ObjectApi<I, W> {
  return {
    find,
    idOf: (w) => String(w.id),
    get: (id) => client().get(numericId(id, noun)),
    async create(body) {
      const created = await client().create(body as never);
      rememberCreated(noun, String(created.id));
      return created;
    },
    merge: (id, _inputs, overlay) => client().merge(numericId(id, noun), overlay),
    async delete(id) {
      try {
        await client().delete(numericId(id, noun));
      } catch (e) {
        const explained = e instanceof ValidationError ? refusedDelete?.(id, e) : undefined;
        if (explained !== undefined) throw new Error(explained, { cause: e });
        throw e;
      }
    },
  };
}
