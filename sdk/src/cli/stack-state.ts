/**
 * What a Pulumi stack's state says it owns, read with `pulumi stack export` (the state as the engine
 * keeps it; secret inputs stay encrypted and are left out).
 */
import { pulumiJson } from "./credentials";

/** The state's type token of a resource class of this package, e.g. BotConnector. */
export const dynamicType = (kind: string) => `pulumi-nodejs:dynamic/liveengage:${kind}`;

export interface StateResource {
  urn: string;
  /** The resource's name in the program (the URN's last part). */
  name: string;
  id: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
}

interface Deployment {
  deployment?: {
    resources?: { urn: string; type: string; id?: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> }[];
  };
}

/** The resources of `kind` in the stack's state (`stack`: a name, or true for the selected stack). */
export function stackResources(stack: string | true, kind: string): StateResource[] {
  const text = pulumiJson(["stack", "export", ...(typeof stack === "string" ? ["--stack", stack] : [])]);
  const state = JSON.parse(text) as Deployment;
  return (state.deployment?.resources ?? [])
    .filter((r) => r.type === dynamicType(kind) && r.id)
    .map((r) => ({
      urn: r.urn,
      name: r.urn.split("::").at(-1) ?? r.urn,
      id: r.id!,
      inputs: withoutSecrets(r.inputs ?? {}),
      outputs: withoutSecrets(r.outputs ?? {}),
    }));
}

/** The engine's marker of an encrypted value. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

function withoutSecrets(props: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) {
    if (k === "__provider") continue;
    if (typeof v === "object" && v !== null && SECRET_SIG in v) continue;
    out[k] = v;
  }
  return out;
}
