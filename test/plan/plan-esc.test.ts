/**
 * The real CLI on the shipped prod stack with its on-call Slack URL in a Pulumi ESC environment
 * (test/fixtures/Pulumi.esc-prod.yaml, described in test/fixtures/esc): the plan runs, says which keys came
 * from ESC placeholders, and the program and the pack see a secret.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { PlanDocument } from "../../tools/plan/types";
import { ROOT, type CliRun, runPlanCli } from "./run-cli";

let run: CliRun;

beforeAll(async () => {
  // The shipped prod policy config admits e-mail only; this stage's security reviewers admit Slack too.
  const config = JSON.parse(fs.readFileSync(path.join(ROOT, "policies", "config", "prod.json"), "utf8")) as Record<string, Record<string, unknown>>;
  config["alerts-restrict-destinations"] = { ...config["alerts-restrict-destinations"], allowedKinds: ["email", "slack"] };
  const policyConfig = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "esc-policy-")), "prod.json");
  fs.writeFileSync(policyConfig, JSON.stringify(config));
  run = await runPlanCli(["--stack", "prod", "--config-file", "test/fixtures/Pulumi.esc-prod.yaml", "--esc-dir", "test/fixtures/esc", "--policy-pack-config", policyConfig, "--json"]);
}, 120000);

test("a stack importing an ESC environment plans offline with exit 0 and names the placeholders", () => {
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  const doc = JSON.parse(run.stdout) as PlanDocument;
  expect(doc.diagnostics).toContainEqual({
    severity: "info",
    message: "ESC environment mlops/prod-notifications (described offline): secret placeholders for databricks-mlops:notificationSecrets",
  });
  expect(doc.diagnostics.filter((d) => d.message.includes("ESC") && d.severity !== "info")).toEqual([]);
});

test("the destination's URL is a secret to the program and the pack: no violation of alerts-require-secret-destinations", () => {
  const doc = JSON.parse(run.stdout) as PlanDocument;
  const destination = doc.steps.find((step) => step.name === "prod-mlops-destination-oncall");
  expect(destination?.inputs).toEqual({ config: { slack: { url: "[secret]" } }, displayName: "prod-mlops-oncall" });
  expect(doc.policyViolations).toEqual([]);
  expect(run.stdout).not.toContain("set in Pulumi ESC");
});
