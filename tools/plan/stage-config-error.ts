/** Tells the program's config error from a crash; a module of its own, as the program's process needs it too. */

/** True for the program's config error (`StageConfigError`, a `pulumi.RunError` subclass). */
export function isStageConfigError(err: unknown): err is Error {
  for (let p = err; p !== null && typeof p === "object"; p = Object.getPrototypeOf(p)) {
    if ((p as { constructor?: { name?: string } }).constructor?.name === "StageConfigError") return true;
  }
  return err instanceof Error && err.name === "StageConfigError";
}
