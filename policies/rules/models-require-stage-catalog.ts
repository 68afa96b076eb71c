/**
 * models-require-stage-catalog (stack rule): registered models live in the stage's own catalog, i.e. a
 * catalog this stack declares (and, when configured, one of the stage's catalog names).
 */
import type { StackValidationArgs } from "@pulumi/policy";
import { failingClosed, readIfKnown, undecidedMessage } from "../lib/applicability";
import type { DocumentedStackPolicy } from "../lib/rule-documentation";
import { CATALOG, REGISTERED_MODEL } from "../lib/resource-types";
import type { StackFinding } from "./grants-forbid-mixed-kinds";

/** What the rule needs to know about one registered model. */
export interface ModelFacts {
  urn: string;
  /** The Pulumi resource name. */
  resourceName: string;
  /** `name`, when known. */
  name?: string;
  /** `catalogName`; undefined when unknown during preview or unset. */
  catalogName?: string;
  /** Whether `catalogName` is unknown (preview) rather than unset. */
  catalogUnknown: boolean;
  /** URNs its `catalogName` input depends on (a plain dependsOn says nothing about where it is registered). */
  catalogDependsOn: string[];
}

/** What the rule needs to know about one catalog of the stack. */
export interface StageCatalogFacts {
  urn: string;
  name?: string;
}

/** The optional config of this rule. */
export interface StageCatalogConfig {
  /** The stage's catalog names; unset means any catalog this stack declares. */
  catalogNames?: string[];
}

/** Returns one finding per model outside the stage's catalogs. */
export function findModelsOutsideStageCatalog(models: ModelFacts[], catalogs: StageCatalogFacts[], config: StageCatalogConfig): StackFinding[] {
  const declared = catalogs.flatMap((catalog) => (catalog.name === undefined ? [] : [catalog.name]));
  const findings: StackFinding[] = [];
  for (const model of models) {
    const label = `Registered model '${model.name ?? model.resourceName}'`;
    if (model.catalogName === undefined) {
      // During preview the name may be unknown: the model is in the stack's catalog when it takes its name from
      // it, and in one of the stage's catalogs only when the catalogs it comes from are among them.
      const sources = model.catalogUnknown ? catalogs.filter((catalog) => model.catalogDependsOn.includes(catalog.urn)) : [];
      const pinned = (catalog: StageCatalogFacts) => config.catalogNames === undefined || (catalog.name !== undefined && config.catalogNames.includes(catalog.name));
      if (sources.length > 0 && sources.every(pinned)) continue;
      findings.push({
        urn: model.urn,
        message:
          sources.length > 0
            ? undecidedMessage(label, `its catalogName is unknown and comes from a catalog not known to be one of this stage's (${config.catalogNames!.join(", ")})`)
            : `${label} names no catalog this stack declares; register it in the stage's own catalog.`,
      });
    } else if (!declared.includes(model.catalogName)) {
      findings.push({
        urn: model.urn,
        message: `${label} is in catalog '${model.catalogName}', which this stack does not declare (${declared.join(", ") || "none"}); models are registered in the stage's own catalog.`,
      });
    } else if (config.catalogNames !== undefined && !config.catalogNames.includes(model.catalogName)) {
      findings.push({
        urn: model.urn,
        message: `${label} is in catalog '${model.catalogName}', but this stage's catalogs are ${config.catalogNames.join(", ")}.`,
      });
    }
  }
  return findings;
}

/** The rule object registered in the pack. */
export const modelsRequireStageCatalog: DocumentedStackPolicy = {
  name: "models-require-stage-catalog",
  description: "Registered models live in the stage's own catalog, which this stack declares.",
  severity: "high",
  remediationSteps:
    "Set the model's `catalogName` to the stage catalog declared by the same stack. To pin the catalog names a " +
    "stage may use, set `catalogNames` of this policy in the stage's policy config.",
  configSchema: {
    properties: {
      catalogNames: {
        type: "array",
        items: { type: "string", minLength: 1 },
        description: "The stage's catalog names; unset means any catalog this stack declares.",
      },
    },
  },
  documentation: {
    judgedTypes: [REGISTERED_MODEL, CATALOG],
    waivers: "allowed",
    rationale:
      "Separate stages: pipelines of a stage register models in their own stage's catalog (dev in dev, staging in " +
      "staging, prod in prod), and prod models are trained by prod code. A model registered in another stage's " +
      "catalog crosses the stage boundary the access model draws.",
    controls: [],
  },
  validateStack: failingClosed((args: StackValidationArgs, reportViolation) => {
    const models = args.resources.filter((r) => r.type === REGISTERED_MODEL);
    if (models.length === 0) args.notApplicable(`Policy only applies to resources of type '${REGISTERED_MODEL}'`);
    const catalogs: StageCatalogFacts[] = args.resources
      .filter((r) => r.type === CATALOG)
      .map((r) => {
        const name = readIfKnown(() => r.props.name);
        return { urn: r.urn, name: name.known && typeof name.value === "string" ? name.value : undefined };
      });
    const facts: ModelFacts[] = models.map((r) => {
      const catalogName = readIfKnown(() => r.props.catalogName);
      const name = readIfKnown(() => r.props.name);
      return {
        urn: r.urn,
        resourceName: r.name,
        name: name.known && typeof name.value === "string" ? name.value : undefined,
        catalogName: catalogName.known && typeof catalogName.value === "string" ? catalogName.value : undefined,
        catalogUnknown: !catalogName.known,
        catalogDependsOn: (r.propertyDependencies.catalogName ?? []).map((d) => d.urn),
      };
    });
    const config = args.getConfig<StageCatalogConfig>();
    for (const finding of findModelsOutsideStageCatalog(facts, catalogs, config)) reportViolation(finding.message, finding.urn);
  }),
};
