import { CATALOG, MODEL_SERVING, QUALITY_MONITOR, REGISTERED_MODEL } from "../../policies/lib/resource-types";
import { type ModelFacts, findModelsOutsideStageCatalog, modelsRequireStageCatalog } from "../../policies/rules/models-require-stage-catalog";
import { invokeStackRule, stackResource as res } from "./invoke-stack-rule";

const catalog = { urn: "urn:catalog", name: "prod_mlops" };
const model = (overrides: Partial<ModelFacts> = {}): ModelFacts => ({
  urn: "urn:model",
  resourceName: "prod-churn-model",
  name: "churn_model",
  catalogName: "prod_mlops",
  catalogUnknown: false,
  catalogDependsOn: [],
  ...overrides,
});

describe("models-require-stage-catalog", () => {
  test("a model in the stack's catalog passes, with or without configured catalog names", () => {
    expect(findModelsOutsideStageCatalog([model()], [catalog], {})).toEqual([]);
    expect(findModelsOutsideStageCatalog([model()], [catalog], { catalogNames: ["prod_mlops"] })).toEqual([]);
  });

  test("a model in another stage's catalog, which this stack does not declare", () => {
    expect(findModelsOutsideStageCatalog([model({ catalogName: "dev_mlops" })], [catalog], {})).toEqual([
      {
        urn: "urn:model",
        message: "Registered model 'churn_model' is in catalog 'dev_mlops', which this stack does not declare (prod_mlops); models are registered in the stage's own catalog.",
      },
    ]);
  });

  test("a model in a declared catalog that is not one of the stage's configured catalogs", () => {
    const sandbox = { urn: "urn:sandbox", name: "sandbox" };
    expect(findModelsOutsideStageCatalog([model({ catalogName: "sandbox" })], [catalog, sandbox], { catalogNames: ["prod_mlops"] })).toEqual([
      { urn: "urn:model", message: "Registered model 'churn_model' is in catalog 'sandbox', but this stage's catalogs are prod_mlops." },
    ]);
  });

  test("a model without a catalog, or whose unknown catalog is not the stack's", () => {
    const message = "Registered model 'churn_model' names no catalog this stack declares; register it in the stage's own catalog.";
    expect(findModelsOutsideStageCatalog([model({ catalogName: undefined })], [catalog], {})).toEqual([{ urn: "urn:model", message }]);
    expect(findModelsOutsideStageCatalog([model({ catalogName: undefined, catalogUnknown: true })], [catalog], {})).toEqual([{ urn: "urn:model", message }]);
  });

  test("during preview an unknown catalog name is matched through the model's dependencies", () => {
    const unknown = model({ catalogName: undefined, catalogUnknown: true, catalogDependsOn: ["urn:catalog"] });
    expect(findModelsOutsideStageCatalog([unknown], [catalog], { catalogNames: ["prod_mlops"] })).toEqual([]);
  });
});

describe("models-require-stage-catalog, several catalogs", () => {
  const sandbox = { urn: "urn:sandbox", name: "sandbox" };

  test("every declared catalog is listed; unnamed ones are left out, and none reads none", () => {
    const outside = model({ catalogName: "dev_mlops" });
    expect(findModelsOutsideStageCatalog([outside], [{ urn: "urn:unnamed" }, catalog, sandbox], {})[0].message).toBe(
      "Registered model 'churn_model' is in catalog 'dev_mlops', which this stack does not declare (prod_mlops, sandbox); models are registered in the stage's own catalog.",
    );
    expect(findModelsOutsideStageCatalog([outside], [], {})[0].message).toBe(
      "Registered model 'churn_model' is in catalog 'dev_mlops', which this stack does not declare (none); models are registered in the stage's own catalog.",
    );
  });

  test("every configured catalog is listed", () => {
    expect(findModelsOutsideStageCatalog([model({ catalogName: "sandbox" })], [catalog, sandbox], { catalogNames: ["prod_mlops", "prod_features"] })[0].message).toBe(
      "Registered model 'churn_model' is in catalog 'sandbox', but this stage's catalogs are prod_mlops, prod_features.",
    );
  });

  test("an unknown catalog name needs a dependency on one declared catalog, not on all", () => {
    const unknown = model({ catalogName: undefined, catalogUnknown: true, catalogDependsOn: ["urn:sandbox"] });
    expect(findModelsOutsideStageCatalog([unknown], [catalog, sandbox], {})).toEqual([]);
  });

  test("with the stage's catalogs pinned, an unknown catalog name passes only when it comes from one of them", () => {
    const fromSandbox = model({ catalogName: undefined, catalogUnknown: true, catalogDependsOn: ["urn:sandbox"] });
    expect(findModelsOutsideStageCatalog([fromSandbox], [catalog, sandbox], { catalogNames: ["prod_mlops"] })).toEqual([
      {
        urn: "urn:model",
        message:
          "Registered model 'churn_model' cannot be checked during preview: its catalogName is unknown and comes from a catalog not known to be one of this stage's (prod_mlops). " +
          "This rule fails closed on unknown values: make the value known at preview time (a literal or an input of another resource, not a provider-computed output), " +
          "or preview again once the resource it comes from exists.",
      },
    ]);
    const fromBoth = model({ catalogName: undefined, catalogUnknown: true, catalogDependsOn: ["urn:catalog", "urn:sandbox"] });
    expect(findModelsOutsideStageCatalog([fromBoth], [catalog, sandbox], { catalogNames: ["prod_mlops"] })).toHaveLength(1);
    const fromUnnamed = model({ catalogName: undefined, catalogUnknown: true, catalogDependsOn: ["urn:unnamed"] });
    expect(findModelsOutsideStageCatalog([fromUnnamed], [{ urn: "urn:unnamed" }], { catalogNames: ["prod_mlops"] })).toHaveLength(1);
    expect(findModelsOutsideStageCatalog([fromUnnamed], [{ urn: "urn:unnamed" }], {})).toEqual([]);
    expect(findModelsOutsideStageCatalog([fromBoth], [catalog, sandbox], { catalogNames: ["prod_mlops", "sandbox"] })).toEqual([]);
  });

  test("a dependency does not stand in for a catalog name that is known to be absent", () => {
    const absent = model({ catalogName: undefined, catalogUnknown: false, catalogDependsOn: ["urn:catalog"] });
    expect(findModelsOutsideStageCatalog([absent], [catalog], {})).toHaveLength(1);
  });
});

describe("models-require-stage-catalog, the registered rule", () => {
  const at = `urn:pulumi:prod::databricks-mlops::${REGISTERED_MODEL}::model`;
  const stageCatalog = res(CATALOG, "stage", { name: "prod_mlops" });
  /** Model props whose catalogName is unknown, as during preview when it comes from another resource's output. */
  const unknownCatalog = () =>
    Object.defineProperty({ name: "churn_model" }, "catalogName", {
      enumerable: true,
      get: () => {
        class UnknownValueError extends Error {}
        throw new UnknownValueError("string value at .catalogName can't be known during preview");
      },
    });
  const outside = { violations: [{ urn: at, message: "Registered model 'churn_model' names no catalog this stack declares; register it in the stage's own catalog." }] };

  test("during preview an unknown catalog name passes only when it is taken from a catalog the stack declares", () => {
    const fromStage = res(REGISTERED_MODEL, "model", unknownCatalog(), { propertyDependsOn: { catalogName: [stageCatalog] } });
    expect(invokeStackRule(modelsRequireStageCatalog, [stageCatalog, fromStage])).toEqual({ violations: [] });
    const fromElsewhere = res(REGISTERED_MODEL, "model", unknownCatalog(), { propertyDependsOn: { catalogName: [res("databricks:index/sqlQuery:SqlQuery", "q")] } });
    expect(invokeStackRule(modelsRequireStageCatalog, [stageCatalog, fromElsewhere])).toEqual(outside);
  });

  test("a dependency on the stage's catalog by dependsOn or through another input does not vouch for an unknown catalog name", () => {
    const ordered = res(REGISTERED_MODEL, "model", unknownCatalog(), { dependsOn: [stageCatalog] });
    expect(invokeStackRule(modelsRequireStageCatalog, [stageCatalog, ordered])).toEqual(outside);
    const viaOwner = res(REGISTERED_MODEL, "model", unknownCatalog(), { propertyDependsOn: { owner: [stageCatalog] } });
    expect(invokeStackRule(modelsRequireStageCatalog, [stageCatalog, viaOwner])).toEqual(outside);
  });

  test("a catalog or model name that is no text is no name", () => {
    const oddCatalog = res(CATALOG, "odd", { name: 7 });
    const model = res(REGISTERED_MODEL, "model", { name: 7, catalogName: "dev_mlops" });
    expect(invokeStackRule(modelsRequireStageCatalog, [oddCatalog, model])).toEqual({
      violations: [{ urn: at, message: "Registered model 'model' is in catalog 'dev_mlops', which this stack does not declare (none); models are registered in the stage's own catalog." }],
    });
  });
});


describe("models-require-stage-catalog, the inference tables of serving endpoints", () => {
  const at = `urn:pulumi:prod::databricks-mlops::${MODEL_SERVING}::endpoint`;
  const stageCatalog = res(CATALOG, "stage", { name: "prod_mlops" });
  const gateway = (table: Record<string, unknown>) => ({ name: "prod-churn", aiGateway: { inferenceTableConfig: { enabled: true, schemaName: "inference", tableNamePrefix: "churn", ...table } } });
  const judge = (props: Record<string, unknown>, links = {}) =>
    invokeStackRule(modelsRequireStageCatalog, [stageCatalog, res(MODEL_SERVING, "endpoint", props, links)], { catalogNames: ["prod_mlops"] });
  const outside = (catalog: string) => ({
    violations: [
      {
        urn: at,
        message: `The inference table of serving endpoint 'prod-churn' is in catalog '${catalog}', which this stack does not declare (prod_mlops); an endpoint writes its requests and responses to the stage's own catalog.`,
      },
    ],
  });

  test("an endpoint writing its inference table to the stage's catalog passes", () => {
    expect(judge(gateway({ catalogName: "prod_mlops" }))).toEqual({ violations: [] });
  });

  test("an inference table in another stage's catalog is refused: prod's requests and responses would land in dev", () => {
    expect(judge(gateway({ catalogName: "dev_mlops" }))).toEqual(outside("dev_mlops"));
  });

  test("the retired auto-capture config names a catalog too, and is judged the same way", () => {
    expect(judge({ name: "prod-churn", config: { autoCaptureConfig: { enabled: true, catalogName: "dev_mlops", schemaName: "inference" } } })).toEqual(outside("dev_mlops"));
  });

  test("a declared catalog that is not one of the stage's configured catalogs is refused", () => {
    const sandbox = res(CATALOG, "sandbox", { name: "sandbox" });
    expect(invokeStackRule(modelsRequireStageCatalog, [stageCatalog, sandbox, res(MODEL_SERVING, "endpoint", gateway({ catalogName: "sandbox" }))], { catalogNames: ["prod_mlops"] })).toEqual({
      violations: [{ urn: at, message: "The inference table of serving endpoint 'prod-churn' is in catalog 'sandbox', but this stage's catalogs are prod_mlops." }],
    });
  });

  test("an enabled table without a catalog is refused; a switched-off table or an endpoint without one writes nothing and passes", () => {
    expect(judge(gateway({}))).toEqual({
      violations: [{ urn: at, message: "The inference table of serving endpoint 'prod-churn' names no catalog this stack declares; write it to the stage's own catalog." }],
    });
    expect(judge(gateway({ enabled: false, catalogName: "dev_mlops" }))).toEqual({ violations: [] });
    expect(judge({ name: "prod-churn" })).toEqual({ violations: [] });
  });

  test("during preview an unknown catalog passes only when the gateway block takes it from a catalog the stack declares", () => {
    const unknownGateway = () =>
      Object.defineProperty({ name: "prod-churn" }, "aiGateway", {
        enumerable: true,
        get: () => {
          class UnknownValueError extends Error {}
          throw new UnknownValueError("object value at .aiGateway can't be known during preview");
        },
      });
    expect(judge(unknownGateway(), { propertyDependsOn: { aiGateway: [stageCatalog] } })).toEqual({ violations: [] });
    expect(judge(unknownGateway(), { propertyDependsOn: { aiGateway: [res(CATALOG, "elsewhere")] } })).toEqual({
      violations: [{ urn: at, message: "The inference table of serving endpoint 'prod-churn' names no catalog this stack declares; write it to the stage's own catalog." }],
    });
  });
});

describe("models-require-stage-catalog, the models an endpoint serves", () => {
  const at = `urn:pulumi:prod::databricks-mlops::${MODEL_SERVING}::endpoint`;
  const stageCatalog = res(CATALOG, "stage", { name: "prod_mlops" });
  const judge = (config: Record<string, unknown>, links = {}) =>
    invokeStackRule(modelsRequireStageCatalog, [stageCatalog, res(MODEL_SERVING, "endpoint", { name: "prod-churn", config }, links)], { catalogNames: ["prod_mlops"] });
  const why = "an endpoint serves models of the stage's own catalog, trained by the stage's code";

  test("an endpoint serving the stage's model passes", () => {
    expect(judge({ servedEntities: [{ name: "champion", entityName: "prod_mlops.ml_assets.churn", entityVersion: "3" }] })).toEqual({ violations: [] });
  });

  test("an endpoint serving another stage's model is refused: prod would serve a model prod code did not train", () => {
    expect(judge({ servedEntities: [{ name: "champion", entityName: "prod_mlops.ml_assets.churn" }, { name: "challenger", entityName: "dev_mlops.ml_assets.churn" }] })).toEqual({
      violations: [
        { urn: at, message: `Model 'dev_mlops.ml_assets.churn' served by endpoint 'prod-churn' is in catalog 'dev_mlops', which this stack does not declare (prod_mlops); ${why}.` },
      ],
    });
  });

  test("a legacy served model is judged alike; a workspace-registry model (no catalog) is refused", () => {
    expect(judge({ servedModels: [{ modelName: "dev_mlops.ml_assets.churn", modelVersion: "1" }] }).violations).toHaveLength(1);
    expect(judge({ servedModels: [{ modelName: "churn", modelVersion: "1" }] })).toEqual({
      violations: [{ urn: at, message: "Model 'churn' served by endpoint 'prod-churn' names no catalog this stack declares; serve a model of the stage's own catalog." }],
    });
  });

  test("an external model names no model of a catalog and is left to data-restrict-egress", () => {
    expect(judge({ servedEntities: [{ name: "gpt", externalModel: { provider: "openai", name: "gpt-4o", task: "llm/v1/chat" } }] })).toEqual({ violations: [] });
  });

  test("served models unknown at preview pass only when the config takes them from the stage's catalog", () => {
    const unknownConfig = () =>
      Object.defineProperty({ name: "prod-churn" }, "config", {
        enumerable: true,
        get: () => {
          class UnknownValueError extends Error {}
          throw new UnknownValueError("object value at .config can't be known during preview");
        },
      });
    const withConfig = (links: Record<string, unknown>) => invokeStackRule(modelsRequireStageCatalog, [stageCatalog, res(MODEL_SERVING, "endpoint", unknownConfig(), links)], { catalogNames: ["prod_mlops"] });
    expect(withConfig({ propertyDependsOn: { config: [stageCatalog] } })).toEqual({ violations: [] });
    // An unknown config may hold the retired auto-capture table as well: both are undecided and fail closed.
    expect(withConfig({}).violations.map((v) => v.message)).toEqual([
      "The inference table of serving endpoint 'prod-churn' names no catalog this stack declares; write it to the stage's own catalog.",
      "Model '?' served by endpoint 'prod-churn' names no catalog this stack declares; serve a model of the stage's own catalog.",
    ]);
  });
});

describe("models-require-stage-catalog, where monitors write their metrics", () => {
  const at = `urn:pulumi:prod::databricks-mlops::${QUALITY_MONITOR}::monitor`;
  const stageCatalog = res(CATALOG, "stage", { name: "prod_mlops" });
  const judge = (props: Record<string, unknown>) => invokeStackRule(modelsRequireStageCatalog, [stageCatalog, res(QUALITY_MONITOR, "monitor", props)], { catalogNames: ["prod_mlops"] });

  test("a monitor writing to the stage's catalog passes; to another stage's catalog, or no catalog, it is refused", () => {
    expect(judge({ tableName: "prod_mlops.inference.preds", outputSchemaName: "prod_mlops.monitoring" })).toEqual({ violations: [] });
    expect(judge({ tableName: "prod_mlops.inference.preds", outputSchemaName: "dev_mlops.monitoring" })).toEqual({
      violations: [
        {
          urn: at,
          message:
            "The output schema of quality monitor 'prod_mlops.inference.preds' is in catalog 'dev_mlops', which this stack does not declare (prod_mlops); a monitor writes the profile of the stage's data to the stage's own catalog.",
        },
      ],
    });
    expect(judge({ tableName: "prod_mlops.inference.preds", outputSchemaName: "monitoring" }).violations).toHaveLength(1);
  });
});
