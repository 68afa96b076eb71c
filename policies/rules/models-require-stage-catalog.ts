/**
 * models-require-stage-catalog (stack rule): the stage's ML assets live in the stage's own catalog, i.e. a catalog
 * this stack declares (and, when configured, one of the stage's catalog names): registered models, the models
 * serving endpoints serve, the inference tables they write their requests and responses to, and the metrics
 * Lakehouse monitors write.
 */
import type { StackValidationArgs } from "@pulumi/policy";
import { failingClosed, readIfKnown, undecidedMessage } from "../lib/applicability";
import type { DocumentedStackPolicy } from "../lib/rule-documentation";
import { listOf, objectOf } from "../lib/jobs";
import { CATALOG, MODEL_SERVING, QUALITY_MONITOR, REGISTERED_MODEL } from "../lib/resource-types";
import type { StackFinding } from "./grants-forbid-mixed-kinds";

/** What the stage's catalog must hold: a registered model, an endpoint's inference table or served model, a monitor's output. */
export type StageAssetKind = "model" | "inference table" | "served model" | "monitor output";

/** What the rule needs to know about one asset that lives in a catalog. */
export interface ModelFacts {
  /** What is placed in a catalog; a registered model when unset. */
  kind?: StageAssetKind;
  urn: string;
  /** The Pulumi resource name. */
  resourceName: string;
  /** `name` (the model's, endpoint's or monitor's), or a served model's full name, when known. */
  name?: string;
  /** The endpoint that serves a served model. */
  servedBy?: string;
  /** The catalog; undefined when unknown during preview or unset. */
  catalogName?: string;
  /** Whether the catalog is unknown (preview) rather than unset. */
  catalogUnknown: boolean;
  /** URNs the input naming the catalog depends on (a plain dependsOn says nothing about where the asset is). */
  catalogDependsOn: string[];
}

/** How each kind of asset is named in a finding, what to do, and why. */
const KIND_TEXT: Readonly<Record<StageAssetKind, { subject: (facts: ModelFacts) => string; fix: string; why: string }>> = {
  model: {
    subject: (f) => `Registered model '${f.name ?? f.resourceName}'`,
    fix: "register it in the stage's own catalog",
    why: "models are registered in the stage's own catalog",
  },
  "inference table": {
    subject: (f) => `The inference table of serving endpoint '${f.name ?? f.resourceName}'`,
    fix: "write it to the stage's own catalog",
    why: "an endpoint writes its requests and responses to the stage's own catalog",
  },
  "served model": {
    subject: (f) => `Model '${f.name ?? "?"}' served by endpoint '${f.servedBy ?? f.resourceName}'`,
    fix: "serve a model of the stage's own catalog",
    why: "an endpoint serves models of the stage's own catalog, trained by the stage's code",
  },
  "monitor output": {
    subject: (f) => `The output schema of quality monitor '${f.name ?? f.resourceName}'`,
    fix: "write it to the stage's own catalog",
    why: "a monitor writes the profile of the stage's data to the stage's own catalog",
  },
};

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
    const text = KIND_TEXT[model.kind ?? "model"];
    const label = text.subject(model);
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
            : `${label} names no catalog this stack declares; ${text.fix}.`,
      });
    } else if (!declared.includes(model.catalogName)) {
      findings.push({
        urn: model.urn,
        message: `${label} is in catalog '${model.catalogName}', which this stack does not declare (${declared.join(", ") || "none"}); ${text.why}.`,
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
  description:
    "Registered models, the models endpoints serve, their inference tables and monitors' metrics live in the stage's own catalog, which this stack declares.",
  severity: "high",
  remediationSteps:
    "Set the model's `catalogName`, the `catalogName` of an endpoint's `aiGateway.inferenceTableConfig`, the catalog of " +
    "each served entity's `entityName` and of a quality monitor's `outputSchemaName` to the stage catalog declared by " +
    "the same stack. To pin the catalog names a " +
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
    judgedTypes: [REGISTERED_MODEL, MODEL_SERVING, QUALITY_MONITOR, CATALOG],
    waivers: "allowed",
    rationale:
      "Separate stages: pipelines of a stage register models in their own stage's catalog (dev in dev, staging in " +
      "staging, prod in prod), and prod models are trained by prod code. A model registered in another stage's " +
      "catalog crosses the stage boundary the access model draws. So does an endpoint's inference table or a monitor's " +
      "metrics in another stage's catalog (prod's requests, responses and data profiles would land where that stage's " +
      "people write), and an endpoint serving another stage's model (prod would serve a model prod code did not train).",
    controls: [],
  },
  validateStack: failingClosed((args: StackValidationArgs, reportViolation) => {
    const models = args.resources.filter((r) => r.type === REGISTERED_MODEL);
    const endpoints = args.resources.filter((r) => r.type === MODEL_SERVING);
    const monitors = args.resources.filter((r) => r.type === QUALITY_MONITOR);
    if (models.length + endpoints.length + monitors.length === 0) {
      args.notApplicable(`Policy only applies to resources of types '${REGISTERED_MODEL}', '${MODEL_SERVING}', '${QUALITY_MONITOR}'`);
    }
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
    facts.push(...endpoints.flatMap(inferenceTableFacts), ...endpoints.flatMap(servedModelFacts), ...monitors.map(monitorOutputFacts));
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

/** The catalog of a dotted Unity Catalog name (`catalog.schema[.object]`); none for a name without a dot. */
function catalogOfDotted(read: () => unknown): { known: boolean; catalog?: string } {
  const value = readIfKnown(read);
  if (!value.known) return { known: false };
  return { known: true, catalog: typeof value.value === "string" && value.value.includes(".") ? value.value.split(".")[0] : undefined };
}

/**
 * The models an endpoint serves: each served entity's `entityName` and each legacy served model's `modelName`, a Unity
 * Catalog model's full name (a workspace-registry model has no catalog). External models name no model of a catalog
 * and are data-restrict-egress's.
 */
function servedModelFacts(r: StackValidationArgs["resources"][number]): ModelFacts[] {
  const endpoint = readIfKnown(() => r.props.name);
  const served = readIfKnown(() => [
    ...listOf(objectOf(r.props.config).servedEntities).map((entity) => ({ read: () => objectOf(entity).entityName })),
    ...listOf(objectOf(r.props.config).servedModels).map((model) => ({ read: () => objectOf(model).modelName })),
  ]);
  const dependsOn = (r.propertyDependencies.config ?? []).map((d) => d.urn);
  const base = { kind: "served model" as const, urn: r.urn, resourceName: r.name, servedBy: endpoint.known && typeof endpoint.value === "string" ? endpoint.value : undefined };
  if (!served.known) return [{ ...base, catalogUnknown: true, catalogDependsOn: dependsOn }];
  return served.value.flatMap(({ read }) => {
    const name = readIfKnown(read);
    if (name.known && name.value === undefined) return [];
    const catalog = catalogOfDotted(read);
    return [{ ...base, name: name.known && typeof name.value === "string" ? name.value : undefined, catalogName: catalog.catalog, catalogUnknown: !catalog.known, catalogDependsOn: dependsOn }];
  });
}

/** Where a quality monitor writes its profile and drift metrics: the catalog of its `outputSchemaName`. */
function monitorOutputFacts(r: StackValidationArgs["resources"][number]): ModelFacts {
  const table = readIfKnown(() => r.props.tableName);
  const catalog = catalogOfDotted(() => r.props.outputSchemaName);
  return {
    kind: "monitor output",
    urn: r.urn,
    resourceName: r.name,
    name: table.known && typeof table.value === "string" ? table.value : undefined,
    catalogName: catalog.catalog,
    catalogUnknown: !catalog.known,
    catalogDependsOn: (r.propertyDependencies.outputSchemaName ?? []).map((d) => d.urn),
  };
}
