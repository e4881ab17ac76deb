import * as pulumi from "@pulumi/pulumi";
import { withSecretOutputs } from "./botAgent";
import * as botConnectorProvider from "./botConnector.provider";
import type { DisplayStatus } from "./connectorStatus";
import { SECRET_FLAG_KEYS } from "./flags";
import { secretKeys, type Inputs } from "./inputs";
import type { BotConnectorArgs as BotConnectorFields } from "./schemas";

/** Arguments of {@link BotConnector}; see the README's resource table and flags reference. */
export type BotConnectorArgs = Inputs<BotConnectorFields>;

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
  /** "component: reason" for each failing component when the status is Not Connected. */
  declare readonly statusReasons: pulumi.Output<string[]>;
  declare readonly lpUserId: pulumi.Output<string>;
  declare readonly flags: pulumi.Output<Record<string, unknown>>;
  declare readonly running: pulumi.Output<boolean>;

  constructor(name: string, args: BotConnectorArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      status: undefined, statusReasons: undefined, lpUserId: undefined, running: undefined,
      ...args,
      flags: secretKeys(args.flags, SECRET_FLAG_KEYS),
    };
    super(botConnectorProvider, name, props, opts, "liveengage", "BotConnector");
  }
}
