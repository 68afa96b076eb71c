/**
 * Ids by which a resource names another object (a cluster policy, a notification destination) that the stack either
 * declares, so the pack judges it where it is declared, or that exists outside the stack, so only a security
 * reviewer's listing in the policy config can vouch for it. Used by stack rules, which see property dependencies.
 *
 * An id counts as the stack's when the top-level input that holds it depends on a resource of the named type in the
 * stack (a value built from its output, known or still unknown during preview). Property dependencies are kept per
 * top-level input, not per nested field, so one dependency vouches for at most one distinct id: an input with more
 * distinct unlisted ids than such dependencies (one derived, one literal) holds an id from outside, and its unlisted
 * ids are refused. An unknown id whose input depends on no such resource fails closed, as the pack does on unknowns.
 * Listed ids are compared exactly (trimmed): an id is an opaque key, and another spelling is another id.
 */
import { readIfKnown } from "./applicability";

/** One id a resource names, where, and in which top-level input. */
export interface IdSite {
  /** For messages, e.g. `job cluster 'main' of Job 'prod-mlops-training'`. */
  where: string;
  /** The top-level input that holds the id; its property dependencies say where the value came from. */
  input: string;
  /** The id when known (any JSON value: a non-string is no id the pack can match), or unknown during preview. */
  id: { known: true; value: unknown } | { known: false };
}

/**
 * Why a site is refused: an unlisted id where the input derives from no stack resource, an unlisted id among more
 * distinct ones than the input's stack dependencies account for, an unknown id not derived from the stack, no text.
 */
export type ForeignReason = "listed-nowhere" | "outnumbered" | "unknown" | "not-text";

/** A refused site and why; for `outnumbered`, how many distinct unlisted ids the input holds and how many the stack accounts for. */
export interface ForeignId {
  site: IdSite;
  reason: ForeignReason;
  counts?: { distinct: number; derived: number };
}

/**
 * The sites of one resource that neither come from a resource the stack declares nor are listed. `derivedInputs`
 * gives, per top-level input, how many resources of the named type in the stack it depends on.
 */
export function foreignIds(sites: readonly IdSite[], derivedInputs: Readonly<Record<string, number>>, listed: readonly string[]): ForeignId[] {
  const allowed = new Set(listed.map((id) => id.trim()));
  const refused: ForeignId[] = [];
  const byInput = new Map<string, IdSite[]>();
  for (const site of sites) byInput.set(site.input, [...(byInput.get(site.input) ?? []), site]);
  for (const [input, group] of byInput) {
    const derived = derivedInputs[input] ?? 0;
    const unknown = group.filter((site) => !site.id.known);
    if (derived === 0) refused.push(...unknown.map((site) => ({ site, reason: "unknown" as const })));
    const known = group.filter((site): site is IdSite & { id: { known: true; value: unknown } } => site.id.known);
    refused.push(...known.filter((site) => typeof site.id.value !== "string").map((site) => ({ site, reason: "not-text" as const })));
    const unlisted = known.filter((site) => typeof site.id.value === "string" && !allowed.has(site.id.value.trim()));
    // An unknown id uses up at least one of the input's dependencies; each other one explains one distinct id.
    const slots = derived - (unknown.length > 0 ? 1 : 0);
    const distinct = new Set(unlisted.map((site) => String(site.id.value).trim()));
    if (distinct.size <= Math.max(slots, 0)) continue;
    const counts = { distinct: distinct.size, derived: Math.max(slots, 0) };
    refused.push(...unlisted.map((site) => (derived === 0 ? { site, reason: "listed-nowhere" as const } : { site, reason: "outnumbered" as const, counts })));
  }
  return refused;
}

/** Reads `read()` as an id of a site: known (any value) or unknown during preview. */
export function idOf(read: () => unknown): IdSite["id"] {
  const value = readIfKnown(read);
  return value.known ? { known: true, value: value.value } : { known: false };
}

/**
 * Why a refused id is not the stack's, for a message; `kind` is the type display name (`ClusterPolicy`) and `listing`
 * the config key with its listed ids (`externalPolicyIds: none`).
 */
export function foreignWhy({ reason, counts }: ForeignId, kind: string, listing: string): string {
  if (reason === "unknown") return `which does not come from a ${kind} this stack declares, so the pack cannot tell which one it is`;
  const unlisted = `is not listed in this stage's policy config (${listing})`;
  if (reason === "outnumbered" && counts !== undefined) {
    return `which the pack cannot trace to a ${kind} this stack declares: its input holds more distinct ids (${counts.distinct}) than dependencies on the stack's ${kind} resources left to account for them (${counts.derived}), so at least one comes from outside the stack, and it ${unlisted}`;
  }
  return `which does not come from a ${kind} this stack declares and ${unlisted}`;
}

/** The id as shown in a message: quoted text, or what it is instead. */
export function shownId(site: IdSite): string {
  if (!site.id.known) return "an id unknown during preview";
  return typeof site.id.value === "string" ? `'${site.id.value.trim()}'` : `a value that is not text (${JSON.stringify(site.id.value) ?? "undefined"})`;
}
