/**
 * A provider module's lifecycle, loaded on its first call.
 *
 * A Pulumi program loads the provider modules only so that Pulumi can name them: it serializes a
 * dynamic resource's provider as `require("<this module's path>")` and never calls it there. The
 * provider process is the one that calls it. Loading the factory with the module made every program
 * load the client (undici), the specs and their schemas — a quarter of a second, over a third of
 * what the package added to a 50-bot program's own time (issue #18). So a provider module holds
 * only this, and the lifecycle behind it is loaded by the first call in the provider process.
 */
import type { LifecycleProvider } from "./factory";
import type { Props } from "./spec";

/** What a provider module exports: the engine's `configure` and the lifecycle. */
export interface ProviderModule extends LifecycleProvider {
  configure(req: { config: { get(key: string): string | undefined } }): Promise<void>;
}

export function lazyLifecycle(load: () => Promise<LifecycleProvider>): ProviderModule {
  let loaded: Promise<LifecycleProvider> | undefined;
  const lifecycle = () => (loaded ??= load());
  return {
    async configure(req) {
      const { configureProviderProcess } = await import("./runtime");
      return configureProviderProcess(req);
    },
    check: async (olds: unknown, news: Props) => (await lifecycle()).check(olds, news),
    diff: async (id: string, olds: Props, news: Props) => (await lifecycle()).diff(id, olds, news),
    create: async (inputs: Props) => (await lifecycle()).create(inputs),
    read: async (id: string, props?: Props) => (await lifecycle()).read(id, props),
    update: async (id: string, olds: Props, news: Props) => (await lifecycle()).update(id, olds, news),
    delete: async (id: string, props?: Props) => (await lifecycle()).delete(id, props),
  };
}
