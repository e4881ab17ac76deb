/**
 * What one resource is, declared once: its input schema, how diff treats each key, which outputs
 * are not inputs, how it reaches LiveEngage, and how its inputs map to and from the wire. The
 * provider factory (factory.ts) builds the whole check/diff/create/read/update/delete lifecycle
 * from it, so every resource gets the same rules — above all read-modify-write: an update or an
 * adopt changes the fields the program declares and nothing else.
 */
import type { z } from "zod";
import type { LiveObject } from "../client";
import type { PreflightFailure } from "./preflight";

/** Outputs (state) or checked inputs, as the engine hands them over. */
export type Props = Record<string, unknown>;

/** What `toWire` is building. */
export interface WireContext {
  /** The live object an update or adopt writes over; absent for a create (the body is the whole object). */
  live?: LiveObject;
  /** The old outputs of an update; absent for a create or an adopt. */
  olds?: Props;
}

/** How a resource reaches its LiveEngage objects. `W` is the object as the client reads it. */
export interface ObjectApi<I, W> {
  /** The existing object `adopt` takes over (and a create would collide with), by the resource's identity. */
  find(inputs: I): Promise<W | undefined>;
  /**
   * LiveEngage itself accepts a second object with this identity, so the provider refuses it: create
   * always looks for an existing one (not only when adopting).
   */
  refusesDuplicates?: boolean;
  /**
   * An existing object with this identity can only be this resource's own, left by a run that was
   * interrupted before recording it (or by a hand edit of it): create takes it over as `adopt` would,
   * with a warning, so a re-run converges without `adopt` and without editing the program.
   */
  createTakesOver?: boolean;
  /**
   * The existing object a create would take over, looked for as cheaply as a preview must: from
   * listings cached per provider process, and with no read at all where it cannot exist yet (its
   * owner is created by this run). Preview warns with what taking it over changes. Without it,
   * preview looks with `find`, and only for `adopt: true`.
   */
  findAtPreview?(inputs: I): Promise<W | undefined>;
  /** The Pulumi id of an object. */
  idOf(wire: W): string;
  /**
   * The object. `null` (or a NotFoundError): it is gone. `undefined`: it cannot be read from these
   * props (kept as is).
   */
  get(id: string, props: Props): Promise<W | null | undefined>;
  /** Not needed when `lifecycle.create` is given. */
  create?(body: Record<string, unknown>, inputs: I): Promise<W>;
  /**
   * Read-modify-write of one object (client `merge`): `overlay` gives the declared fields over the
   * live object. Not needed when `lifecycle.adopt` and `lifecycle.update` are given.
   */
  merge?(id: string, inputs: I, overlay: (live: LiveObject) => Promise<Record<string, unknown>>): Promise<W>;
  delete(id: string, props: Props): Promise<void>;
}

/** The declaration of one resource; see the README's "Bringing existing objects under code". */
export interface ResourceSpec<I extends Props, W> {
  /** The Pulumi type name ("Skill") and the noun of messages ("skill"). */
  type: string;
  noun: string;
  schema: z.ZodType<I>;
  /** Warnings about valid inputs (printed by check). */
  warnings?: (inputs: I) => string[];
  /** Inputs holding secrets: check never lets the engine echo their values. */
  secretInputs?: readonly string[];
  /** Top-level inputs whose change replaces the object. */
  replaceOnChange: readonly string[];
  /** Top-level array inputs compared as sets (order ignored). */
  sets?: readonly string[];
  /** Outputs that are not inputs: never compared, never handed back as inputs. */
  outputOnly: readonly string[];
  /**
   * Inputs that steer only the provider (how long it waits), never the object: diff ignores them,
   * so changing one (or its default, across releases) announces no change that would not happen.
   * Create and update always run with the program's current value.
   */
  providerOnly?: readonly string[];
  /** Delete the old object before creating its replacement (unique names, one-to-one bindings). */
  deleteBeforeReplace?: boolean;
  /** Inputs that identify the object for adopt (all must be known to look it up at preview). */
  identity: readonly string[];
  /** Write-only inputs (a password): outputs keep the declared value (LiveEngage cannot return it). */
  writeOnly?: readonly string[];
  /** Inputs whose values an adopt preview names but never shows (secrets). */
  neverShown?: readonly string[];
  /** Inputs always in outputs, declared or not, so drift in them shows (a connector's flags). */
  alwaysOutput?: readonly string[];
  /** The form olds and news are compared in by diff, when it is not the props themselves. */
  comparedAs?(olds: Props, news: Props): [Props, Props];
  /** At preview, what only the account can tell (name taken, referenced object missing). */
  preflight?(olds: unknown, news: Props, inputs: Props): Promise<PreflightFailure[]>;
  api: ObjectApi<I, W>;
  /**
   * The declared fields in wire shape: the whole body of a create, the overlay of an update or an
   * adopt (then fields left undefined keep their live value).
   */
  toWire(inputs: I, ctx: WireContext): Promise<Record<string, unknown>>;
  /** The object in input shape, every modelled field (outputs pick the declared ones). */
  fromWire(wire: W, declaredFrom: Props): Promise<Props>;
  /** Output-only values (the keys of `outputOnly`). */
  outputsOnly?(wire: W, view: Props): Props;
  /** Why an existing object cannot be adopted, if it cannot. */
  refuseAdopt?(wire: W, inputs: I): string | undefined;
  /** A line added to the adopt preview (a connector restarts). */
  adoptNote?(wire: W, inputs: I): string | undefined;
  /**
   * Lifecycle steps a resource does differently (the connector starts, stops and waits); the
   * factory's generic step is used for every one not given.
   */
  lifecycle?: {
    create?(inputs: I): Promise<W>;
    adopt?(existing: W, inputs: I): Promise<W>;
    update?(id: string, olds: Props, news: I): Promise<W>;
    delete?(id: string, props: Props): Promise<void>;
  };
}
