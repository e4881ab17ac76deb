export { Noop, NoopArgs } from "./testing/noop";
