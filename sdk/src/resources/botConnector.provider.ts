/**
 * The BotConnector dynamic provider, built from its spec (specs/botConnector.ts) by the provider
 * factory, plus the rolling restarts of a deployment's connectors (rolloutGate.ts): diff books a
 * restart and announces it, its delete waits for the deployment's turn, its create gives it back.
 *
 * KEEP THIS MODULE PATH AND ITS EXPORTS: this module IS the provider, recorded in users' state as
 * `require("pulumi-liveengage/dist/resources/botConnector.provider.js")` (see skill.provider.ts).
 */
import { restartNotice } from "./connectorRestart";
import { makeProvider } from "./factory";
import { bookRestart, createInTurn, deleteInTurn, type RolloutTurn } from "./rolloutGate";
import { announce } from "./runtime";
import type { Props } from "./spec";
import { botConnectorSpec } from "./specs/botConnector";

export { configureProviderProcess as configure } from "./runtime";
export { connectorId } from "./specs/botConnector";

/** Outputs that are not inputs: never compared by diff. */
export const BOT_CONNECTOR_OUTPUT_ONLY = botConnectorSpec.outputOnly;

const provider = makeProvider(botConnectorSpec);
export const { check, read, update } = provider;

export async function diff(id: string, olds: Props, news: Props): ReturnType<typeof provider.diff> {
  const outcome = await provider.diff(id, olds, news);
  if (outcome.replaces.length > 0) {
    const [o, n] = botConnectorSpec.comparedAs!(olds, news);
    announce(restartNotice(o, n, outcome.replaces));
    bookRestart(id, turnOf(news));
  }
  return outcome;
}

export function create(inputs: Props): ReturnType<typeof provider.create> {
  return createInTurn(turnOf(inputs), () => provider.create(inputs));
}

function deleteConnector(id: string, props?: Props): Promise<void> {
  return deleteInTurn(id, () => provider.delete(id, props));
}
export { deleteConnector as delete };

/** The deployment and member a connector restarts with (BotDeployment's rolling rollout); none for a lone connector. */
function turnOf(inputs: Props): RolloutTurn | undefined {
  const r = inputs.rollout as Partial<RolloutTurn> | undefined;
  return typeof r?.group === "string" && typeof r.member === "string" ? { group: r.group, member: r.member } : undefined;
}
