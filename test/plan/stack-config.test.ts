import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  namespacedKey,
  readProjectFile,
  readStackFile,
  secretPlaceholder,
  stageOf,
  toRuntimeConfig,
} from "../../tools/plan/stack-config";
import { PlanInputError } from "../../tools/plan/errors";

const CIPHERTEXT = "v1:bm9uY2U=:c2hvdWxkLW5ldmVyLWxlYWs=";

function tempFile(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-config-"));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

describe("namespacedKey", () => {
  test("a key without namespace gets the project's, as the CLI does", () => {
    expect(namespacedKey("databricks-mlops", "stage")).toBe("databricks-mlops:stage");
    expect(namespacedKey("databricks-mlops", "aws:region")).toBe("aws:region");
  });
});

describe("toRuntimeConfig", () => {
  const stackFile = {
    config: {
      "databricks-mlops:stage": "prod",
      retries: 3,
      "databricks-mlops:enabled": true,
      "aws:region": "eu-west-1",
      "databricks-mlops:groups": { dataScientists: "ds", readers: ["a", "b"] },
      "databricks-mlops:token": { secure: CIPHERTEXT },
      "databricks-mlops:db": { user: "svc", password: { secure: CIPHERTEXT } },
      "databricks-mlops:empty": null,
    },
  };
  const result = toRuntimeConfig("databricks-mlops", "prod", {}, stackFile);

  test("namespaced keys as given, bare keys in the project namespace, scalars as strings", () => {
    expect(result.config["databricks-mlops:stage"]).toBe("prod");
    expect(result.config["databricks-mlops:retries"]).toBe("3");
    expect(result.config["databricks-mlops:enabled"]).toBe("true");
    expect(result.config["aws:region"]).toBe("eu-west-1");
    expect(result.config["databricks-mlops:empty"]).toBe("");
  });

  test("structured values become JSON strings", () => {
    expect(JSON.parse(result.config["databricks-mlops:groups"])).toEqual({ dataScientists: "ds", readers: ["a", "b"] });
  });

  test("secure values become marked placeholders and their keys secret keys", () => {
    expect(result.config["databricks-mlops:token"]).toBe(
      "[secret: databricks-mlops:token (encrypted, not decryptable offline)]",
    );
    expect(JSON.parse(result.config["databricks-mlops:db"])).toEqual({
      user: "svc",
      password: secretPlaceholder("databricks-mlops:db.password"),
    });
    expect(result.secretKeys.sort()).toEqual(["databricks-mlops:db", "databricks-mlops:token"]);
  });

  test("no ciphertext reaches the runtime config", () => {
    expect(JSON.stringify(result)).not.toContain(CIPHERTEXT);
    expect(JSON.stringify(result)).not.toContain("c2hvdWxkLW5ldmVyLWxlYWs");
  });

  test("the same key twice (bare and namespaced) is invalid input", () => {
    expect(() =>
      toRuntimeConfig("p", "dev", {}, { config: { stage: "dev", "p:stage": "prod" } }),
    ).toThrow(new PlanInputError("configuration key 'p:stage' is set more than once"));
  });

  test("an ESC environment is reported, not silently ignored", () => {
    expect(toRuntimeConfig("p", "dev", {}, { config: {}, environment: ["shared"] }).warnings).toEqual([
      "the stack file imports Pulumi ESC environments (environment:); they are not resolved offline",
    ]);
  });
});

describe("project-level config (Pulumi.yaml)", () => {
  const projectConfig = {
    stage: { type: "string", description: "the stage" },
    mlProject: { type: "string", default: "mlops" },
    retries: { type: "integer", default: 2 },
    "aws:region": "us-east-1",
    tags: { value: { team: "ml" } },
  };

  test("defaults and values apply when the stack does not set the key; the stack wins otherwise", () => {
    const r = toRuntimeConfig("p", "dev", projectConfig, { config: { "p:stage": "dev", retries: "5" } });
    expect(r.config).toEqual({
      "p:stage": "dev",
      "p:retries": "5",
      "p:mlProject": "mlops",
      "aws:region": "us-east-1",
      "p:tags": '{"team":"ml"}',
    });
  });

  test("a typed key without default that the stack lacks is invalid input, as in the CLI", () => {
    expect(() => toRuntimeConfig("p", "dev", projectConfig, { config: {} })).toThrow(
      new PlanInputError("Stack 'dev' is missing configuration value 'p:stage'"),
    );
  });

  test("a value of the wrong type is invalid input", () => {
    expect(() => toRuntimeConfig("p", "dev", projectConfig, { config: { stage: "dev", retries: "many" } })).toThrow(
      new PlanInputError("Stack 'dev' with configuration key 'p:retries' must be of type 'integer'"),
    );
  });
});

describe("stageOf", () => {
  test("the raw <project>:stage when it names a stage, else the stack name", () => {
    expect(stageOf("p", "prod-eu", { "p:stage": "prod" })).toBe("prod");
    expect(stageOf("p", "sandbox", { "p:stage": "production" })).toBe("sandbox");
    expect(stageOf("p", "dev", {})).toBe("dev");
  });
});

describe("reading files", () => {
  test("a stack file as pulumi config writes it", () => {
    const file = tempFile(
      "Pulumi.dev.yaml",
      `config:\n  p:stage: dev\n  p:groups:\n    a: b\n  p:token:\n    secure: ${CIPHERTEXT}\n`,
    );
    expect(readStackFile(file)).toEqual({
      config: { "p:stage": "dev", "p:groups": { a: "b" }, "p:token": { secure: CIPHERTEXT } },
      environment: undefined,
    });
  });

  test("a missing stack file, bad YAML or a non-map config is invalid input", () => {
    expect(() => readStackFile(path.join(os.tmpdir(), "no-such-dir", "Pulumi.x.yaml"))).toThrow(/^stack file not found: /);
    expect(() => readStackFile(tempFile("Pulumi.bad.yaml", "config: [unclosed\n"))).toThrow(/^cannot parse .*Pulumi\.bad\.yaml: /);
    expect(() => readStackFile(tempFile("Pulumi.list.yaml", "config:\n  - a\n"))).toThrow(/config: must be a map$/);
  });

  test("the project file gives name, main and config", () => {
    const file = tempFile("Pulumi.yaml", "name: demo\nruntime: nodejs\nmain: src/index.ts\nconfig:\n  a: 1\n");
    expect(readProjectFile(path.dirname(file))).toEqual({
      name: "demo",
      main: "src/index.ts",
      stackConfigDir: undefined,
      config: { a: 1 },
    });
  });
});
