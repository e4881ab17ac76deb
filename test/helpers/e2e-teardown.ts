import { shutdownLiveEngageClients } from "../../sdk/src/client";
import type { TestProgram } from "./pulumi-cli";

/**
 * An e2e suite's `afterAll`, also after a failing test: destroy what the program deployed (best
 * effort: a failed test may have left it half-deployed), then release the program's stack, the
 * client's sessions and pooled connections, and the emulator — in that order.
 */
export async function tearDownE2e(program: TestProgram | undefined, emu: { close(): Promise<void> } | undefined): Promise<void> {
  await program?.destroy().catch(() => undefined);
  await program?.dispose();
  await shutdownLiveEngageClients();
  await emu?.close();
}
