/**
 * data-forbid-dropped-resources: every protected data-holding resource in the stage's inventory (a list of
 * URNs in the policy config, kept by security reviewers) is still declared, under its URN or as an alias of
 * a resource, and still protected. A resource renamed or moved without an alias is a delete and a create
 * to Pulumi; this rule says so at preview, before the engine reaches the delete.
 */
import { failingClosed } from "../lib/applicability";
import type { DocumentedStackPolicy } from "../lib/rule-documentation";
import { typeDisplayName } from "../lib/resource-types";

/** The config of this rule. */
export interface DroppedResourcesConfig {
  /** URNs of the stage's protected data-holding resources as deployed. */
  inventory: string[];
}

/** What the rule needs of a declared resource. */
export interface DeclaredResource {
  urn: string;
  type: string;
  aliases: readonly string[];
  protect: boolean;
}

/** One finding: about the stack (a resource no longer declared) or about the resource that took its place. */
export interface DroppedResourceFinding {
  message: string;
  /** The declared resource the finding is about; undefined for a resource the program no longer declares. */
  urn?: string;
}

/** The resource type of a URN: the last part of its qualified type ("" for text that is no URN). */
export function typeOfUrn(urn: string): string {
  return (urn.split("::")[2] ?? "").split("$").pop() as string;
}

/** `Catalog 'prod-mlops-catalog'` for a URN; `Entry '<text>'` for an inventory entry that is no URN. */
export function describeUrn(urn: string): string {
  const parts = urn.split("::");
  if (parts.length < 4) return `Entry '${urn}'`;
  return `${typeDisplayName(typeOfUrn(urn))} '${parts.slice(3).join("::")}'`;
}

/** Checks the inventory against what the program declares now. */
export function findDroppedResources(inventory: readonly string[], declared: readonly DeclaredResource[]): DroppedResourceFinding[] {
  const byUrn = new Map<string, DeclaredResource>();
  for (const resource of declared) {
    byUrn.set(resource.urn, resource);
    for (const alias of resource.aliases) if (!byUrn.has(alias)) byUrn.set(alias, resource);
  }
  const findings: DroppedResourceFinding[] = [];
  for (const urn of inventory) {
    const now = byUrn.get(urn);
    const subject = `${describeUrn(urn)} (${urn})`;
    if (!now) {
      findings.push({
        message:
          `${subject} is in this stage's inventory of protected data but the program no longer declares it, so Pulumi would delete it. ` +
          "If it was renamed or moved to another parent, give the new resource the old one as an alias (aliases: [{ name: <old name> }] or the old URN); " +
          "to delete it on purpose, remove it from the inventory in the stage's policy config in a reviewed change first.",
      });
    } else if (now.type !== typeOfUrn(urn)) {
      // An alias across types makes the engine treat the old resource as the new one: a replacement,
      // which deletes the old data. An alias on a cheap protected resource must not satisfy the inventory.
      findings.push({
        urn: now.urn,
        message:
          `${subject} is in this stage's inventory of protected data, and ${describeUrn(now.urn)} of another type claims it as an alias; ` +
          "Pulumi would replace the data-holding resource, deleting it. Keep the data-holding resource declared with its own type.",
      });
    } else if (!now.protect) {
      const where = now.urn === urn ? "" : ` (now ${describeUrn(now.urn)})`;
      findings.push({
        urn: now.urn,
        message: `${subject}${where} is in this stage's inventory of protected data but is no longer protected; keep protect: true.`,
      });
    }
  }
  return findings;
}

/** The rule object registered in the pack. */
export const dataForbidDroppedResources: DocumentedStackPolicy = {
  name: "data-forbid-dropped-resources",
  description:
    "Every protected data-holding resource in the stage's inventory is still declared (under its URN or an alias) and still protected.",
  severity: "critical",
  remediationSteps:
    "Give a renamed or re-parented resource its old URN as an alias (`aliases: [{ name: \"<old name>\" }]`), and keep " +
    "`protect: true`. The inventory (`inventory` in policies/config/<stage>.json) lists the stage's protected data " +
    "resources; `npm run --silent inventory -- --stack prod` prints the list for the current program. To delete such a " +
    "resource on purpose, a security reviewer removes it from the inventory first.",
  configSchema: {
    properties: {
      inventory: {
        type: "array",
        items: { type: "string", pattern: "^urn:pulumi:[^:]+::[^:]+::.+::.+$" },
        default: [],
        description: "URNs of the stage's protected data-holding resources. Default empty: nothing to check.",
      },
    },
  },
  documentation: {
    // Judges the inventory's URNs, whatever their types: no type is judged by this rule as such.
    judgedTypes: [],
    waivers: "refused-on-prod",
    rationale:
      "Access model: production data survives every change of the program. Pulumi plans a resource whose URN " +
      "changed (a new name, type or parent) without an alias as a delete and a create; on a protected resource " +
      "the delete fails only when the engine reaches it, and an unprotected one is gone. The inventory is the " +
      "reviewed list of what prod holds, so the pack can tell a dropped resource from one never declared.",
    controls: [],
  },
  validateStack: failingClosed((args, reportViolation) => {
    const { inventory } = { inventory: [], ...args.getConfig<Partial<DroppedResourcesConfig>>() };
    if (inventory.length === 0) args.notApplicable("No inventory of protected data for this stage");
    const declared = args.resources.map((r) => ({ urn: r.urn, type: r.type, aliases: r.opts.aliases ?? [], protect: r.opts.protect === true }));
    for (const finding of findDroppedResources(inventory, declared)) reportViolation(finding.message, finding.urn);
  }),
};
