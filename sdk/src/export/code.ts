/**
 * The values a generated program passes to resources, and their TypeScript text. References and
 * config reads are expressions of their own kind, so a literal id can never slip into the program
 * by accident: the planner has no way to say "this id" except as a reference or a config read.
 */

/** A TypeScript expression written as is. */
export class Expr {
  constructor(readonly text: string) {}
}

export type Code = Expr | string | number | boolean | Code[] | { [key: string]: Code | undefined };

/** `<variable>.<property>`, e.g. `support.id`. */
export const ref = (variable: string, property = "id"): Expr => new Expr(`${variable}.${property}`);
/** `config.requireSecret("<key>")`: a value that cannot be read back from LiveEngage. */
export const secretConfig = (key: string): Expr => new Expr(`config.requireSecret(${JSON.stringify(key)})`);
/** `config.get("<key>") ?? "<fallback>"`: the id of something this program does not manage. */
export const configWithDefault = (key: string, fallback: string): Expr =>
  new Expr(`config.get(${JSON.stringify(key)}) ?? ${JSON.stringify(fallback)}`);

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A property name as written in an object literal: bare when it can be. */
export function propertyName(key: string): string {
  return IDENTIFIER.test(key) ? key : JSON.stringify(key);
}

const WIDTH = 100;

/** TypeScript text of a value, indented for `depth` levels; short ones stay on one line. */
export function render(value: Code, depth = 0): string {
  if (value instanceof Expr) return value.text;
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const pad = "  ".repeat(depth + 1);
  const close = "  ".repeat(depth);
  if (Array.isArray(value)) {
    const items = value.map((v) => render(v, depth + 1));
    const line = `[${items.join(", ")}]`;
    if (line.length + pad.length <= WIDTH && !line.includes("\n")) return line;
    return `[\n${items.map((i) => `${pad}${i},`).join("\n")}\n${close}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined) as [string, Code][];
  if (entries.length === 0) return "{}";
  const parts = entries.map(([k, v]) => `${propertyName(k)}: ${render(v, depth + 1)}`);
  const line = `{ ${parts.join(", ")} }`;
  if (line.length + pad.length <= WIDTH && !line.includes("\n")) return line;
  return `{\n${parts.map((p) => `${pad}${p},`).join("\n")}\n${close}}`;
}

/** camelCase identifier from any name: "Support Bot 2" → "supportBot2"; never a reserved word. */
export function identifier(name: string): string {
  const words = name
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9]+/g, " ")
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  let id = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join("");
  if (!id) id = "unnamed";
  if (/^[0-9]/.test(id)) id = `_${id}`;
  return RESERVED.has(id) ? `${id}_` : id;
}

/** kebab-case resource name: "Support Bot 2" → "support-bot-2". */
export function slug(name: string): string {
  return (
    name
      .normalize("NFKD")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "unnamed"
  );
}

const RESERVED = new Set([
  "break",
  "case",
  "catch",
  "class",
  "const",
  "continue",
  "debugger",
  "default",
  "delete",
  "do",
  "else",
  "enum",
  "export",
  "extends",
  "false",
  "finally",
  "for",
  "function",
  "if",
  "import",
  "in",
  "instanceof",
  "new",
  "null",
  "return",
  "super",
  "switch",
  "this",
  "throw",
  "true",
  "try",
  "typeof",
  "var",
  "void",
  "while",
  "with",
  "let",
  "static",
  "yield",
  "await",
  "implements",
  "interface",
  "package",
  "private",
  "protected",
  "public",
  "config",
  "pulumi",
  "Skill",
  "BotAgent",
  "BotConnector",
  "BotDeployment",
  "Campaign",
  "Engagement",
  "botIds",
]);

/** Hands out names unique within one namespace, suffixing -2, -3… (or 2, 3… for identifiers) on collisions. */
export class NameBook {
  private readonly taken = new Set<string>();
  constructor(private readonly separator = "-") {}
  claim(wanted: string): string {
    let name = wanted;
    for (let n = 2; this.taken.has(name.toLowerCase()); n++) name = `${wanted}${this.separator}${n}`;
    this.taken.add(name.toLowerCase());
    return name;
  }
}
