/**
 * The BotConnector lifecycle: the factory's, built from its spec (specs/botConnector.ts), plus the
 * rolling restarts of a deployment's connectors (rolloutGate.ts): diff books a restart and
 * announces it, delete waits for the deployment's turn, create gives it back.
 */
import { restartNotice } from "./connectorRestart";
import { makeProvider, type LifecycleProvider } from "./factory";
import { bookRestart, createInTurn, deleteInTurn, type RolloutTurn } from "./rolloutGate";
import { announce } from "./runtime";
import type { Props } from "./spec";
import { botConnectorSpec } from "./specs/botConnector";

export function connectorLifecycle(): LifecycleProvider {
  const provider = makeProvider(botConnectorSpec);
  return {
    ...provider,
    async diff(id, olds, news) {
      const outcome = await provider.diff(id, olds, news);
      if (outcome.replaces.length > 0) {
        const [o, n] = botConnectorSpec.comparedAs!(olds, news);
        announce(restartNotice(o, n, outcome.replaces));
        bookRestart(id, turnOf(news));
      }
      return outcome;
    },
    create: (inputs) => createInTurn(turnOf(inputs), () => provider.create(inputs)),
    delete: (id, props) => deleteInTurn(id, () => provider.delete(id, props)),
  };
}

/** The deployment and member a connector restarts with (BotDeployment's rolling rollout); none for a lone connector. */
function turnOf(inputs: Props): RolloutTurn | undefined {
  const r = inputs.rollout as Partial<RolloutTurn> | undefined;
  return typeof r?.group === "string" && typeof r.member === "string" ? { group: r.group, member: r.member } : undefined;
}
