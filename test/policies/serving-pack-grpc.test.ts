/**
 * The serving, monitoring and alerts rules as the Pulumi CLI runs them: the launched pack, driven over
 * the Analyzer protocol with the stage's policy config, over a prod stage recorded from the real
 * program, so the stack rules see dependencies and custom timeouts as the engine sends them.
 */
import * as path from "path";
import { PolicyPackSession } from "../../tools/plan/policy-runner";
import type { PlannedStep } from "../../tools/plan/types";
import { rawProject, rawStageWith } from "../pipelines/fixtures";
import { recordStage, stepNamed } from "../support/record-stage";
import { policyConfigWithoutInventory } from "../support/policy-config";
import { PROJECT, STACK, replaceStep, withInputs } from "./fixtures";

const PACK_DIR = path.resolve(__dirname, "../../policies");
const T = (type: string) => `databricks:index/${type}`;
const RULES = /^(serving|monitoring|alerts)-/;

let session: PolicyPackSession;
let recorded: PlannedStep[];

beforeAll(async () => {
  const project = rawProject({
    serving: {},
    monitoring: { problemType: "classification" },
    alerts: { quality: { metric: "accuracy_score", threshold: 0.8 } },
  });
  [session, recorded] = await Promise.all([
    PolicyPackSession.start({ packDir: PACK_DIR, project: PROJECT, stack: STACK }),
    recordStage(rawStageWith("prod", project), "prod"),
  ]);
});

afterAll(async () => {
  await session?.close();
});

const steps = () => structuredClone(recorded);
const endpoint = () => stepNamed(steps(), T("modelServing:ModelServing"), "prod-churn-endpoint");

/** Policy name, level and message line of each serving, monitoring or alerts violation under the stage's config. */
async function verdicts(stage: string, all: PlannedStep[]) {
  // A stack with one feature set, not the shipped prod stack the inventory describes.
  await session.configureFromFile(policyConfigWithoutInventory(stage));
  const outcome = await session.evaluate(all);
  return outcome.violations.filter((v) => RULES.test(v.policyName)).map((v) => [v.policyName, v.enforcementLevel, v.message.split("\n")[1]]);
}

describe("serving, monitoring and alerts rules through the launched pack", () => {
  test("the program's prod endpoint, monitors and alerts have no violation", async () => {
    expect(await verdicts("prod", steps())).toEqual([]);
  });

  test("an endpoint without inference table or rate limit that scales to zero and waits 20 minutes", async () => {
    const e = endpoint();
    const broken = withInputs(
      { ...e, customTimeouts: { create: "20m", update: "60m" } },
      {
        aiGateway: undefined,
        config: { servedEntities: [{ name: "champion", entityName: "prod_mlops.ml_assets.churn_model", entityVersion: "3", scaleToZeroEnabled: true }] },
      },
    );
    const results = await verdicts("prod", replaceStep(steps(), broken));
    expect(results.map(([name]) => name)).toEqual([
      "serving-require-inference-tables",
      "serving-require-rate-limits",
      "serving-forbid-scale-to-zero",
      "serving-require-long-timeouts",
      // Without an inference table config, the endpoint is no monitoring target; the unpacked table still has its monitor.
    ]);
    expect(results.every(([, level]) => level === "mandatory")).toBe(true);
    // Staging lets endpoints scale to zero.
    expect((await verdicts("staging", replaceStep(steps(), broken))).map(([name]) => name)).not.toContain("serving-forbid-scale-to-zero");
  });

  test("a deployment task that would let the Champion scale to zero is refused on prod, allowed on staging", async () => {
    const training = stepNamed(steps(), T("job:Job"), "prod-churn-training");
    const tasks = structuredClone(training.inputs.tasks) as { taskKey: string; notebookTask?: { baseParameters: Record<string, string> } }[];
    const deploy = tasks.find((t) => t.taskKey === "deploy")!;
    const servingConfig = JSON.parse(deploy.notebookTask!.baseParameters.serving_config) as { served_entities: Record<string, unknown>[] };
    servingConfig.served_entities[0].scale_to_zero_enabled = true;
    deploy.notebookTask!.baseParameters.serving_config = JSON.stringify(servingConfig);
    const cold = replaceStep(steps(), withInputs(training, { tasks }));
    expect(await verdicts("prod", cold)).toEqual([
      [
        "serving-forbid-scale-to-zero",
        "mandatory",
        "Job 'prod-churn-training' deploys served entity 'champion' (task 'deploy', serving_config) with scale_to_zero_enabled true, so a request after an idle period waits minutes for a cold start; set it to false.",
      ],
    ]);
    expect(await verdicts("staging", cold)).toEqual([]);
  });

  test("a predictions table whose monitor is gone, and its alerts with it", async () => {
    const names = new Set(["prod-churn-predictions-monitor", "prod-churn-predictions-drift-alert", "prod-churn-predictions-quality-alert"]);
    const results = await verdicts("prod", steps().filter((s) => !names.has(s.name)));
    expect(results).toEqual([
      [
        "monitoring-require-monitors",
        "mandatory",
        "Predictions table 'prod_mlops.inference.churn_model_predictions' of Job 'prod-churn-batch-inference' has no Lakehouse monitor in this stack; declare a QualityMonitor on 'prod_mlops.inference.churn_model_predictions'.",
      ],
    ]);
  });

  test("a monitor nobody is alerted by, and an alert that notifies nobody", async () => {
    const quality = stepNamed(steps(), T("alertV2:AlertV2"), "prod-churn-served-predictions-quality-alert");
    const silent = withInputs(quality, { evaluation: { ...(quality.inputs.evaluation as Record<string, unknown>), notification: { notifyOnOk: true, subscriptions: [] } } });
    const noDrift = new Set(["prod-churn-predictions-drift-alert", "prod-churn-predictions-quality-alert"]);
    const results = await verdicts("prod", replaceStep(steps(), silent).filter((s) => !noDrift.has(s.name)));
    expect(results).toEqual([
      ["alerts-require-monitor-alerts", "mandatory", "Monitor of 'prod_mlops.inference.churn_model_predictions' has no SQL alert on its drift or profile metrics; declare an AlertV2 that queries them."],
      ["alerts-require-monitor-alerts", "mandatory", "Alert 'prod-churn-served-predictions-quality-alert' notifies nobody; add evaluation.notification.subscriptions with a notification destination."],
    ]);
  });

  test("dev only advises", async () => {
    const names = new Set(["prod-churn-predictions-monitor"]);
    const results = await verdicts("dev", steps().filter((s) => !names.has(s.name)));
    expect(results.map(([name, level]) => [name, level])).toEqual([["monitoring-require-monitors", "advisory"]]);
  });
});
