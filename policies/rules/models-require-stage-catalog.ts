/**
 * models-require-stage-catalog (stack rule): registered models, and the inference tables serving endpoints write
 * their requests and responses to, live in the stage's own catalog, i.e. a catalog this stack declares (and, when
 * configured, one of the stage's catalog names).
 */
import type { StackValidationArgs } from "@pulumi/policy";
import { failingClosed, readIfKnown, undecidedMessage } from "../lib/applicability";
import type { DocumentedStackPolicy } from "../lib/rule-documentation";
import { objectOf } from "../lib/jobs";
import { CATALOG, MODEL_SERVING, REGISTERED_MODEL } from "../lib/resource-types";
import type { StackFinding } from "./grants-forbid-mixed-kinds";

/** What the rule needs to know about one registered model, or one inference table of a serving endpoint. */
export interface ModelFacts {
  /** What is placed in a catalog; a registered model when unset. */
  kind?: "model" | "inference table";
  urn: string;
  /** The Pulumi resource name. */
  resourceName: string;
  /** `name` (the model's or the endpoint's), when known. */
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
    const isTable = model.kind === "inference table";
    const label = isTable ? `The inference table of serving endpoint '${model.name ?? model.resourceName}'` : `Registered model '${model.name ?? model.resourceName}'`;
    const rule = isTable ? "an endpoint writes its requests and responses to the stage's own catalog" : "models are registered in the stage's own catalog";
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
            : `${label} names no catalog this stack declares; ${isTable ? "write it to" : "register it in"} the stage's own catalog.`,
      });
    } else if (!declared.includes(model.catalogName)) {
      findings.push({
        urn: model.urn,
        message: `${label} is in catalog '${model.catalogName}', which this stack does not declare (${declared.join(", ") || "none"}); ${rule}.`,
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
  description: "Registered models, and the inference tables serving endpoints write, live in the stage's own catalog, which this stack declares.",
  severity: "high",
  remediationSteps:
    "Set the model's `catalogName`, and the `catalogName` of an endpoint's `aiGateway.inferenceTableConfig`, to the stage " +
    "catalog declared by the same stack. To pin the catalog names a " +
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
    judgedTypes: [REGISTERED_MODEL, MODEL_SERVING, CATALOG],
    waivers: "allowed",
    rationale:
      "Separate stages: pipelines of a stage register models in their own stage's catalog (dev in dev, staging in " +
      "staging, prod in prod), and prod models are trained by prod code. A model registered in another stage's " +
      "catalog crosses the stage boundary the access model draws. So does an endpoint's inference table in another " +
      "stage's catalog: every request and response of prod (the data the model scores) would land where that stage's " +
      "people write.",
    controls: [],
  },
  validateStack: failingClosed((args: StackValidationArgs, reportViolation) => {
    const models = args.resources.filter((r) => r.type === REGISTERED_MODEL);
    const endpoints = args.resources.filter((r) => r.type === MODEL_SERVING);
    if (models.length === 0 && endpoints.length === 0) args.notApplicable(`Policy only applies to resources of types '${REGISTERED_MODEL}', '${MODEL_SERVING}'`);
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
    facts.push(...endpoints.flatMap(inferenceTableFacts));
    for (const finding of findModelsOutsideStageCatalog(facts, catalogs, config)) reportViolation(finding.message, finding.urn);
  }),
};

/**
 * The inference tables an endpoint writes: the AI gateway's, and the retired auto-capture's (refused as retired by
 * serving-require-inference-tables, but it names a catalog all the same). A table switched off, or a block the
 * endpoint does not set, writes nothing; one whose switch or catalog is unknown at preview is judged.
 */
function inferenceTableFacts(r: StackValidationArgs["resources"][number]): ModelFacts[] {
  const name = readIfKnown(() => r.props.name);
  const blocks = [
    { path: ["aiGateway", "inferenceTableConfig"], dependsOn: r.propertyDependencies.aiGateway ?? [] },
    { path: ["config", "autoCaptureConfig"], dependsOn: r.propertyDependencies.config ?? [] },
  ];
  const facts: ModelFacts[] = [];
  for (const { path, dependsOn } of blocks) {
    const block = readIfKnown(() => path.reduce<unknown>((value, key) => objectOf(value)[key], r.props));
    if (block.known && block.value === undefined) continue;
    const enabled = readIfKnown(() => objectOf(block.known ? block.value : undefined).enabled);
    if (block.known && enabled.known && enabled.value === false) continue;
    const catalogName = block.known ? readIfKnown(() => objectOf(block.value).catalogName) : ({ known: false } as const);
    facts.push({
      kind: "inference table",
      urn: r.urn,
      resourceName: r.name,
      name: name.known && typeof name.value === "string" ? name.value : undefined,
      catalogName: catalogName.known && typeof catalogName.value === "string" ? catalogName.value : undefined,
      catalogUnknown: !catalogName.known,
      catalogDependsOn: dependsOn.map((d) => d.urn),
    });
  }
  return facts;
}
