/**
 * serving-require-secret-credentials: a served model's credentials come from a secret scope, never in clear text
 * (issue 19, "no credential in clear text"); and the fields the rule knows are the provider's.
 */
import * as fs from "fs";
import * as path from "path";
import { DESTINATION_FIELDS, SECRET_REFERENCE_FIELDS, snakeCase } from "../../policies/lib/external-models";
import { PROVIDER_BLOCKS } from "../../policies/lib/ai-gateway";
import { CREDENTIAL_TYPES, findPlainCredentials, servingRequireSecretCredentials } from "../../policies/rules/serving-require-secret-credentials";
import { invokeRule } from "./invoke-rule";
import { UNKNOWN_STRING, asValidationInputs } from "../support/unknown-values";

const SERVING = "databricks:index/modelServing:ModelServing";
const JOB = "databricks:index/job:Job";
const REF = "{{secrets/llm/openai}}";
const SECRET = "sk-live-0123456789abcdef";

/** An endpoint serving one external model of `provider` with `configs` (provider config blocks). */
const endpoint = (externalModel: Record<string, unknown>, entity: Record<string, unknown> = {}) => ({
  name: "prod-chat",
  config: { servedEntities: [{ name: "gpt", externalModel: { provider: "openai", name: "gpt-4o", task: "llm/v1/chat", ...externalModel }, ...entity }] },
});
const SUBJECT = "Endpoint 'prod-chat' serves entity 'gpt'";
const plaintext = (subject: string, field: string) =>
  `${subject} sets ${field} of its external model: a credential in plain text, kept in the stack's state and shown by previews ` +
  "(the value is not shown here). Store it in a secret scope and set the field without `Plaintext` to `{{secrets/<scope>/<key>}}`.";
const literal = (subject: string, field: string) =>
  `${subject} sets ${field} of its external model to something other than a secret reference (the value is not shown here): ` +
  "this field takes `{{secrets/<scope>/<key>}}`, and anything else is the credential itself, kept in the state. Store it in a secret scope and reference it.";

describe("serving-require-secret-credentials", () => {
  test("credentials by secret reference pass, for every provider; an endpoint without external model or config passes", () => {
    const all = {
      ai21labsConfig: { ai21labsApiKey: REF },
      amazonBedrockConfig: { awsRegion: "us-east-1", bedrockProvider: "anthropic", awsAccessKeyId: REF, awsSecretAccessKey: " {{secrets/aws/secret}} " },
      anthropicConfig: { anthropicApiKey: REF },
      cohereConfig: { cohereApiKey: REF },
      customProviderConfig: { customProviderUrl: "https://llm.example", apiKeyAuth: { key: "X-Api-Key", value: REF }, bearerTokenAuth: { token: REF } },
      databricksModelServingConfig: { databricksWorkspaceUrl: "https://dbc.example", databricksApiToken: REF },
      googleCloudVertexAiConfig: { projectId: "p", region: "r", privateKey: REF },
      openaiConfig: { openaiApiKey: REF, microsoftEntraClientSecret: REF, microsoftEntraClientId: "client-id" },
      palmConfig: { palmApiKey: REF },
    };
    expect(findPlainCredentials(SERVING, "e", endpoint(all, { environmentVars: { OPENAI_API_KEY: REF, LOG_LEVEL: "debug" } }))).toEqual([]);
    expect(findPlainCredentials(SERVING, "e", endpoint({ openaiConfig: { openaiApiKeyPlaintext: "", openaiApiKey: null } }))).toEqual([]);
    expect(findPlainCredentials(SERVING, "e", { name: "prod-churn", config: { servedEntities: [{ name: "c", entityName: "prod_mlops.ml_assets.churn", entityVersion: "3" }] } })).toEqual([]);
    expect(findPlainCredentials(SERVING, "e", { name: "prod-churn" })).toEqual([]);
  });

  test.each([
    ["ai21labsConfig.ai21labsApiKeyPlaintext", { ai21labsConfig: { ai21labsApiKeyPlaintext: SECRET } }],
    ["amazonBedrockConfig.awsAccessKeyIdPlaintext", { amazonBedrockConfig: { awsAccessKeyIdPlaintext: "AKIAABCDEFGHIJKLMNOP" } }],
    ["amazonBedrockConfig.awsSecretAccessKeyPlaintext", { amazonBedrockConfig: { awsSecretAccessKeyPlaintext: SECRET } }],
    ["anthropicConfig.anthropicApiKeyPlaintext", { anthropicConfig: { anthropicApiKeyPlaintext: SECRET } }],
    ["cohereConfig.cohereApiKeyPlaintext", { cohereConfig: { cohereApiKeyPlaintext: SECRET } }],
    ["customProviderConfig.apiKeyAuth.valuePlaintext", { customProviderConfig: { customProviderUrl: "https://x", apiKeyAuth: { key: "k", valuePlaintext: SECRET } } }],
    ["customProviderConfig.bearerTokenAuth.tokenPlaintext", { customProviderConfig: { customProviderUrl: "https://x", bearerTokenAuth: { tokenPlaintext: SECRET } } }],
    ["databricksModelServingConfig.databricksApiTokenPlaintext", { databricksModelServingConfig: { databricksWorkspaceUrl: "https://x", databricksApiTokenPlaintext: SECRET } }],
    ["googleCloudVertexAiConfig.privateKeyPlaintext", { googleCloudVertexAiConfig: { privateKeyPlaintext: SECRET } }],
    ["openaiConfig.microsoftEntraClientSecretPlaintext", { openaiConfig: { microsoftEntraClientSecretPlaintext: SECRET } }],
    ["openaiConfig.openaiApiKeyPlaintext", { openaiConfig: { openaiApiKeyPlaintext: SECRET } }],
    ["palmConfig.palmApiKeyPlaintext", { palmConfig: { palmApiKeyPlaintext: SECRET } }],
    // Whatever the value: a secret reference in a plain-text field is sent as the credential itself.
    ["openaiConfig.openaiApiKeyPlaintext", { openaiConfig: { openaiApiKeyPlaintext: REF } }],
    // A plain-text field the pack does not know by name (a later provider version) is refused by its name.
    ["mistralConfig.mistralApiKeyPlaintext", { mistralConfig: { mistralApiKeyPlaintext: SECRET } }],
  ])("%s is refused, its value never shown", (field, model) => {
    const messages = findPlainCredentials(SERVING, "e", endpoint(model));
    expect(messages).toEqual([plaintext(SUBJECT, field)]);
    expect(messages.join()).not.toContain(SECRET);
  });

  test.each(SECRET_REFERENCE_FIELDS.map((fieldPath) => [fieldPath.join("."), fieldPath]))("a literal in %s is refused, its value never shown", (_label, fieldPath) => {
    const model: Record<string, unknown> = {};
    let block = model;
    for (const field of (fieldPath as string[]).slice(0, -1)) block = block[field] = {};
    block[(fieldPath as string[])[(fieldPath as string[]).length - 1]] = SECRET;
    const messages = findPlainCredentials(SERVING, "e", endpoint(model));
    expect(messages).toEqual([literal(SUBJECT, (fieldPath as string[]).join("."))]);
    expect(messages.join()).not.toContain(SECRET);
  });

  test.each([
    ["a reference with text around it", `Bearer ${REF}`],
    ["a reference without a key", "{{secrets/llm}}"],
    ["a value that is not text", 12345],
  ])("%s in a reference field is refused", (_label, value) => {
    expect(findPlainCredentials(SERVING, "e", endpoint({ openaiConfig: { openaiApiKey: value } }))).toEqual([literal(SUBJECT, "openaiConfig.openaiApiKey")]);
  });

  test("a credential-named environment variable of any served entity or served model with a literal value is refused", () => {
    const props = {
      name: "prod-churn",
      config: {
        servedEntities: [{ name: "champion", entityName: "m", entityVersion: "1", environmentVars: { DATABRICKS_TOKEN: SECRET, aws_secret_access_key: SECRET, LOG_LEVEL: "debug", MODEL_KEYS: "a,b" } }],
        servedModels: [{ name: "legacy", modelName: "m", modelVersion: "1", environmentVars: { OPENAI_API_KEY: SECRET, HTTP_PASSWORD: REF } }],
      },
    };
    const messages = findPlainCredentials(SERVING, "e", props);
    const variable = (subject: string, name: string) =>
      `${subject} sets the environment variable ${name}, named like a credential, to something other than a secret reference (the value is not shown here); set it to \`{{secrets/<scope>/<key>}}\`.`;
    expect(messages).toEqual([
      variable("Endpoint 'prod-churn' serves entity 'champion'", "DATABRICKS_TOKEN"),
      variable("Endpoint 'prod-churn' serves entity 'champion'", "aws_secret_access_key"),
      variable("Endpoint 'prod-churn' serves entity 'legacy'", "OPENAI_API_KEY"),
    ]);
    expect(messages.join()).not.toContain(SECRET);
  });

  test("every breach of one entity is reported, and the second of two entities is judged (a fallback target)", () => {
    const props = {
      name: "prod-chat",
      aiGateway: { fallbackConfig: { enabled: true } },
      config: {
        servedEntities: [
          { name: "primary", externalModel: { provider: "openai", name: "gpt-4o", openaiConfig: { openaiApiKey: REF } } },
          { name: "fallback", externalModel: { provider: "anthropic", name: "claude", anthropicConfig: { anthropicApiKey: SECRET, anthropicApiKeyPlaintext: SECRET } } },
        ],
      },
    };
    expect(findPlainCredentials(SERVING, "e", props)).toEqual([
      plaintext("Endpoint 'prod-chat' serves entity 'fallback'", "anthropicConfig.anthropicApiKeyPlaintext"),
      literal("Endpoint 'prod-chat' serves entity 'fallback'", "anthropicConfig.anthropicApiKey"),
    ]);
  });

  test("a job's deployment task that applies a served entity at run time is judged in the API's field names", () => {
    const servingConfig = JSON.stringify({
      served_entities: [
        {
          name: "gpt",
          external_model: { provider: "openai", name: "gpt-4o", openai_config: { openai_api_key_plaintext: SECRET }, custom_provider_config: { bearer_token_auth: { token: SECRET } } },
          environment_vars: { OPENAI_API_KEY: SECRET },
        },
      ],
    });
    const job = { name: "prod-chat-deploy", tasks: [{ taskKey: "deploy", notebookTask: { notebookPath: "deploy", baseParameters: { serving_config: servingConfig } } }] };
    const subject = "Job 'prod-chat-deploy' deploys served entity 'gpt' (task 'deploy', serving_config)";
    const messages = findPlainCredentials(JOB, "j", job);
    expect(messages).toEqual([
      plaintext(subject, "openai_config.openai_api_key_plaintext"),
      literal(subject, "custom_provider_config.bearer_token_auth.token"),
      `${subject} sets the environment variable OPENAI_API_KEY, named like a credential, to something other than a secret reference (the value is not shown here); set it to \`{{secrets/<scope>/<key>}}\`.`,
    ]);
    expect(messages.join()).not.toContain(SECRET);
    expect(findPlainCredentials(JOB, "j", { name: "prod-chat-deploy", parameters: [{ name: "serving_config", default: "{" }] })).toEqual([
      "Job 'prod-chat-deploy' passes serving_config in job parameter, but not as JSON with served_entities, so whether it carries a credential cannot be judged; pass the JSON the program builds.",
    ]);
    expect(findPlainCredentials(JOB, "j", { name: "prod-churn-training", tasks: [{ taskKey: "train", notebookTask: { notebookPath: "train" } }] })).toEqual([]);
  });

  test("a deployment inside a for-each task is judged; values of the job unknown during preview elsewhere do not stop the check", () => {
    const servingConfig = JSON.stringify({ served_entities: [{ name: "gpt", environment_vars: { OPENAI_API_KEY: SECRET } }] });
    const job = asValidationInputs({
      name: "prod-chat-deploy",
      tasks: [
        { taskKey: "train", existingClusterId: UNKNOWN_STRING, newCluster: { policyId: UNKNOWN_STRING }, sparkPythonTask: { pythonFile: "t.py", parameters: [UNKNOWN_STRING] } },
        { taskKey: "each", runJobTask: { jobId: UNKNOWN_STRING }, forEachTask: { inputs: "[1]", task: { taskKey: "deploy", notebookTask: { notebookPath: "d", baseParameters: { serving_config: servingConfig, other: UNKNOWN_STRING } } } } },
      ],
    });
    expect(invokeRule(servingRequireSecretCredentials, { type: JOB, name: "j", props: job }).violations).toEqual([
      "Job 'prod-chat-deploy' deploys served entity 'gpt' (task 'each/deploy', serving_config) sets the environment variable OPENAI_API_KEY, named like a credential, " +
        "to something other than a secret reference (the value is not shown here); set it to `{{secrets/<scope>/<key>}}`.",
    ]);
  });

  test("the registered rule judges endpoints and jobs only, and fails closed on a plain-text field unknown during preview", () => {
    for (const type of CREDENTIAL_TYPES) expect(invokeRule(servingRequireSecretCredentials, { type, name: "x", props: {} })).toEqual({ violations: [] });
    expect(invokeRule(servingRequireSecretCredentials, { type: "databricks:index/catalog:Catalog", props: {} }).notApplicable).toMatch(/^Policy only applies to resources of type /);
    expect(invokeRule(servingRequireSecretCredentials, { type: SERVING, name: "e", props: endpoint({ openaiConfig: { openaiApiKeyPlaintext: SECRET } }) }).violations).toEqual([plaintext(SUBJECT, "openaiConfig.openaiApiKeyPlaintext")]);
    // A version unknown during preview (the deployment task's) is not read: it cannot hold a credential.
    const version = asValidationInputs({ name: "prod-churn", config: { servedEntities: [{ name: "c", entityName: "m", entityVersion: UNKNOWN_STRING }] } });
    expect(invokeRule(servingRequireSecretCredentials, { type: SERVING, name: "e", props: version })).toEqual({ violations: [] });
    // The model's provider and name hold no credential: unknown, they are the egress rule's to fail on.
    const naming = asValidationInputs(endpoint({ provider: UNKNOWN_STRING, name: UNKNOWN_STRING, openaiConfig: { openaiApiKey: REF } }));
    expect(invokeRule(servingRequireSecretCredentials, { type: SERVING, name: "e", props: naming })).toEqual({ violations: [] });
    const unknownBlock = asValidationInputs(endpoint({ openaiConfig: UNKNOWN_STRING }));
    expect(invokeRule(servingRequireSecretCredentials, { type: SERVING, name: "e", props: unknownBlock }).violations).toEqual([expect.stringMatching(/^ModelServing 'e' cannot be checked during preview: /)]);
    const unknown = asValidationInputs(endpoint({ openaiConfig: { openaiApiKeyPlaintext: UNKNOWN_STRING } }));
    expect(invokeRule(servingRequireSecretCredentials, { type: SERVING, name: "e", props: unknown }).violations).toEqual([expect.stringMatching(/^ModelServing 'e' cannot be checked during preview: string value at /)]);
  });
});

describe("serving-require-secret-credentials: an AI gateway provider service", () => {
  const PROVIDER_SERVICE = "databricks:index/aiGatewayModelProviderService:AiGatewayModelProviderService";
  const service = (config: Record<string, unknown>) => ({ modelProviderServiceId: "llm", config: { providerType: "EXTERNAL_MODEL_PROVIDER_TYPE_OPENAI", targets: [{ model: "m" }], ...config } });
  const refused = (field: string) =>
    `AiGatewayModelProviderService 'llm' sets config.${field}: a credential in plain text, kept in the stack's state and shown by previews (the value is not shown here). ` +
    "This service takes no secret reference: reach the provider through a service credential (`serviceCredential`) or relayed authentication where it offers one, or leave the service out of the stack.";

  test("a service credential or relayed authentication passes", () => {
    expect(findPlainCredentials(PROVIDER_SERVICE, "s", service({ amazonBedrock: { direct: { region: "us-east-1", serviceCredential: { name: "bedrock" } } } }))).toEqual([]);
    expect(findPlainCredentials(PROVIDER_SERVICE, "s", service({ anthropic: { relayed: {} } }))).toEqual([]);
  });

  test.each([
    ["openai.direct.apiKey.plaintext", { openai: { direct: { apiKey: { plaintext: SECRET } } } }],
    ["amazonBedrock.direct.awsAccessKey.secretAccessKey.plaintext", { amazonBedrock: { direct: { awsAccessKey: { accessKeyId: "AKIAABCDEFGHIJKLMNOP", secretAccessKey: { plaintext: SECRET } } } } }],
    ["azureOpenai.direct.entraServicePrincipal.clientSecret.plaintext", { azureOpenai: { direct: { entraServicePrincipal: { clientId: "c", tenantId: "t", clientSecret: { plaintext: SECRET } } } } }],
  ])("%s is refused, its value never shown", (field, config) => {
    const messages = findPlainCredentials(PROVIDER_SERVICE, "s", service(config));
    expect(messages).toEqual([refused(field)]);
    expect(messages.join()).not.toContain(SECRET);
  });

  test("an inference table unknown during preview (a schema created with the service) is not read", () => {
    const props = asValidationInputs(service({ inferenceTable: { parent: UNKNOWN_STRING }, openai: { direct: { apiKey: { plaintext: SECRET } } } }));
    expect(invokeRule(servingRequireSecretCredentials, { type: PROVIDER_SERVICE, name: "s", props }).violations).toEqual([refused("openai.direct.apiKey.plaintext")]);
  });
});

describe("the external model fields the pack knows are the provider's", () => {
  const packageDir = path.dirname(require.resolve("@pulumi/databricks/package.json"));
  const inputs = fs.readFileSync(path.join(packageDir, "types", "input.d.ts"), "utf8");
  /** Every resource input interface (data sources' `Get...` excluded) with its field names. */
  const interfaces = [...inputs.matchAll(/\nexport interface (\w+) \{([\s\S]*?)\n\}/g)]
    .filter((match) => !match[1].startsWith("Get"))
    .map((match) => ({ name: match[1], fields: [...match[2].matchAll(/\n {4}(\w+)\??: /g)].map((field) => field[1]) }));
  const PREFIX = "ModelServingConfigServedEntityExternalModel";
  const capital = (field: string) => field[0].toUpperCase() + field.slice(1);

  test("every `*Plaintext` field of a resource's inputs is an external model's, with a secret-reference twin the rule checks", () => {
    const found = interfaces.flatMap(({ name, fields }) => fields.filter((field) => /Plaintext$/.test(field)).map((field) => `${name}.${field}`));
    const expected = SECRET_REFERENCE_FIELDS.map((fieldPath) => `${PREFIX}${fieldPath.slice(0, -1).map(capital).join("")}.${fieldPath[fieldPath.length - 1]}Plaintext`);
    expect(found.sort()).toEqual(expected.sort());
    for (const fieldPath of SECRET_REFERENCE_FIELDS) {
      const holder = interfaces.find(({ name }) => name === `${PREFIX}${fieldPath.slice(0, -1).map(capital).join("")}`)!;
      expect([holder.name, holder.fields.includes(fieldPath[fieldPath.length - 1])]).toEqual([holder.name, true]);
    }
  });

  test("the address fields the egress rule compares are the provider's", () => {
    for (const [block, field] of DESTINATION_FIELDS) {
      const holder = interfaces.find(({ name }) => name === `${PREFIX}${capital(block)}`);
      expect([block, holder?.fields.includes(field)]).toEqual([block, true]);
    }
    expect(snakeCase("databricksWorkspaceUrl")).toBe("databricks_workspace_url");
    expect(snakeCase("ai21labsApiKeyPlaintext")).toBe("ai21labs_api_key_plaintext");
  });

  test("only an endpoint's served entity carries an external model: a provisioned-throughput endpoint's entities cannot", () => {
    expect(interfaces.filter(({ fields }) => fields.includes("externalModel")).map(({ name }) => name)).toEqual(["ModelServingConfigServedEntity"]);
    expect(interfaces.find(({ name }) => name === "ModelServingProvisionedThroughputConfigServedEntity")!.fields.sort()).toEqual(
      ["burstScalingEnabled", "entityName", "entityVersion", "name", "provisionedModelUnits"].sort(),
    );
  });

  test("the AI gateway fields the rules read are the provider's", () => {
    const fields = (name: string) => interfaces.find((i) => i.name === name)?.fields ?? [];
    expect(fields("AiGatewayModelProviderServiceConfig")).toEqual(expect.arrayContaining(["providerType", "targets", "allowAllTargets", ...PROVIDER_BLOCKS]));
    const blocks = fields("AiGatewayModelProviderServiceConfig").filter((field) => interfaces.some((i) => i.name === `AiGatewayModelProviderServiceConfig${capital(field)}` && (i.fields.includes("direct") || i.fields.includes("relayed"))));
    expect(blocks.sort()).toEqual([...PROVIDER_BLOCKS].sort());
    for (const block of ["AzureOpenai", "Custom", "MicrosoftFoundry", "Openai"]) expect([block, fields(`AiGatewayModelProviderServiceConfig${block}Direct`).includes("baseUrl")]).toEqual([block, true]);
    expect(fields("AiGatewayModelProviderServiceConfigTarget")).toContain("model");
    expect(fields("AiGatewayModelServiceConfigRouting")).toEqual(["destinations", "fallback"]);
    for (const holder of ["AiGatewayModelServiceConfigRoutingDestination", "AiGatewayModelServiceConfigRoutingFallbackDestination"]) expect(fields(holder)).toContain("externalModelConfig");
    expect(fields("AiGatewayModelServiceConfigRoutingDestinationExternalModelConfig").sort()).toEqual(["modelProviderService", "target"]);
  });

  test("the AI gateway's provider services take credentials only in `plaintext` fields; those types are admitted on no stage", () => {
    const holders = interfaces.filter(({ fields }) => fields.includes("plaintext")).map(({ name }) => name);
    expect(holders.length).toBeGreaterThan(0);
    expect(holders.filter((name) => !name.startsWith("AiGatewayModelProviderServiceConfig"))).toEqual([]);
    for (const stage of ["dev", "staging", "prod"]) {
      const config = JSON.parse(fs.readFileSync(path.join(__dirname, "../../policies/config", `${stage}.json`), "utf8")) as { "resources-restrict-types": { allowedTypes: string[] } };
      expect(config["resources-restrict-types"].allowedTypes.filter((type) => /aiGateway|modelServingProvisionedThroughput/i.test(type))).toEqual([]);
    }
  });
});
