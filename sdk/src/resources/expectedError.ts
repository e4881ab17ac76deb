/**
 * Expected errors reach the person without a JavaScript stack trace. The dynamic-provider host
 * prints every error a provider method throws as `${e}: ${e.stack}` on stderr, which the engine shows
 * as a diagnostic: a refusal by LiveEngage ("skill cannot be deleted: …") came with a dozen lines of
 * `at …` frames. A stack trace is kept for programming errors, where it helps.
 */

/** Errors of the language itself: bugs, whose stack trace is worth printing. */
const BUGS = [TypeError, RangeError, ReferenceError, SyntaxError, EvalError, URIError];

/** `e` as it should be thrown out of a provider method: an expected error prints as one line. */
export function withoutStackTrace(e: unknown): unknown {
  if (!(e instanceof Error) || BUGS.some((bug) => e instanceof bug)) return e;
  const quiet = new Error(e.message, { cause: e });
  // The host prints `${quiet}: ${quiet.stack}`, i.e. "liveengage: <message>"; the engine's own
  // error line uses `message` alone.
  Object.defineProperty(quiet, "stack", { value: e.message, enumerable: false });
  quiet.toString = () => "liveengage";
  // A resource created but failed to initialize carries its id and properties for the engine.
  for (const k of ["id", "properties", "reasons"] as const) {
    if (k in e) (quiet as unknown as Record<string, unknown>)[k] = (e as unknown as Record<string, unknown>)[k];
  }
  return quiet;
}

/** `fn`, its expected errors rethrown by {@link withoutStackTrace}. */
export async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw withoutStackTrace(e);
  }
}
