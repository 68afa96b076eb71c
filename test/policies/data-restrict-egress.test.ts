/** data-restrict-egress: every path out of (or into) the stage is one the policy config names (issue 19, point 2). */
import { DEFAULT_EGRESS_CONFIG, EGRESS_TYPES, type ExternalModelEntry, dataRestrictEgress, findEgress, underLocation } from "../../policies/rules/data-restrict-egress";
import { namesModel } from "../../policies/lib/external-model-egress";
import { invokeRule } from "./invoke-rule";
import { UNKNOWN_STRING, asValidationInputs } from "../support/unknown-values";

const d = (module: string, className: string) => `databricks:index/${module}:${className}`;
const BUCKET = "s3://prod-mlops-catalog-123456789012/";
const config = { ...DEFAULT_EGRESS_CONFIG, storageLocations: [BUCKET] };
const named = {
  ...config,
  shares: ["partner-features"],
  recipients: ["partner"],
  providers: ["vendor"],
  connections: ["crm"],
  serviceCredentials: ["dynamo-writer"],
};

describe("data-restrict-egress: storage paths", () => {
  test("the stage's own paths pass: the location, a root under it, any case of the scheme, s3a", () => {
    expect(findEgress(d("externalLocation", "ExternalLocation"), "l", { url: BUCKET }, config)).toEqual([]);
    expect(findEgress(d("catalog", "Catalog"), "c", { storageRoot: "S3://prod-mlops-catalog-123456789012/managed" }, config)).toEqual([]);
    expect(findEgress(d("volume", "Volume"), "v", { storageLocation: "s3a://prod-mlops-catalog-123456789012/vol" }, config)).toEqual([]);
    expect(findEgress(d("schema", "Schema"), "s", {}, config)).toEqual([]);
    // Unset, a model's versions and an experiment's artifacts go to the catalog's or workspace's managed storage.
    expect(findEgress(d("registeredModel", "RegisteredModel"), "m", { catalogName: "prod_mlops" }, config)).toEqual([]);
    expect(findEgress(d("mlflowExperiment", "MlflowExperiment"), "e", { name: "/Shared/mlops/e", artifactLocation: `${BUCKET}experiments/e` }, config)).toEqual([]);
    expect(underLocation("s3://prod-mlops-catalog-123456789012", [BUCKET])).toBe(true);
  });

  test.each([
    [d("externalLocation", "ExternalLocation"), "url", "s3://someone-else/"],
    [d("externalLocation", "ExternalLocation"), "url", "s3://prod-mlops-catalog-123456789012-copy/"],
    [d("catalog", "Catalog"), "storageRoot", "s3://other/managed"],
    [d("schema", "Schema"), "storageRoot", "s3://other/schema"],
    [d("volume", "Volume"), "storageLocation", "s3://other/vol"],
    [d("sqlTable", "SqlTable"), "storageLocation", "s3://other/table"],
    [d("share", "Share"), "storageRoot", "s3://other/share"],
    [d("pipeline", "Pipeline"), "storage", "s3://other/pipeline"],
    [d("registeredModel", "RegisteredModel"), "storageLocation", "s3://other/models"],
    [d("mlflowExperiment", "MlflowExperiment"), "artifactLocation", "s3://other/artifacts"],
    [d("mlflowExperiment", "MlflowExperiment"), "artifactLocation", "dbfs:/tmp/artifacts"],
  ])("%s with %s %s outside the stage's locations is refused", (type, field, url) => {
    const props = { name: "partner-features", [field]: url };
    expect(findEgress(type, "x", props, named)).toEqual([
      `${type.split(":").pop()} 'x' keeps data at "${url}" (${field}), outside the stage's storage locations (storageLocations in this stage's policy config: '${BUCKET}'); ` +
        "data written there leaves the stage's bucket and its key.",
    ]);
  });

  test("a path that is not text is refused; with no locations configured, every path is", () => {
    expect(findEgress(d("externalLocation", "ExternalLocation"), "x", { url: 3 }, config)).toHaveLength(1);
    expect(findEgress(d("externalLocation", "ExternalLocation"), "x", { url: BUCKET }, DEFAULT_EGRESS_CONFIG)[0]).toContain("storageLocations in this stage's policy config: none");
  });
});

describe("data-restrict-egress: sharing, connections, service credentials", () => {
  test("named paths pass", () => {
    expect(findEgress(d("share", "Share"), "s", { name: "Partner-Features" }, named)).toEqual([]);
    expect(findEgress(d("recipient", "Recipient"), "r", { name: "partner" }, named)).toEqual([]);
    expect(findEgress(d("metastoreProvider", "MetastoreProvider"), "p", { name: "vendor" }, named)).toEqual([]);
    expect(findEgress(d("connection", "Connection"), "c", { name: "crm" }, named)).toEqual([]);
    expect(findEgress(d("credential", "Credential"), "c", { name: "dynamo-writer", purpose: "SERVICE" }, named)).toEqual([]);
    expect(findEgress(d("credential", "Credential"), "c", { name: "anything", purpose: "storage" }, config)).toEqual([]);
    expect(findEgress(d("catalog", "Catalog"), "c", { connectionName: "crm", providerName: "vendor" }, named)).toEqual([]);
  });

  test.each([
    [d("share", "Share"), { name: "features" }, "Share 's' shares the stage's tables through Delta Sharing, but this stage's policy config names no share 'features' (shares: none)."],
    [d("recipient", "Recipient"), { name: "mlops-data-scientists" }, "Recipient 's' lets 'mlops-data-scientists' receive shares from outside the stage's workspaces, but this stage's policy config does not name it (recipients: none)."],
    [d("metastoreProvider", "MetastoreProvider"), { name: "vendor" }, "MetastoreProvider 's' brings shares of 'vendor' into the metastore, but this stage's policy config does not name it (providers: none)."],
    [d("connection", "Connection"), {}, "Connection 's' connects the stage to an outside system, but this stage's policy config does not name the connection 's' (connections: none)."],
    [
      d("credential", "Credential"),
      { name: "svc", purpose: "SERVICE" },
      "Credential 's' gives code a role to call cloud services (purpose SERVICE), a path out past Unity Catalog's storage paths, but this stage's policy config does not name it (serviceCredentials: none).",
    ],
    [d("catalog", "Catalog"), { connectionName: "crm" }, "Catalog 's' mounts a foreign catalog through the connection 'crm', which this stage's policy config does not name (connections: none)."],
    [d("catalog", "Catalog"), { providerName: "vendor", shareName: "x" }, "Catalog 's' mounts a share of the provider 'vendor', which this stage's policy config does not name (providers: none)."],
  ])("%s %j is refused", (type, props, message) => {
    expect(findEgress(type, "s", props, DEFAULT_EGRESS_CONFIG)).toEqual([message]);
  });

  test("the registered rule judges every egress type with the schema's defaults", () => {
    const routing = { destinations: [{ externalModelConfig: { modelProviderService: "s", target: { model: "m" } } }] };
    const served = { config: { servedEntities: [{ externalModel: { provider: "openai", name: "m" } }], providerType: "OPENAI", routing }, parameters: [{ name: "serving_config", default: "x" }] };
    const props = { name: "x", url: "s3://o/", storageRoot: "s3://o/", storageLocation: "s3://o/", storage: "s3://o/", artifactLocation: "s3://o/", ...served };
    for (const type of EGRESS_TYPES) expect([type, invokeRule(dataRestrictEgress, { type, name: "x", props }, {}).violations.length > 0]).toEqual([type, true]);
    expect(invokeRule(dataRestrictEgress, { type: d("catalog", "Catalog"), name: "c", props: { storageRoot: `${BUCKET}managed` } }, { storageLocations: [BUCKET] })).toEqual({ violations: [] });
  });
});

describe("data-restrict-egress: served external models", () => {
  const SERVING = d("modelServing", "ModelServing");
  const JOB = d("job", "Job");
  const openai = { provider: "openai", name: "gpt-4o", task: "llm/v1/chat", openaiConfig: { openaiApiKey: "{{secrets/llm/openai}}" } };
  const endpoint = (...externalModels: Record<string, unknown>[]) => ({
    name: "prod-chat",
    config: { servedEntities: externalModels.map((externalModel, i) => ({ name: `e${i}`, externalModel })) },
  });
  const withModels = (...externalModels: ExternalModelEntry[]) => ({ ...config, externalModels });
  const refusal = (subject: string, model: string, provider: string, at: string, entry: string, listed = "none") =>
    `${subject}, the external model '${model}' of provider '${provider}'${at}: it forwards every request, the stage's data in its prompts included, ` +
    `to that provider, but this stage's policy config does not name it (externalModels: ${listed}). To accept this path out, a security reviewer adds ${entry} to externalModels of data-restrict-egress.`;

  test("an endpoint of the stage's own models passes, and so does one without config (the deployment task sets it)", () => {
    const own = { name: "prod-churn", config: { servedEntities: [{ name: "champion", entityName: "prod_mlops.ml_assets.churn", entityVersion: "3" }] } };
    expect(findEgress(SERVING, "e", own, config)).toEqual([]);
    expect(findEgress(SERVING, "e", { name: "prod-churn" }, config)).toEqual([]);
  });

  test("a named model passes, compared case-insensitively; its address must be named too when its config gives one", () => {
    expect(findEgress(SERVING, "e", endpoint(openai), withModels({ provider: "OpenAI", name: "GPT-4o" }))).toEqual([]);
    const azure = { ...openai, openaiConfig: { openaiApiBase: "https://corp.openai.azure.com/", openaiApiType: "azure" } };
    expect(findEgress(SERVING, "e", endpoint(azure), withModels({ provider: "openai", name: "gpt-4o", url: "HTTPS://corp.openai.azure.com" }))).toEqual([]);
    const workspace = { provider: "databricks-model-serving", name: "shared-llm", task: "llm/v1/chat", databricksModelServingConfig: { databricksWorkspaceUrl: "https://dbc-shared.cloud.databricks.com" } };
    expect(findEgress(SERVING, "e", endpoint(workspace), withModels({ provider: "databricks-model-serving", name: "shared-llm", url: "https://dbc-shared.cloud.databricks.com/" }))).toEqual([]);
  });

  test("an unnamed model is refused with the entry a reviewer adds; every other entry is listed", () => {
    expect(findEgress(SERVING, "e", endpoint(openai), config)).toEqual([refusal("Endpoint 'prod-chat' serves entity 'e0'", "gpt-4o", "openai", "", '{"provider":"openai","name":"gpt-4o"}')]);
    expect(findEgress(SERVING, "e", endpoint({ provider: "anthropic", name: "claude" }), withModels({ provider: "openai", name: "gpt-4o" }))).toEqual([
      refusal("Endpoint 'prod-chat' serves entity 'e0'", "claude", "anthropic", "", '{"provider":"anthropic","name":"claude"}', "'openai:gpt-4o'"),
    ]);
  });

  test.each([
    ["another model of a named provider", { ...openai, name: "gpt-4.1" }, { provider: "openai", name: "gpt-4o" }],
    ["the named model of another provider", { ...openai, provider: "azure-openai" }, { provider: "openai", name: "gpt-4o" }],
    ["the named model at an address the entry does not give", { ...openai, openaiConfig: { openaiApiBase: "https://proxy.attacker.example/v1" } }, { provider: "openai", name: "gpt-4o" }],
    ["the named model at another address", { ...openai, openaiConfig: { openaiApiBase: "https://proxy.attacker.example/v1" } }, { provider: "openai", name: "gpt-4o", url: "https://api.openai.com/v1" }],
    ["an entry with an address for a model at its provider's own API", openai, { provider: "openai", name: "gpt-4o", url: "https://api.openai.com/v1" }],
    ["an address hidden in another provider's block", { ...openai, cohereConfig: { cohereApiBase: "https://elsewhere.example" } }, { provider: "openai", name: "gpt-4o" }],
    ["a custom provider's URL", { provider: "custom", name: "m", customProviderConfig: { customProviderUrl: "https://llm.example/v1" } }, { provider: "custom", name: "m" }],
    ["another workspace's endpoint", { provider: "databricks-model-serving", name: "m", databricksModelServingConfig: { databricksWorkspaceUrl: "https://dbc-other.cloud.databricks.com" } }, { provider: "databricks-model-serving", name: "m" }],
    ["a provider that is not text", { ...openai, provider: 7 }, { provider: "7", name: "gpt-4o" }],
  ])("%s is refused", (_label, model, entry) => {
    expect(findEgress(SERVING, "e", endpoint(model), withModels(entry as ExternalModelEntry))).toHaveLength(1);
  });

  test("the message names the address, masks credentials written into it, and gives the entry with it", () => {
    const model = { provider: "custom", name: "m", customProviderConfig: { customProviderUrl: "https://user:hunter2@llm.example/v1" } };
    const [message] = findEgress(SERVING, "e", endpoint(model), config);
    expect(message).toBe(
      refusal("Endpoint 'prod-chat' serves entity 'e0'", "m", "custom", " at 'https://***@llm.example/v1' (customProviderConfig.customProviderUrl)", '{"provider":"custom","name":"m","url":"https://***@llm.example/v1"}'),
    );
    expect(message).not.toContain("hunter2");
  });

  test("every served entity is judged: a fallback behind the stage's own model, a legacy served model, the second of two", () => {
    const props = {
      name: "prod-chat",
      aiGateway: { fallbackConfig: { enabled: true } },
      config: { servedEntities: [{ name: "own", entityName: "prod_mlops.ml_assets.chat", entityVersion: "1" }, { name: "fallback", externalModel: openai }] },
    };
    expect(findEgress(SERVING, "e", props, config)).toEqual([refusal("Endpoint 'prod-chat' serves entity 'fallback'", "gpt-4o", "openai", "", '{"provider":"openai","name":"gpt-4o"}')]);
    expect(findEgress(SERVING, "e", endpoint(openai, { provider: "anthropic", name: "claude" }), withModels({ provider: "openai", name: "gpt-4o" }))).toHaveLength(1);
  });

  test("a job's deployment task that applies an external model at run time is judged like the endpoint", () => {
    const servingConfig = JSON.stringify({ served_entities: [{ name: "gpt", external_model: { provider: "openai", name: "gpt-4o", task: "llm/v1/chat" } }] });
    const job = { name: "prod-chat-deploy", tasks: [{ taskKey: "deploy", notebookTask: { notebookPath: "deploy", baseParameters: { serving_config: servingConfig } } }] };
    expect(findEgress(JOB, "j", job, config)).toEqual([
      refusal("Job 'prod-chat-deploy' deploys served entity 'gpt' (task 'deploy', serving_config)", "gpt-4o", "openai", "", '{"provider":"openai","name":"gpt-4o"}'),
    ]);
    expect(findEgress(JOB, "j", job, withModels({ provider: "openai", name: "gpt-4o" }))).toEqual([]);
    const parameter = { name: "prod-chat-deploy", parameters: [{ name: "serving_config", default: servingConfig }] };
    expect(findEgress(JOB, "j", parameter, config)[0]).toContain("Job 'prod-chat-deploy' deploys served entity 'gpt' (job parameter, serving_config), the external model 'gpt-4o'");
    const unreadable = { name: "prod-chat-deploy", parameters: [{ name: "serving_config", default: "{not json" }] };
    expect(findEgress(JOB, "j", unreadable, config)).toEqual([
      "Job 'prod-chat-deploy' passes serving_config in job parameter, but not as JSON with served_entities, so whether it deploys an external model cannot be judged; pass the JSON the program builds.",
    ]);
    expect(findEgress(JOB, "j", { name: "prod-churn-training", tasks: [{ taskKey: "train", notebookTask: { notebookPath: "train" } }] }, config)).toEqual([]);
  });

  test("namesModel: the address decides as much as the name", () => {
    const model = { provider: "openai", name: "gpt-4o", urls: [] };
    expect(namesModel({ provider: " openai ", name: "gpt-4o" }, model)).toBe(true);
    expect(namesModel({ provider: "openai", name: "gpt-4o", url: "https://x" }, model)).toBe(false);
    const twoUrls = { ...model, urls: [{ url: "https://a" }, { url: "https://b" }] };
    expect(namesModel({ provider: "openai", name: "gpt-4o", url: "https://a" }, twoUrls)).toBe(false);
  });

  test("the registered rule reads externalModels from the config and fails closed on an unknown provider", () => {
    const rule = (props: Record<string, unknown>, cfg: object) => invokeRule(dataRestrictEgress, { type: SERVING, name: "e", props }, cfg).violations;
    expect(rule(endpoint(openai), { externalModels: [{ provider: "openai", name: "gpt-4o" }] })).toEqual([]);
    expect(rule(endpoint(openai), {})).toHaveLength(1);
    const unknown = asValidationInputs(endpoint({ ...openai, provider: UNKNOWN_STRING }));
    expect(rule(unknown, { externalModels: [{ provider: "openai", name: "gpt-4o" }] })).toEqual([expect.stringMatching(/^ModelServing 'e' cannot be checked during preview: string value at/)]);
  });
});

describe("data-restrict-egress: the AI gateway's services", () => {
  const PROVIDER_SERVICE = d("aiGatewayModelProviderService", "AiGatewayModelProviderService");
  const MODEL_SERVICE = d("aiGatewayModelService", "AiGatewayModelService");
  const withModels = (...externalModels: ExternalModelEntry[]) => ({ ...config, externalModels });
  const openai = (extra: Record<string, unknown> = {}) => ({
    modelProviderServiceId: "openai",
    config: { providerType: "EXTERNAL_MODEL_PROVIDER_TYPE_OPENAI", targets: [{ model: "gpt-5" }], openai: { direct: { apiKey: {} } }, ...extra },
  });
  const tail = (entry: string, listed = "none") =>
    `: it forwards every request, the stage's data in its prompts included, to that provider, but this stage's policy config does not name it (externalModels: ${listed}). ` +
    `To accept this path out, a security reviewer adds ${entry} to externalModels of data-restrict-egress.`;

  test("a provider service's named models pass, its provider named without the type prefix", () => {
    expect(findEgress(PROVIDER_SERVICE, "s", openai(), withModels({ provider: "openai", name: "gpt-5" }))).toEqual([]);
    const azure = { config: { providerType: "EXTERNAL_MODEL_PROVIDER_TYPE_AZURE_OPENAI", targets: [{ model: "gpt-5" }], azureOpenai: { direct: { baseUrl: "https://corp.openai.azure.com" } } } };
    expect(findEgress(PROVIDER_SERVICE, "s", azure, withModels({ provider: "azure-openai", name: "gpt-5", url: "https://corp.openai.azure.com/" }))).toEqual([]);
  });

  test("a provider service's unnamed model, its base URL, and every model it allows are refused", () => {
    expect(findEgress(PROVIDER_SERVICE, "s", openai({ targets: [{ model: "gpt-5" }, { model: "o3" }] }), withModels({ provider: "openai", name: "gpt-5" }))).toEqual([
      "AiGatewayModelProviderService 'openai' exposes the model 'o3' of provider 'openai'" + tail('{"provider":"openai","name":"o3"}', "'openai:gpt-5'"),
    ]);
    const proxied = openai({ openai: { direct: { baseUrl: "https://proxy.example/v1" } } });
    expect(findEgress(PROVIDER_SERVICE, "s", proxied, withModels({ provider: "openai", name: "gpt-5" }))).toEqual([
      "AiGatewayModelProviderService 'openai' exposes the model 'gpt-5' of provider 'openai' at 'https://proxy.example/v1' (config.openai.direct.baseUrl)" +
        tail('{"provider":"openai","name":"gpt-5","url":"https://proxy.example/v1"}', "'openai:gpt-5'"),
    ]);
    const everything = "AiGatewayModelProviderService 'openai' exposes every model (allowAllTargets, or no targets listed), as the model '*' of provider 'openai'";
    expect(findEgress(PROVIDER_SERVICE, "s", openai({ allowAllTargets: true }), withModels({ provider: "openai", name: "gpt-5" }))).toEqual([
      everything + tail('{"provider":"openai","name":"*"}', "'openai:gpt-5'"),
    ]);
    expect(findEgress(PROVIDER_SERVICE, "s", openai({ targets: [] }), config)).toEqual([everything + tail('{"provider":"openai","name":"*"}')]);
    expect(findEgress(PROVIDER_SERVICE, "s", openai({ allowAllTargets: true }), withModels({ provider: "openai", name: "*" }))).toEqual([]);
    expect(findEgress(PROVIDER_SERVICE, "s", { config: { targets: [{ model: "m" }] } }, withModels({ provider: "?", name: "m" }))[0]).toContain("of provider '?'");
  });

  test("a model service's destinations through a provider service, primary and fallback, are refused unless named; Databricks-hosted ones pass", () => {
    const external = (service: string, model: string) => ({ destinationType: "DESTINATION_TYPE_EXTERNAL_FOUNDATION_MODEL", externalModelConfig: { modelProviderService: service, target: { model } } });
    const props = {
      modelServiceId: "chat",
      config: {
        routing: {
          destinations: [external("model-provider-services/prod_mlops.llm.openai", "gpt-5"), { destinationType: "DESTINATION_TYPE_PAY_PER_TOKEN_FOUNDATION_MODEL", payPerTokenConfig: { model: "system.ai.llama" } }],
          fallback: { destinations: [external("model-provider-services/prod_mlops.llm.anthropic", "claude")] },
        },
      },
    };
    const named = withModels({ provider: "model-provider-services/prod_mlops.llm.openai", name: "gpt-5" });
    expect(findEgress(MODEL_SERVICE, "m", props, named)).toEqual([
      "AiGatewayModelService 'chat' routes its fallback destination 1 through a model provider service to the model 'claude' of provider 'model-provider-services/prod_mlops.llm.anthropic'" +
        tail('{"provider":"model-provider-services/prod_mlops.llm.anthropic","name":"claude"}', "'model-provider-services/prod_mlops.llm.openai:gpt-5'"),
    ]);
    expect(findEgress(MODEL_SERVICE, "m", props, config).map((m) => m.split(" through")[0])).toEqual([
      "AiGatewayModelService 'chat' routes its destination 1",
      "AiGatewayModelService 'chat' routes its fallback destination 1",
    ]);
    expect(findEgress(MODEL_SERVICE, "m", { config: { routing: { destinations: [props.config.routing.destinations[1]] } } }, config)).toEqual([]);
  });
});
