/**
 * data-require-deletion-protection: data-holding Unity Catalog resources are protected against deletion.
 */
import { forResourceTypes } from "../lib/applicability";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { CATALOG, REGISTERED_MODEL, SCHEMA, SQL_TABLE, VOLUME, typeDisplayName } from "../lib/resource-types";

/** Resource types that hold production data or models. */
export const DATA_HOLDING_TYPES: readonly string[] = [CATALOG, SCHEMA, VOLUME, REGISTERED_MODEL, SQL_TABLE];

/** What the rule needs to know about one data-holding resource. */
export interface DeletionProtectionFacts {
  type: string;
  /** The Pulumi resource name. */
  name: string;
  /** The `protect` resource option. */
  protect: boolean;
  /** The `forceDestroy` input, when the resource type has one. */
  forceDestroy?: unknown;
}

/** Returns one message per missing protection: `protect` not set, `forceDestroy: true` set. */
export function findDeletionProtectionGaps(facts: DeletionProtectionFacts): string[] {
  const resource = `${typeDisplayName(facts.type)} '${facts.name}'`;
  const messages: string[] = [];
  if (facts.protect !== true) {
    messages.push(`${resource} is not protected; set the resource option protect: true so Pulumi refuses to delete it.`);
  }
  if (facts.forceDestroy === true) {
    messages.push(`${resource} sets forceDestroy: true, so deleting it would also drop everything it contains; remove forceDestroy.`);
  }
  return messages;
}

/** The rule object registered in the pack. */
export const dataRequireDeletionProtection: DocumentedResourcePolicy = {
  name: "data-require-deletion-protection",
  description: "Catalogs, schemas, volumes, registered models and tables are protected against deletion.",
  severity: "high",
  remediationSteps:
    "Pass `protect: true` (and `retainOnDelete: true`) in the resource options of the data-holding resource " +
    "and drop `forceDestroy`. To delete such a resource on purpose, unprotect it in a reviewed change first.",
  documentation: {
    rationale:
      "Access model: production data-holding resources (catalogs, schemas, volumes, registered models, " +
      "inference and monitor tables) are protected against deletion, so a refactoring or a renamed resource " +
      "cannot drop production data or model versions. retainOnDelete is not visible over the analyzer " +
      "protocol (AnalyzerResourceOptions in pulumi/analyzer.proto carries protect, ignoreChanges, " +
      "deleteBeforeReplace, additionalSecretOutputs, aliases, customTimeouts and parent only), so the " +
      "program's component tests assert retainOnDelete.",
    controls: [],
  },
  validateResource: forResourceTypes(DATA_HOLDING_TYPES, (args, reportViolation) => {
    const facts: DeletionProtectionFacts = {
      type: args.type,
      name: args.name,
      protect: args.opts.protect,
      forceDestroy: args.props.forceDestroy,
    };
    for (const message of findDeletionProtectionGaps(facts)) reportViolation(message);
  }),
};
