import * as pulumi from "@pulumi/pulumi";
import { withSecretOutputs } from "./botAgent";
import * as botConnectorProvider from "./botConnector.provider";
import type { CompleteProvider } from "./factory";
import type { DisplayStatus } from "../model/connectorStatus";
import { SECRET_FLAG_KEYS } from "./flags";
import { type Inputs } from "./inputs";
import type { BotConnectorArgs as BotConnectorFields } from "./schemas/args.generated";

// The provider module's path is recorded in users' state, and the module itself is the provider:
// a missing or misspelt lifecycle export fails to compile here.
botConnectorProvider satisfies CompleteProvider;

/** Arguments of {@link BotConnector}; see the README's resource table and flags reference. */
export type BotConnectorArgs = Inputs<Omit<BotConnectorFields, "secretFlags">>;
// Programs give every flag in `flags`; the constructor moves the secret ones to `secretFlags`.

/**
 * A Conversation Builder agent connector: binds a bot to a bot agent and keeps it started.
 * A connector can only be edited while stopped and its flags only apply after a restart, so any
 * settings change replaces it (stop, delete, add, start, wait for Connected); `running` alone is
 * updated in place. The credential flags are secrets.
 */
export class BotConnector extends pulumi.dynamic.Resource {
  declare readonly botId: pulumi.Output<string>;
  declare readonly agent: pulumi.Output<string>;
  /** Connected | Not Connected | Stopped, as read from Conversation Builder. */
  declare readonly status: pulumi.Output<DisplayStatus>;
  /** Why it is Not Connected: "component: reason" per failing component, or "starting". */
  declare readonly statusReasons: pulumi.Output<string[]>;
  /** The status word(s) as LiveEngage sent them, e.g. "CONNECTED", "ONLINE" or "Online (bot server: Not Connected)". */
  declare readonly rawStatus: pulumi.Output<string>;
  declare readonly lpUserId: pulumi.Output<string>;
  declare readonly flags: pulumi.Output<Record<string, unknown>>;
  declare readonly running: pulumi.Output<boolean>;

  constructor(name: string, args: BotConnectorArgs, opts?: pulumi.CustomResourceOptions) {
    const { flags, secretFlags } = splitFlagsInput(args.flags);
    const props = {
      status: undefined,
      statusReasons: undefined,
      rawStatus: undefined,
      lpUserId: undefined,
      running: undefined,
      ...args,
      flags,
      secretFlags,
    };
    // Delete first on every replacement, `pulumi up --replace` included (the engine asks no diff
    // then): the new connector has the old one's id (bot + bot user), and one bot user has one.
    super(
      botConnectorProvider,
      name,
      props,
      withSecretOutputs({ deleteBeforeReplace: true, ...opts }, ["secretFlags"]),
      "liveengage",
      "BotConnector",
    );
  }
}

/**
 * Secret flags (lpPassword, lpAccessToken, …: the model's secret column) go to the secret top-level
 * input `secretFlags`: Pulumi's Node SDK marks a whole top-level property secret when any value inside
 * it is, so inside `flags` they would hide every flag behind "[secret]" in previews. This is the one
 * place they are split; the provider never joins them back (schemas/botConnector.ts).
 */
function splitFlagsInput(flags: BotConnectorArgs["flags"]): {
  flags: pulumi.Input<object> | undefined;
  secretFlags: pulumi.Input<object> | undefined;
} {
  if (flags === undefined) return { flags: undefined, secretFlags: undefined };
  const isSecretKey = (k: string) => (SECRET_FLAG_KEYS as readonly string[]).includes(k);
  if (pulumi.Output.isInstance(flags) || typeof (flags as { then?: unknown }).then === "function") {
    const all = pulumi.output(flags as pulumi.Input<Record<string, unknown>>);
    return {
      flags: all.apply((f) => Object.fromEntries(Object.entries(f ?? {}).filter(([k]) => !isSecretKey(k)))),
      secretFlags: pulumi.secret(all.apply((f) => Object.fromEntries(Object.entries(f ?? {}).filter(([k]) => isSecretKey(k))))),
    };
  }
  const plain: Record<string, unknown> = {};
  const secret: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(flags as Record<string, unknown>)) (isSecretKey(k) ? secret : plain)[k] = v;
  return { flags: plain, secretFlags: Object.keys(secret).length ? pulumi.secret(secret) : undefined };
}
