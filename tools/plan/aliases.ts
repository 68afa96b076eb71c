/**
 * Alias URNs as the engine computes them for a registration (pulumi/pulumi pkg/resource/deploy/step_generator.go:
 * `collapseAliasToUrn`, `inheritedChildAlias`, `generateAliases`), so the policy pack sees the same
 * `opts.aliases` offline as during `pulumi preview`.
 *
 * One difference, because the plan has no earlier state: the engine multiplies a child's aliases by the one
 * alias of its parent that matched a resource of the old state; the plan multiplies by every alias the parent
 * declares (docs/ci.md lists it).
 */
import { makeUrn, parseUrn } from "./urn";

/** An alias as the SDK sends it: a URN, or a spec whose empty fields default to the resource's own. */
export type AliasInput =
  | { urn: string }
  | { name: string; type: string; stack: string; project: string; parentUrn: string; noParent: boolean };

/** The resource being registered, and where. */
export interface AliasTarget {
  stack: string;
  project: string;
  type: string;
  name: string;
  /** The parent's URN, "" for none. */
  parent: string;
}

/** One alias as a URN: a spec's empty fields take the resource's stack, project, type, name and parent. */
export function collapseAlias(target: AliasTarget, alias: AliasInput): string {
  if ("urn" in alias) return alias.urn;
  const parent = alias.noParent ? "" : alias.parentUrn || target.parent;
  return makeUrn(alias.stack || target.stack, alias.project || target.project, parent, alias.type || target.type, alias.name || target.name);
}

/**
 * The alias a child gets from an alias of its parent: same type, under the parent's old qualified type, and
 * a name that keeps the `<parent name>-suffix` convention by swapping the parent's name for the old one.
 */
export function inheritedChildAlias(target: AliasTarget, childType: string, childName: string, parentAlias: string): string {
  const parentName = parseUrn(target.parent).name;
  const oldParent = parseUrn(parentAlias);
  const name = childName.startsWith(parentName) ? oldParent.name + childName.slice(parentName.length) : childName;
  return makeUrn(target.stack, target.project, parentAlias, childType, name);
}

/** Every alias URN of a registration, without duplicates, in the engine's order. */
export function resolveAliases(target: AliasTarget, aliases: readonly AliasInput[], parentAliases: readonly string[]): string[] {
  const result = new Set<string>();
  const own = aliases.map((a) => collapseAlias(target, a));
  own.forEach((urn) => result.add(urn));
  for (const parentAlias of parentAliases) {
    result.add(inheritedChildAlias(target, target.type, target.name, parentAlias));
    for (const urn of own) {
      const { qualifiedType, name } = parseUrn(urn);
      result.add(inheritedChildAlias(target, qualifiedType.split("$").pop() ?? qualifiedType, name, parentAlias));
    }
  }
  return [...result];
}
