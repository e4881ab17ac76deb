/**
 * `check` for every resource: parse inputs with a schema, map zod issues to Pulumi CheckFailures,
 * collect warnings. Reasons name the property and the fix and never contain an input value (inputs
 * may be secrets; the engine prints reasons verbatim).
 */
import { z } from "zod";
import { suggest } from "../model/suggest";
import { FLAG_KEYS, isFlagKey } from "./flags";
import { PROPERTY } from "./schemas/common";

/** A Pulumi CheckFailure. */
export interface CheckFailure {
  property: string;
  reason: string;
}

/** The result of {@link checkInputs}: `inputs` only when there are no failures. */
export interface CheckOutcome<T> {
  inputs?: T;
  failures: CheckFailure[];
  warnings: string[];
}

/** Options of {@link checkInputs}. */
export interface CheckOptions<T> {
  /** Warnings about valid inputs (returned separately from failures; the provider logs them). */
  warnings?: (inputs: T) => ReadonlyArray<string | undefined>;
}

/**
 * Pulumi's marker for a value not known yet (preview with computed inputs); the dynamic-provider shim
 * passes it to `check` as this string. @internal
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * Validates and normalizes `news` against `schema`.
 *
 * `__provider` (added by the dynamic-provider shim, which puts it back itself) is removed first.
 * Failures at inputs that are still unknown (preview) are dropped; if only those failed, the raw
 * inputs are returned, since nothing can be normalized yet.
 */
export function checkInputs<S extends z.ZodType>(
  schema: S,
  news: unknown,
  opts: CheckOptions<z.output<S>> = {},
): CheckOutcome<z.output<S>> {
  const input = stripProvider(news);
  const result = schema.safeParse(input, { error: fallbackMessage });
  if (result.success) {
    const warnings = (opts.warnings?.(result.data) ?? []).filter((w): w is string => typeof w === "string");
    return { inputs: result.data, failures: [], warnings };
  }
  const failures = dedupe(result.error.issues.flatMap((issue) => toFailures(schema, issue))).filter((f) => !isUnknownAt(input, f.property));
  if (failures.length === 0) return { inputs: input as z.output<S>, failures: [], warnings: [] };
  return { failures, warnings: [] };
}

function stripProvider(news: unknown): unknown {
  if (typeof news !== "object" || news === null || Array.isArray(news)) return news;
  const { __provider: _ignored, ...rest } = news as Record<string, unknown>;
  return rest;
}

function toFailures(schema: z.ZodType, issue: z.core.$ZodIssue): CheckFailure[] {
  const path = issue.path.map(String);
  if (issue.code === "unrecognized_keys") {
    const known = knownKeysAt(schema, path);
    return issue.keys.map((key) => {
      const property = [...path, key].join(".");
      const guess = suggest(key, known);
      const hint = guess !== undefined ? `did you mean '${[...path, guess].join(".")}'?` : "remove it";
      return { property, reason: `unknown property '${property}'; ${hint}` };
    });
  }
  const property = path.join(".");
  const name = property === "" ? "inputs" : property;
  return [{ property, reason: issue.message.split(PROPERTY).join(name) }];
}

/** Messages for issues a schema did not word itself; built from the issue's code, never its input. */
function fallbackMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.expected === "object" ? `${PROPERTY} must be an object` : `${PROPERTY} must be of type ${issue.expected}`;
    case "invalid_value":
      return `${PROPERTY} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "too_small":
      return `${PROPERTY} is too small or too short (minimum ${String(issue.minimum)})`;
    case "too_big":
      return `${PROPERTY} is too large or too long (maximum ${String(issue.maximum)})`;
    case "invalid_format":
      return `${PROPERTY} must be a valid ${issue.format}`;
    default:
      return `${PROPERTY} is invalid`;
  }
}

function dedupe(failures: CheckFailure[]): CheckFailure[] {
  const seen = new Set<string>();
  return failures.filter((f) => {
    const key = `${f.property}\u0000${f.reason}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

function isUnknownAt(input: unknown, property: string): boolean {
  let node: unknown = input;
  for (const step of property === "" ? [] : property.split(".")) {
    if (node === UNKNOWN) return true;
    if (typeof node !== "object" || node === null) return false;
    node = (node as Record<string, unknown>)[step];
  }
  return node === UNKNOWN;
}

/** The keys an object schema accepts at `path`, unwrapping optional/default/pipe wrappers. @internal */
export function knownKeysAt(schema: z.ZodType, path: readonly string[]): string[] {
  let node: z.core.$ZodType | undefined = unwrap(schema);
  for (const step of path) {
    const def = node?._zod.def as unknown as Record<string, unknown> | undefined;
    if (def?.type === "object") node = unwrap((def.shape as Record<string, z.core.$ZodType>)[step]);
    else if (def?.type === "record") node = unwrap(def.valueType as z.core.$ZodType);
    else if (def?.type === "array") node = unwrap(def.element as z.core.$ZodType);
    else return [];
  }
  const def = node?._zod.def as unknown as Record<string, unknown> | undefined;
  return def?.type === "object" ? Object.keys(def.shape as object) : [];
}

function unwrap(schema: z.core.$ZodType | undefined): z.core.$ZodType | undefined {
  let node = schema;
  for (let i = 0; node !== undefined && i < 20; i++) {
    const def = node._zod.def as unknown as Record<string, unknown>;
    if (def.innerType !== undefined) node = def.innerType as z.core.$ZodType;
    else if (def.type === "pipe") node = def.in as z.core.$ZodType;
    else break;
  }
  return node;
}

// ---- warnings ----------------------------------------------------------------------------------

/** The date LivePerson ended OAuth 1.0 app keys. */
export const APP_KEY_END_DATE = "2026-05-31";

/**
 * A warning when inputs rely on OAuth 1.0 app keys: a connector with the `lpAppKey` quadruple, or a
 * bot agent with `allowedAppKey`. LivePerson ended them on {@link APP_KEY_END_DATE} and points to
 * OAuth 2.0 client credentials.
 */
export function appKeyDeprecationWarning(inputs: { flags?: { lpAppKey?: unknown }; allowedAppKey?: unknown }): string | undefined {
  const where =
    inputs.flags?.lpAppKey !== undefined && inputs.flags.lpAppKey !== null
      ? "flags.lpAppKey (with its app-key quadruple)"
      : inputs.allowedAppKey !== undefined
        ? "allowedAppKey"
        : undefined;
  if (where === undefined) return undefined;
  return (
    `${where} uses an OAuth 1.0 app key; LivePerson ended OAuth 1.0 app keys on ${APP_KEY_END_DATE}. ` +
    "Move to OAuth 2.0 client credentials (or password login) before the login is refused."
  );
}

/**
 * Warnings for a connector's `customConfigurations`: every key outside the Flags table is passed to the
 * connector unchecked, so a typo silently does nothing.
 */
export function customConfigurationWarnings(custom: Readonly<Record<string, string>> | undefined): string[] {
  return Object.keys(custom ?? {})
    .filter((key) => !isFlagKey(key))
    .map((key) => {
      const guess = suggest(key, FLAG_KEYS);
      const hint = guess !== undefined ? `; did you mean flags.${guess}?` : "; check its spelling against the connector documentation";
      return `customConfigurations.${key} is not in the flags table and is passed to the connector unchecked${hint}`;
    });
}

/** All warnings of a BotConnector's checked inputs. */
export function botConnectorWarnings(inputs: {
  flags: { lpAppKey?: unknown };
  customConfigurations?: Readonly<Record<string, string>>;
}): string[] {
  const appKey = appKeyDeprecationWarning(inputs);
  return [...customConfigurationWarnings(inputs.customConfigurations), ...(appKey !== undefined ? [appKey] : [])];
}

/** All warnings of a BotAgent's checked inputs. */
export function botAgentWarnings(inputs: { allowedAppKey?: unknown }): string[] {
  const appKey = appKeyDeprecationWarning(inputs);
  return appKey !== undefined ? [appKey] : [];
}

/** @internal Re-exported for the tests of the suggestions. */
export { suggest };
