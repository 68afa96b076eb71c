/**
 * Stacks that import Pulumi ESC environments plan offline from checked-in descriptions of what each
 * environment gives them: secrets become placeholders marked secret, nothing plain is invented, and a
 * missing description is named. Keys in namespaces nothing reads are refused before the program runs.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "../../tools/plan/args";
import { checkConfigNamespaces, providerNamespaces } from "../../tools/plan/config-namespaces";
import { PlanInputError } from "../../tools/plan/errors";
import { escDescriptionPath, escPulumiConfig, escSecretPlaceholder, readEscConfig } from "../../tools/plan/esc";
import { toRuntimeConfig } from "../../tools/plan/stack-config";
import { ROOT } from "./run-cli";

const SLACK = "https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXXXXXXXXXX";

function escDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "esc-"));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe("ESC environment descriptions", () => {
  test("a name maps to <project>/<env>.yaml; a legacy name to ESC's default project; a version is ignored", () => {
    expect(escDescriptionPath("mlops/prod-notifications")).toBe(path.join("mlops", "prod-notifications.yaml"));
    expect(escDescriptionPath("shared@3")).toBe(path.join("default", "shared.yaml"));
  });

  test.each(["../secrets", "a/b/c", "mlops/..", ""])("%j is no environment name", (name) => {
    expect(() => escDescriptionPath(name)).toThrow(new PlanInputError(`environment: '${name}' is not an ESC environment name (<project>/<environment>)`));
  });

  test("fn::secret and values only ESC computes become secret placeholders; plain values stay as declared", () => {
    const doc = {
      values: {
        pulumiConfig: {
          notificationSecrets: { oncall: { "fn::secret": SLACK }, team: "${slack.teamUrl}" },
          "aws:region": "eu-west-1",
          "databricks:token": { "fn::open::vault-secrets": { path: "x" } },
        },
      },
    };
    const result = escPulumiConfig(doc, "databricks-mlops", "mlops/prod", "f.yaml");
    expect([...result]).toEqual([
      [
        "databricks-mlops:notificationSecrets",
        {
          value: {
            oncall: escSecretPlaceholder("databricks-mlops:notificationSecrets.oncall", "mlops/prod"),
            team: escSecretPlaceholder("databricks-mlops:notificationSecrets.team", "mlops/prod"),
          },
          secret: true,
        },
      ],
      ["aws:region", { value: "eu-west-1", secret: false }],
      ["databricks:token", { value: escSecretPlaceholder("databricks:token", "mlops/prod"), secret: true }],
    ]);
    expect(JSON.stringify([...result])).not.toContain("hooks.slack.com");
    expect(escSecretPlaceholder("k", "mlops/prod")).toBe("[secret: k (from ESC environment mlops/prod, not readable offline)]");
  });

  test("a description whose values give no config is an environment without pulumiConfig; anything else is invalid input", () => {
    expect(escPulumiConfig({ values: {} }, "p", "mlops/prod", "f.yaml")).toEqual(new Map());
    expect(() => escPulumiConfig({ values: { pulumiConfig: ["a"] } }, "p", "mlops/prod", "f.yaml")).toThrow(
      new PlanInputError("f.yaml: expected values.pulumiConfig, a map of the config keys ESC environment mlops/prod gives the stack"),
    );
    expect(() => escPulumiConfig({ pulumiConfig: {} }, "p", "mlops/prod", "f.yaml")).toThrow(
      new PlanInputError("f.yaml: expected values.pulumiConfig, a map of the config keys ESC environment mlops/prod gives the stack"),
    );
  });

  test("environments merge in import order, later wins; a missing description names the file to write", () => {
    const dir = escDir({
      "mlops/common.yaml": "values:\n  pulumiConfig:\n    aws:region: us-east-1\n    token:\n      fn::secret: x\n",
      "mlops/prod.yaml": "values:\n  pulumiConfig:\n    token: plain-on-purpose\n",
    });
    const esc = readEscConfig(dir, "p", ["mlops/common", "mlops/prod"]);
    expect(Object.fromEntries(esc.values)).toEqual({ "aws:region": "us-east-1", "p:token": "plain-on-purpose" });
    expect([...esc.secretKeys]).toEqual([]);
    expect(Object.fromEntries(esc.sources)).toEqual({ "aws:region": "mlops/common", "p:token": "mlops/prod" });
    expect(() => readEscConfig(dir, "p", ["mlops/missing"])).toThrow(
      new PlanInputError(
        `the stack imports Pulumi ESC environment mlops/missing, which the offline plan cannot open: describe what it gives the stack in ${path.join(dir, "mlops", "missing.yaml")} (values.pulumiConfig, each secret as fn::secret; see docs/ci.md, Pulumi ESC)`,
      ),
    );
    expect(() => readEscConfig(dir, "p", "mlops/prod")).toThrow(new PlanInputError("environment: must be a list of ESC environment names (<project>/<environment>)"));
  });

  test("the runtime config: the stack file wins over ESC, ESC secrets are secret keys, a note names them", () => {
    const dir = escDir({ "mlops/prod.yaml": "values:\n  pulumiConfig:\n    notificationSecrets:\n      oncall:\n        fn::secret: set in ESC\n    stage: dev\n    aws:region: eu-west-1\n" });
    const stackFile = { config: { "p:stage": "prod" }, environment: ["mlops/prod"] };
    const result = toRuntimeConfig("p", "prod", { retries: { type: "integer", default: 2 } }, stackFile, readEscConfig(dir, "p", stackFile.environment));
    expect(result.config).toEqual({
      "p:stage": "prod",
      "p:notificationSecrets": JSON.stringify({ oncall: escSecretPlaceholder("p:notificationSecrets.oncall", "mlops/prod") }),
      "aws:region": "eu-west-1",
      "p:retries": "2",
    });
    expect(result.secretKeys).toEqual(["p:notificationSecrets"]);
    expect(result.warnings).toEqual([]);
    expect(result.notes).toEqual(["ESC environment mlops/prod (described offline): secret placeholders for p:notificationSecrets; declared plain values for aws:region"]);
  });

  test("an ESC secret placeholder is not refused for the type its project schema declares", () => {
    const dir = escDir({ "mlops/prod.yaml": "values:\n  pulumiConfig:\n    retries:\n      fn::secret: x\n" });
    const esc = readEscConfig(dir, "p", ["mlops/prod"]);
    expect(toRuntimeConfig("p", "prod", { retries: { type: "integer" } }, { config: {}, environment: ["mlops/prod"] }, esc).secretKeys).toEqual(["p:retries"]);
  });

  test("--esc-dir names the descriptions' folder", () => {
    expect(parseArgs(["--stack", "prod", "--esc-dir", "ops/esc"])).toMatchObject({ kind: "run", args: { escDir: "ops/esc" } });
    expect(parseArgs(["--stack", "prod"])).toEqual({ kind: "run", args: expect.not.objectContaining({ escDir: expect.anything() }) });
  });
});

describe("config namespaces in the offline plan", () => {
  test("the engine's and the provider packages of package.json; none without one", () => {
    expect(providerNamespaces(ROOT)).toEqual(["pulumi", "aws", "databricks", "time"]);
    expect(providerNamespaces(fs.mkdtempSync(path.join(os.tmpdir(), "no-package-")))).toEqual(["pulumi"]);
  });

  test("the project's, the engine's and the providers' keys pass", () => {
    expect(() => checkConfigNamespaces("databricks-mlops", ["databricks-mlops:stage", "aws:region", "pulumi:tags", "time:x"], ["pulumi", "aws", "databricks", "time"])).not.toThrow();
  });

  test("every other key is refused, naming the key it probably meant and never its value", () => {
    expect(() => checkConfigNamespaces("databricks-mlops", ["databricks-mlop:mlProjects", "databrick:host", "gcp:project", "databricks-mlops:stage"], ["pulumi", "aws", "databricks", "time"])).toThrow(
      new PlanInputError(
        "the stack's config has keys in a namespace nothing reads (values not shown):\n" +
          "  - databricks-mlop:mlProjects: namespace 'databricks-mlop' is read by nothing in this project; did you mean 'databricks-mlops:mlProjects'?\n" +
          "  - databrick:host: namespace 'databrick' is read by nothing in this project; did you mean 'databricks:host'?\n" +
          "  - gcp:project: namespace 'gcp' is read by nothing in this project\n" +
          "Allowed namespaces: databricks-mlops (this project), pulumi, aws, databricks, time (the engine and the provider packages in package.json).",
      ),
    );
  });
});
