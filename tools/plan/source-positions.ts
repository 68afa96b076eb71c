/**
 * Every resource the program constructs captures the whole call stack (`Resource.callsites` in
 * @pulumi/pulumi's resource.js: `new Error().stack` without a frame limit, every frame formatted and mapped
 * to its TypeScript line), only to send its first frame and the trace to the engine as the registration's
 * source position, which the CLI shows beside an engine's diagnostic. The mock monitor never reads them, and
 * neither does the plan's recorder (recorder.ts), so offline they are work and garbage for nothing: about 4%
 * of the program process's CPU at two thousand resources.
 *
 * `skipUnreadSourcePositions` makes the runtime the program loads capture none. Nothing else changes: the
 * same registrations, inputs, dependencies, options and URNs.
 */

/** The part of `Resource` (resource.js) that is patched. */
interface ResourceClass {
  callsites: () => Array<{ file?: string; line?: number; column?: number }>;
}

/**
 * Replaces `Resource.callsites` of `pulumi` with one that captures nothing; `Resource.stackTrace` calls it
 * through the class, so every constructor gets it. Returns false, changing nothing, when the SDK's layout is
 * not the expected one.
 */
export function skipUnreadSourcePositions(pulumi: { Resource: unknown }): boolean {
  const resource = pulumi.Resource as Partial<ResourceClass> | undefined;
  if (typeof resource?.callsites !== "function") return false;
  resource.callsites = () => [];
  return true;
}
