/**
 * Served external models as the Pulumi CLI judges them: the launched pack, driven over the Analyzer protocol with
 * each stage's policy config, over a prod stage recorded from the real program whose endpoint (or deployment task)
 * is changed to serve an outside provider's model (issue 19: egress, and no credential in clear text).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PolicyPackSession } from "../../tools/plan/policy-runner";
import type { PlannedStep } from "../../tools/plan/types";
import { rawProject, rawStageWith } from "../pipelines/fixtures";
import { recordStage, stepNamed } from "../support/record-stage";
import { policyConfigWithoutInventory } from "../support/policy-config";
import { PROJECT, STACK, plannedStep, replaceStep, withInputs } from "./fixtures";

const PACK_DIR = path.resolve(__dirname, "../../policies");
const ENDPOINT = "databricks:index/modelServing:ModelServing";
const RULES = new Set(["data-restrict-egress", "serving-require-secret-credentials"]);
const KEY = "sk-live-0123456789abcdef";

let session: PolicyPackSession;
let recorded: PlannedStep[];

beforeAll(async () => {
  [session, recorded] = await Promise.all([
    PolicyPackSession.start({ packDir: PACK_DIR, project: PROJECT, stack: STACK }),
    recordStage(rawStageWith("prod", rawProject({ serving: {} })), "prod"),
  ]);
});

afterAll(async () => {
  await session?.close();
});

const steps = () => structuredClone(recorded);
const endpoint = () => stepNamed(steps(), ENDPOINT, "prod-churn-endpoint");

/** The program's endpoint, serving `externalModel` instead of the stage's model. */
function serving(externalModel: Record<string, unknown>, name = "gpt"): PlannedStep {
  return withInputs(endpoint(), { config: { servedEntities: [{ name, externalModel: { name: "gpt-4o", task: "llm/v1/chat", ...externalModel } }] } });
}

/** A copy of the stage's policy config with `externalModels` for data-restrict-egress. */
function configNaming(stage: string, externalModels: object[]): string {
  const config = JSON.parse(fs.readFileSync(policyConfigWithoutInventory(stage), "utf8")) as Record<string, Record<string, unknown>>;
  config["data-restrict-egress"] = { ...config["data-restrict-egress"], externalModels };
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "external-models-")), `${stage}.json`);
  fs.writeFileSync(file, JSON.stringify(config));
  return file;
}

/** Policy name, level and message line of each violation of the two rules, under the given config file. */
async function verdicts(configFile: string, all: PlannedStep[]) {
  await session.configureFromFile(configFile);
  const outcome = await session.evaluate(all);
  return outcome.violations.filter((v) => RULES.has(v.policyName)).map((v) => [v.policyName, v.enforcementLevel, v.message.split("\n")[1]]);
}

const EGRESS =
  "Endpoint 'prod-churn' serves entity 'gpt', the external model 'gpt-4o' of provider 'openai': it forwards every request, the stage's data in its " +
  "prompts included, to that provider, but this stage's policy config does not name it (externalModels: none). To accept this path out, a security reviewer " +
  'adds {"provider":"openai","name":"gpt-4o"} to externalModels of data-restrict-egress.';
const PLAINTEXT =
  "Endpoint 'prod-churn' serves entity 'gpt' sets openaiConfig.openaiApiKeyPlaintext of its external model: a credential in plain text, kept in the stack's " +
  "state and shown by previews (the value is not shown here). Store it in a secret scope and set the field without `Plaintext` to `{{secrets/<scope>/<key>}}`.";

describe("served external models through the launched pack", () => {
  test("the program's prod stage serves no external model and carries no plain credential", async () => {
    expect(await verdicts(policyConfigWithoutInventory("prod"), steps())).toEqual([]);
  });

  test("an endpoint serving OpenAI with its key in plain text: refused on prod and staging, the key never shown; dev advises on egress and blocks the key", async () => {
    const leaking = replaceStep(steps(), serving({ provider: "openai", openaiConfig: { openaiApiKeyPlaintext: KEY } }));
    const prod = await verdicts(policyConfigWithoutInventory("prod"), leaking);
    expect(prod).toEqual([
      ["data-restrict-egress", "mandatory", EGRESS],
      ["serving-require-secret-credentials", "mandatory", PLAINTEXT],
    ]);
    expect(JSON.stringify(prod)).not.toContain(KEY);
    expect(await verdicts(policyConfigWithoutInventory("staging"), leaking)).toEqual(prod);
    expect((await verdicts(policyConfigWithoutInventory("dev"), leaking)).map(([name, level]) => [name, level])).toEqual([
      ["data-restrict-egress", "advisory"],
      ["serving-require-secret-credentials", "mandatory"],
    ]);
  });

  test("a model the reviewers name, with its key by secret reference, passes; the same name at another address does not", async () => {
    const named = configNaming("prod", [{ provider: "openai", name: "gpt-4o" }]);
    const compliant = replaceStep(steps(), serving({ provider: "openai", openaiConfig: { openaiApiKey: "{{secrets/llm/openai}}" } }));
    expect(await verdicts(named, compliant)).toEqual([]);
    const proxied = replaceStep(steps(), serving({ provider: "openai", openaiConfig: { openaiApiKey: "{{secrets/llm/openai}}", openaiApiBase: "https://proxy.example/v1" } }));
    expect((await verdicts(named, proxied)).map(([name]) => name)).toEqual(["data-restrict-egress"]);
  });

  test("another workspace's endpoint, a literal token in the reference field, and the same endpoint declared twice", async () => {
    const otherWorkspace = serving({
      provider: "databricks-model-serving",
      name: "shared-llm",
      databricksModelServingConfig: { databricksWorkspaceUrl: "https://dbc-other.cloud.databricks.com", databricksApiToken: "dapi0123456789abcdef" },
    });
    // A second resource under another resource name declares the same endpoint; the program's own stays compliant.
    const twin = { ...otherWorkspace, urn: `${otherWorkspace.urn}-twin`, name: `${otherWorkspace.name}-twin` };
    const results = await verdicts(policyConfigWithoutInventory("prod"), [...steps(), twin]);
    expect(results.map(([name, level]) => [name, level])).toEqual([
      ["data-restrict-egress", "mandatory"],
      ["serving-require-secret-credentials", "mandatory"],
    ]);
    expect(results[0][2]).toContain("the external model 'shared-llm' of provider 'databricks-model-serving' at 'https://dbc-other.cloud.databricks.com' (databricksModelServingConfig.databricksWorkspaceUrl)");
    expect(results[1][2]).toContain("sets databricksModelServingConfig.databricksApiToken of its external model to something other than a secret reference");
    expect(JSON.stringify(results)).not.toContain("dapi0123456789abcdef");
  });

  test("a deployment task that applies an external model at run time is refused like an endpoint", async () => {
    const training = stepNamed(steps(), "databricks:index/job:Job", "prod-churn-training");
    const tasks = structuredClone(training.inputs.tasks) as { taskKey: string; notebookTask?: { baseParameters: Record<string, string> } }[];
    const deploy = tasks.find((t) => t.taskKey === "deploy")!;
    const servingConfig = JSON.parse(deploy.notebookTask!.baseParameters.serving_config) as { served_entities: Record<string, unknown>[] };
    servingConfig.served_entities = [{ name: "gpt", external_model: { provider: "anthropic", name: "claude", task: "llm/v1/chat", anthropic_config: { anthropic_api_key_plaintext: KEY } } }];
    deploy.notebookTask!.baseParameters.serving_config = JSON.stringify(servingConfig);
    const results = await verdicts(policyConfigWithoutInventory("prod"), replaceStep(steps(), withInputs(training, { tasks })));
    expect(results.map(([name, level]) => [name, level])).toEqual([
      ["data-restrict-egress", "mandatory"],
      ["serving-require-secret-credentials", "mandatory"],
    ]);
    expect(results[0][2]).toContain("Job 'prod-churn-training' deploys served entity 'gpt' (task 'deploy', serving_config), the external model 'claude' of provider 'anthropic'");
    expect(results[1][2]).toContain("Job 'prod-churn-training' deploys served entity 'gpt' (task 'deploy', serving_config) sets anthropic_config.anthropic_api_key_plaintext");
    expect(JSON.stringify(results)).not.toContain(KEY);
  });

  test("an AI gateway provider service with a plain-text key: refused as a type, as egress and as a plain credential", async () => {
    const stage = steps();
    const parent = stage.find((s) => s.type === "databricks-mlops:index:MlopsStage")!;
    const service = plannedStep("databricks:index/aiGatewayModelProviderService:AiGatewayModelProviderService", "prod-llm", parent, {
      parent: "schemas/prod_mlops.ml_assets",
      modelProviderServiceId: "openai",
      config: { providerType: "EXTERNAL_MODEL_PROVIDER_TYPE_OPENAI", targets: [{ model: "gpt-5" }], openai: { direct: { apiKey: { plaintext: KEY } } } },
    });
    await session.configureFromFile(policyConfigWithoutInventory("prod"));
    const outcome = await session.evaluate([...stage, service]);
    // The stage records no monitors (monitoring-require-monitors); only the rules about the service are looked at.
    const about = outcome.violations.filter((v) => v.enforcementLevel === "mandatory" && (RULES.has(v.policyName) || v.policyName === "resources-restrict-types"));
    const results = about.map((v) => [v.policyName, v.message.split("\n")[1]]);
    expect(results.map(([name]) => name)).toEqual(["resources-restrict-types", "data-restrict-egress", "serving-require-secret-credentials"]);
    expect(results[1][1]).toContain("AiGatewayModelProviderService 'openai' exposes the model 'gpt-5' of provider 'openai'");
    expect(results[2][1]).toContain("AiGatewayModelProviderService 'openai' sets config.openai.direct.apiKey.plaintext");
    expect(JSON.stringify(results)).not.toContain(KEY);
  });

  test("a provider unknown during preview fails closed at the egress rule's level; the credential rule does not need it", async () => {
    const results = await verdicts(policyConfigWithoutInventory("prod"), replaceStep(steps(), serving({ provider: "[unknown]", openaiConfig: { openaiApiKey: "{{secrets/llm/openai}}" } })));
    expect(results).toEqual([["data-restrict-egress", "mandatory", expect.stringMatching(/^ModelServing 'prod-churn-endpoint' cannot be checked during preview: /)]]);
  });
});
