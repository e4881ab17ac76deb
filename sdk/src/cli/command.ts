/**
 * The CLI's small command layer over node's built-in `util.parseArgs`: a command declares its
 * options once, and parsing, defaults, validation, `--help` text and usage errors derive from that
 * one declaration. (No CLI framework dependency in the component package.)
 *
 * Option forms, as the help shows them:
 *   --json                 a flag
 *   --port <port>          a value (required when the option is given)
 *   --stack [name]         a flag or a value (`--stack` alone = true)
 *   --bot <id...>          one or more values (`--bot a b` or `--bot a --bot b`)
 */
import { parseArgs } from "node:util";
import { EXIT_CODES, type ExitCode } from "./exit-codes";

export interface OptionSpec {
  /** Long name without dashes, e.g. "data-dir" (read back as `dataDir`). */
  name: string;
  /** Value placeholder: "<port>", "[name]" (optional value) or "<id...>" (variadic); absent = a flag. */
  arg?: string;
  description: string;
  default?: string | number | boolean;
  required?: boolean;
  choices?: readonly string[];
  /** Converts the raw text; throws an Error whose message names the option and the fix. */
  parse?: (raw: string) => unknown;
}

export interface CommandSpec {
  name: string;
  description: string;
  options: readonly OptionSpec[];
  /** The exit codes this command uses besides 0 (shown in --help); usage errors are implied. */
  exitCodes?: readonly ExitCode[];
  /** Runs with the parsed options (camelCased names; see parseCommand). */
  run(opts: object): Promise<void>;
}

/** Bad command line: unknown option, missing or invalid value. Exits with EXIT_CODES.usage. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
    this.name = "UsageError";
  }
}

/** "data-dir" → "dataDir". */
export function camel(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

const optionalValue = (o: OptionSpec) => o.arg?.startsWith("[") ?? false;
const variadic = (o: OptionSpec) => o.arg?.endsWith("...>") ?? false;

/**
 * Rewrites the two forms parseArgs lacks into ones it has: `--stack` without a value becomes
 * `--stack=` (read back as true), `--bot a b` becomes `--bot a --bot b`.
 */
function normalize(args: readonly string[], spec: CommandSpec): string[] {
  const byName = new Map(spec.options.map((o) => [`--${o.name}`, o]));
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const token = args[i]!;
    const option = byName.get(token);
    out.push(token);
    if (!option) continue;
    const next = args[i + 1];
    const nextIsValue = next !== undefined && !next.startsWith("-");
    if (optionalValue(option) && !nextIsValue) out[out.length - 1] = `${token}=`;
    else if (variadic(option) && nextIsValue) {
      out.push(args[++i]!);
      while (args[i + 1] !== undefined && !args[i + 1]!.startsWith("-")) out.push(token, args[++i]!);
    }
  }
  return out;
}

/** Parses a command's arguments into camelCased option values (defaults applied, values checked). */
export function parseCommand(spec: CommandSpec, args: readonly string[]): Record<string, unknown> {
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: normalize(args, spec),
      options: Object.fromEntries(
        spec.options.map((o) => [o.name, { type: o.arg ? "string" : "boolean", multiple: variadic(o) }] as const),
      ),
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/s, ""), spec.name);
  }
  const opts: Record<string, unknown> = {};
  for (const o of spec.options) {
    let v: unknown = values[o.name];
    if (v === "" && optionalValue(o)) v = true;
    if (v === undefined) {
      if (o.required) throw new UsageError(`required option --${o.name} ${o.arg ?? ""} not given`.trimEnd(), spec.name);
      v = o.default;
    } else if (typeof v === "string") {
      if (o.choices && !o.choices.includes(v))
        throw new UsageError(`--${o.name} must be one of ${o.choices.join(", ")}; got ${v}`, spec.name);
      v = parseValue(o, v, spec.name);
    } else if (Array.isArray(v)) {
      v = v.map((x) => parseValue(o, String(x), spec.name));
    }
    opts[camel(o.name)] = v;
  }
  return opts;
}

function parseValue(o: OptionSpec, raw: string, command: string): unknown {
  if (!o.parse) return raw;
  try {
    return o.parse(raw);
  } catch (e) {
    throw new UsageError((e as Error).message, command);
  }
}

/** `liveengage <command> --help`. */
export function commandHelp(program: string, spec: CommandSpec): string {
  const rows = [
    ...spec.options.map((o) => {
      const left = `--${o.name}${o.arg ? ` ${o.arg}` : ""}`;
      const notes = [
        ...(o.required ? ["required"] : []),
        ...(o.choices ? [`one of: ${o.choices.join(", ")}`] : []),
        ...(o.default !== undefined && o.default !== false ? [`default: ${JSON.stringify(o.default)}`] : []),
      ];
      return [left, `${o.description}${notes.length ? ` (${notes.join("; ")})` : ""}`] as const;
    }),
    ["-h, --help", "show this help"] as const,
  ];
  const width = Math.max(...rows.map(([l]) => l.length));
  const codes = [EXIT_CODES.ok, ...(spec.exitCodes ?? [EXIT_CODES.failure]), EXIT_CODES.usage];
  return [
    `Usage: ${program} ${spec.name} [options]`,
    "",
    spec.description,
    "",
    "Options:",
    ...rows.map(([l, r]) => `  ${l.padEnd(width)}  ${r}`),
    "",
    "Exit codes:",
    ...codes.map((c) => `  ${String(c.code).padStart(2)}  ${c.meaning}`),
    "",
  ].join("\n");
}
