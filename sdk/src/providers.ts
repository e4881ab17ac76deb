import { noopProvider } from "./testing/noop";

/**
 * Every dynamic provider the package ships, by resource name. scripts/check-serialization.js
 * serializes each one the way Pulumi does and fails the build when one breaks, grows or leaks.
 * @internal
 */
export const allProviders: Readonly<Record<string, object>> = Object.freeze({
  Noop: noopProvider,
});
