import * as pulumi from "@pulumi/pulumi";
import * as botAgentProvider from "./botAgent.provider";
import type { CompleteProvider } from "./factory";
import type { Role } from "../model/roles";
import { type Inputs } from "./inputs";
import type { BotAgentArgs as BotAgentFields } from "./schemas/args.generated";

// The provider module's path is recorded in users' state, and the module itself is the provider:
// a missing or misspelt lifecycle export fails to compile here.
botAgentProvider satisfies CompleteProvider;

/** Arguments of {@link BotAgent}; see the README's resource table. */
export type BotAgentArgs = Inputs<BotAgentFields>;

/**
 * A bot agent: a LiveEngage user of type Bot (`userTypeId` 2) holding skills, with the profile of
 * its role (Agent or Agent Manager) and a password (secret) or an allowed app key.
 * Changing `loginName` replaces it; everything else is updated in place.
 */
export class BotAgent extends pulumi.dynamic.Resource {
  declare readonly loginName: pulumi.Output<string>;
  declare readonly userId: pulumi.Output<string>;
  declare readonly role: pulumi.Output<Role>;
  declare readonly skillIds: pulumi.Output<string[]>;
  declare readonly enabled: pulumi.Output<boolean>;
  declare readonly password: pulumi.Output<string | undefined>;

  constructor(name: string, args: BotAgentArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      userId: undefined,
      role: undefined,
      skillIds: undefined,
      enabled: undefined,
      ...args,
      password: args.password === undefined ? undefined : pulumi.secret(args.password),
    };
    super(botAgentProvider, name, props, withSecretOutputs(opts, ["password"]), "liveengage", "BotAgent");
  }
}

/** @internal */
export function withSecretOutputs<O extends pulumi.CustomResourceOptions>(opts: O | undefined, keys: string[]): O {
  return { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...keys] } as O;
}
