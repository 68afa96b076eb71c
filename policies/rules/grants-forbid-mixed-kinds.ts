/**
 * grants-forbid-mixed-kinds (stack rule): each securable's grants are declared by exactly one Grants
 * resource, or by Grant resources only (one per principal), never a mix.
 */
import type { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import { readIfKnown } from "../lib/applicability";
import type { DocumentedStackPolicy } from "../lib/rule-documentation";
import { GRANT, GRANTS } from "../lib/resource-types";
import { type Securable, describeSecurable, securableKey, securableOf } from "../lib/securables";

/** What the rule needs to know about one Grants or Grant resource. */
export interface GrantResourceFacts {
  urn: string;
  /** The Pulumi resource name. */
  name: string;
  kind: "Grants" | "Grant";
  /** The targeted securable; undefined when it is unknown (preview) or missing. */
  securable?: Securable;
  /** The principal of a Grant resource. */
  principal?: string;
}

/** A violation of a stack rule, reported against one resource. */
export interface StackFinding {
  urn: string;
  message: string;
}

const quoteNames = (resources: GrantResourceFacts[]): string => resources.map((r) => `'${r.name}'`).join(", ");

/**
 * Finds securables targeted by both Grants and Grant, by two or more Grants, or by two Grant resources for
 * the same principal. Each finding is reported against the last-registered resource of the conflict.
 */
export function findMixedGrantKinds(resources: GrantResourceFacts[]): StackFinding[] {
  const bySecurable = new Map<string, GrantResourceFacts[]>();
  for (const resource of resources) {
    if (!resource.securable) continue;
    const key = securableKey(resource.securable);
    bySecurable.set(key, [...(bySecurable.get(key) ?? []), resource]);
  }
  const findings: StackFinding[] = [];
  for (const group of bySecurable.values()) {
    const securable = describeSecurable(group[0].securable);
    const last = group[group.length - 1];
    const grantsResources = group.filter((r) => r.kind === "Grants");
    const grantResources = group.filter((r) => r.kind === "Grant");
    if (grantsResources.length > 0 && grantResources.length > 0) {
      findings.push({
        urn: last.urn,
        message:
          `${capitalize(securable)} is managed by both Grants ${quoteNames(grantsResources)} and Grant ` +
          `${quoteNames(grantResources)}; Grants replaces every grant on it, so they undo each other on every update.`,
      });
    } else if (grantsResources.length > 1) {
      findings.push({
        urn: last.urn,
        message:
          `${capitalize(securable)} is managed by ${grantsResources.length} Grants resources ` +
          `(${quoteNames(grantsResources)}); each replaces the other's grants, so merge them into one.`,
      });
    }
    findings.push(...findDuplicatePrincipals(securable, grantResources));
  }
  return findings;
}

function findDuplicatePrincipals(securable: string, grantResources: GrantResourceFacts[]): StackFinding[] {
  const byPrincipal = new Map<string, GrantResourceFacts[]>();
  for (const resource of grantResources) {
    if (resource.principal === undefined) continue;
    const principal = resource.principal.trim();
    byPrincipal.set(principal, [...(byPrincipal.get(principal) ?? []), resource]);
  }
  return [...byPrincipal.entries()]
    .filter(([, same]) => same.length > 1)
    .map(([principal, same]) => ({
      urn: same[same.length - 1].urn,
      message:
        `${capitalize(securable)} has ${same.length} Grant resources for principal '${principal}' ` +
        `(${quoteNames(same)}); merge them into one.`,
    }));
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Reads the facts of a Grants/Grant stack resource; values unknown during preview become undefined. */
export function grantResourceFacts(resource: PolicyResource): GrantResourceFacts {
  const securable = readIfKnown(() => securableOf(resource.props));
  const principal = readIfKnown(() => resource.props.principal);
  return {
    urn: resource.urn,
    name: resource.name,
    kind: resource.type === GRANTS ? "Grants" : "Grant",
    securable: securable.known ? securable.value : undefined,
    principal: resource.type === GRANT && principal.known && typeof principal.value === "string" ? principal.value : undefined,
  };
}

/** The rule object registered in the pack. */
export const grantsForbidMixedKinds: DocumentedStackPolicy = {
  name: "grants-forbid-mixed-kinds",
  description: "Each securable's grants come from one Grants resource, or from Grant resources only, never both.",
  severity: "high",
  remediationSteps:
    "Declare all grants of a securable in one authoritative Grants resource, owned by the stack that owns the " +
    "securable (prod declares dev's read access to prod). Remove the extra Grants or Grant resources named in the message.",
  documentation: {
    rationale:
      "Access model: Grants is authoritative for its securable and replaces every grant on it, while Grant adds " +
      "one principal's privileges. Mixing them, or splitting one securable over two Grants, makes each update " +
      "revoke what the other declared, so the access matrix would flap between states (known trap of the " +
      "Databricks provider).",
    controls: [],
  },
  validateStack: (args: StackValidationArgs, reportViolation) => {
    const grantResources = args.resources.filter((r) => r.type === GRANTS || r.type === GRANT);
    if (grantResources.length === 0) args.notApplicable(`Policy only applies to resources of type '${GRANTS}', '${GRANT}'`);
    for (const finding of findMixedGrantKinds(grantResources.map(grantResourceFacts))) {
      reportViolation(finding.message, finding.urn);
    }
  },
};
