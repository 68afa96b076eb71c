/**
 * Config errors are printed by `pulumi up` and posted on pull requests: no value that could be a secret
 * is echoed, and keys in a namespace nothing reads (a typo of the project's name) are refused, not dropped.
 */
import * as fs from "fs";
import * as path from "path";
import { parseStageConfig } from "../../stack/config";
import { credentialKind, renderGiven } from "../../stack/config-given";
import { PROVIDER_NAMESPACES, foreignNamespaceProblems, nearestNamespace } from "../../stack/config-namespaces";
import { rawConfigFromPulumi } from "../../stack/config-source";
import { rawDev } from "../support/stage-configs";
import { problemsOf } from "../support/config-problems";

const SLACK = "https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXXXXXXXXXX";

describe("renderGiven: what a config error shows of a value", () => {
  const known = { path: ["groups", "dataScientists"], unknownKey: false };

  test("a known key's plain value is echoed as JSON, cut at 80 characters", () => {
    expect(renderGiven("mlops-data-scientists", known)).toBe('"mlops-data-scientists"');
    expect(renderGiven("6f1c2a9e-3b4d-4c5e-8f70-1a2b3c4d5e6f", known)).toBe('"6f1c2a9e-3b4d-4c5e-8f70-1a2b3c4d5e6f"');
    expect(renderGiven("x".repeat(100), known)).toBe(`"${"x".repeat(76)}...`);
    expect(renderGiven(undefined, known)).toBeUndefined();
  });

  test.each([
    [SLACK, "a Slack webhook URL"],
    ["https://example.webhook.office.com/webhookb2/abc", "a webhook URL"],
    ["https://discord.com/api/webhooks/1/abc", "a webhook URL"],
    ["https://user:pw@example.com/x", "a URL with credentials"],
    ["https://example.com/notify?token=abc", "a URL with credentials"],
    ["xoxb-1234-5678-abcd", "a Slack token"],
    [`dapi${"0123456789abcdef".repeat(2)}`, "a Databricks access token"],
    ["AKIAABCDEFGHIJKLMNOP", "an AWS access key id"],
    [`ghp_${"a".repeat(36)}`, "a GitHub token"],
    ["eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig", "a JSON web token"],
    ["-----BEGIN RSA PRIVATE KEY-----\nMIIE", "a private key"],
    ["v1:bm9uY2U=:c2hvdWxkLW5ldmVyLWxlYWs=", "Pulumi ciphertext"],
    ["0123456789abcdef0123456789abcdef", "a credential-like string"],
    ["Zk3mQ9xL2vB7nR4tY8wE1aS6dF0gH5jK", "a credential-like string"],
  ])("%s is %s and never echoed, even under a known key", (value, kind) => {
    expect(credentialKind(value)).toBe(kind);
    expect(renderGiven(value, known)).toBe(`${kind} (not shown)`);
    expect(renderGiven({ oncall: value }, known)).toBe(`an object holding ${kind} (not shown)`);
    expect(renderGiven([1, value], known)).toBe(`a list holding ${kind} (not shown)`);
  });

  test.each(["https://dbc-1234abcd-5678.cloud.databricks.com", "s3://my-bucket/catalogs/prod", "prod_mlops_feature_store_catalog_name", "1000000000000001", "a".repeat(40), "deadbeefcafe".repeat(3)])(
    "%s looks like no credential",
    (value) => expect(credentialKind(value)).toBeUndefined(),
  );

  test("a key whose name suggests a secret never has a string echoed", () => {
    expect(renderGiven("plain", { path: ["notificationSecrets", "oncall"], unknownKey: false })).toBe("a string (not shown: 'notificationSecrets' names a secret)");
    expect(renderGiven({ a: "b" }, { path: ["apiToken"], unknownKey: false })).toBe("an object (not shown: 'apiToken' names a secret)");
    expect(renderGiven(3, { path: ["apiToken"], unknownKey: false })).toBe("3");
    // A reference to a secret entry is its name, not the secret.
    expect(renderGiven("oncall", { path: ["mlProjects", 0, "alerts", "destinations", 0, "urlSecret"], unknownKey: false })).toBe('"oncall"');
  });

  test("an unknown key never has a string echoed; structure without strings is", () => {
    const unknown = { path: ["grups"], unknownKey: true };
    expect(renderGiven("us", unknown)).toBe("a string (not shown: values of unknown keys are never echoed)");
    expect(renderGiven(["a"], unknown)).toBe("a list (not shown: values of unknown keys are never echoed)");
    expect(renderGiven({}, unknown)).toBe("{}");
    expect(renderGiven(true, unknown)).toBe("true");
  });

  test("a plain Slack URL under a mistyped key is named by kind in the stack's error", () => {
    expect(problemsOf({ ...rawDev(), notificationSecret: { oncall: SLACK } }, "dev")).toEqual([
      "  - databricks-mlops:notificationSecret: got an object holding a Slack webhook URL (not shown); unknown key; allowed keys: stage, mlProject, workspace, groups, servicePrincipal, devAccess, unityCatalog, identities, mlProjects, notificationSecrets",
    ]);
    expect(problemsOf({ ...rawDev(), workspace: { mode: "adopt", host: SLACK, id: "1000000000000001" } }, "dev")[0]).toMatch(
      /^ {2}- databricks-mlops:workspace\.host: got a Slack webhook URL \(not shown\); /,
    );
  });
});

describe("config namespaces", () => {
  const devConfig = Object.fromEntries(Object.entries(rawDev()).map(([key, value]) => [`databricks-mlops:${key}`, typeof value === "string" ? value : JSON.stringify(value)]));
  const parse = (extra: Record<string, string>) => {
    const allConfig = { ...devConfig, ...extra };
    return () => parseStageConfig(rawConfigFromPulumi(allConfig, "databricks-mlops"), "dev", { allConfig });
  };
  const ALLOWED = "allowed namespaces: databricks-mlops (this project), pulumi, aws, databricks, time (the engine and the providers it uses)";

  test("the project's keys, provider keys and the engine's keys are accepted", () => {
    expect(parse({ "aws:region": "eu-west-1", "databricks:host": "https://x.cloud.databricks.com", "pulumi:disable-default-providers": '["*"]' })).not.toThrow();
  });

  test("a typo of the project's namespace is refused, naming the key it meant, never its value", () => {
    const mlProjects = JSON.stringify([{ name: "churn", repository: SLACK }]);
    expect(parse({ "databricks-mlop:mlProjects": mlProjects })).toThrow(
      "Invalid configuration of stack 'dev' (1 problem); nothing was deployed:\n" +
        `  - databricks-mlop:mlProjects: got a list holding a Slack webhook URL (not shown); namespace 'databricks-mlop' is read by nothing in this program; did you mean 'databricks-mlops:mlProjects'? ${ALLOWED}\n`,
    );
  });

  test("the example of docs/configuration.md is the error a typo gives", () => {
    let message = "";
    try {
      parse({ "databricks-mlop:mlProjects": JSON.stringify([{ name: "churn" }]) })();
    } catch (error) {
      message = (error as Error).message;
    }
    const line = message.split("\n")[1];
    expect(line).toBe(`  - databricks-mlop:mlProjects: got a list (not shown: values of unknown keys are never echoed); namespace 'databricks-mlop' is read by nothing in this program; did you mean 'databricks-mlops:mlProjects'? ${ALLOWED}`);
    expect(fs.readFileSync(path.join(__dirname, "..", "..", "docs", "configuration.md"), "utf8")).toContain(`\n${line}\n`);
  });

  test("a near miss of a provider names the provider; an unknown provider is refused", () => {
    expect(foreignNamespaceProblems({ "databrick:host": "h", "aws-native:region": "r", "gcp:project": "p" }, "databricks-mlops")).toEqual([
      { key: "databrick:host", given: "a string (not shown: values of unknown keys are never echoed)", reason: `namespace 'databrick' is read by nothing in this program; did you mean 'databricks:host'? ${ALLOWED}` },
      { key: "aws-native:region", given: "a string (not shown: values of unknown keys are never echoed)", reason: `namespace 'aws-native' is read by nothing in this program; ${ALLOWED}` },
      { key: "gcp:project", given: "a string (not shown: values of unknown keys are never echoed)", reason: `namespace 'gcp' is read by nothing in this program; ${ALLOWED}` },
    ]);
  });

  test("nearestNamespace: within 3 edits of a long name, 1 of a short one, case-insensitive", () => {
    expect(nearestNamespace("Databricks_MLOps", ["databricks-mlops", "databricks"])).toBe("databricks-mlops");
    expect(nearestNamespace("databricks-ml", ["databricks-mlops", "databricks"])).toBe("databricks-mlops");
    expect(nearestNamespace("databricks-m", ["databricks-mlops", "databricks"])).toBe("databricks");
    expect(nearestNamespace("aw", ["aws"])).toBe("aws");
    expect(nearestNamespace("az", ["aws"])).toBeUndefined();
    expect(nearestNamespace("mlops", ["databricks-mlops", "aws"])).toBeUndefined();
  });

  test("the allowed providers are exactly the Pulumi packages the program depends on", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as { dependencies: Record<string, string> };
    const packages = Object.keys(manifest.dependencies)
      .filter((name) => /^@pulumi(verse)?\//.test(name) && name !== "@pulumi/pulumi")
      .map((name) => name.split("/")[1]);
    expect([...PROVIDER_NAMESPACES].sort()).toEqual(["pulumi", ...packages].sort());
  });
});
