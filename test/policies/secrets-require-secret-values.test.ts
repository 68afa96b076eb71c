/**
 * secrets-require-secret-values: a secret's value (and every other input the provider marks secret) that
 * arrives plain is made a secret by the remediation; one that arrives secret is left alone. First on raw
 * inputs as the SDK hands them to remediations, then through the launched pack.
 */
import * as path from "path";
import { Secret } from "@pulumi/policy";
import { SECRET_INPUTS, plainSecretInputs, secretInputs } from "../../policies/rules/secrets-require-secret-values";
import { PolicyPackSession } from "../../tools/plan/policy-runner";
import { wireSecret } from "../../tools/plan/property-values";
import { PROJECT, STACK, plannedStep } from "./fixtures";

const SECRET = "databricks:index/secret:Secret";
const VALUE = "sk-live-0123456789";

describe("secrets-require-secret-values on raw inputs", () => {
  test("a plain string value becomes a secret; key and scope stay as they were", () => {
    const props = { scope: "prod-mlops", key: "api-key", stringValue: VALUE };
    expect(plainSecretInputs(SECRET, props)).toEqual(["stringValue"]);
    const remediated = secretInputs({ type: SECRET, props }) as Record<string, unknown>;
    expect(remediated.scope).toBe("prod-mlops");
    expect(remediated.key).toBe("api-key");
    expect(remediated.stringValue).toBeInstanceOf(Secret);
    expect((remediated.stringValue as Secret).value).toBe(VALUE);
  });

  test("a secret value, an empty one and another type need no remediation", () => {
    expect(secretInputs({ type: SECRET, props: { scope: "s", key: "k", stringValue: new Secret(VALUE) } })).toBeUndefined();
    expect(secretInputs({ type: SECRET, props: { scope: "s", key: "k", stringValue: "" } })).toBeUndefined();
    expect(secretInputs({ type: "databricks:index/secretScope:SecretScope", props: { name: "s", stringValue: VALUE } })).toBeUndefined();
  });

  test.each(Object.entries(SECRET_INPUTS).flatMap(([type, fields]) => fields.map((field) => [type, field])))("%s %s in plain text is found", (type, field) => {
    expect(plainSecretInputs(type, { [field]: "x-credential", other: "plain" })).toEqual([field]);
  });

  test("a provider's plain token and password are both wrapped, its host is not", () => {
    const remediated = secretInputs({ type: "pulumi:providers:databricks", props: { host: "https://h", token: "dapi0", password: "p" } }) as Record<string, unknown>;
    expect(remediated.host).toBe("https://h");
    expect([remediated.token, remediated.password].map((v) => v instanceof Secret)).toEqual([true, true]);
  });
});

describe("secrets-require-secret-values through the launched pack", () => {
  let session: PolicyPackSession;
  beforeAll(async () => {
    session = await PolicyPackSession.start({ packDir: path.resolve(__dirname, "../../policies"), project: PROJECT, stack: STACK });
    await session.configureFromDocument({ all: "disabled", "secrets-require-secret-values": "remediate" });
  });
  afterAll(async () => {
    await session?.close();
  });

  const remediations = () => session.takeDiagnostics().filter((d) => d.message === "policy 'secrets-require-secret-values' remediated the inputs");

  test("a Secret registered with a plain value is remediated; the same value sent as a secret is not", async () => {
    const plain = plannedStep(SECRET, "plain-secret", undefined, { scope: "prod-mlops", key: "api-key", stringValue: VALUE });
    await session.analyze(plain);
    expect(remediations().map((d) => d.urn)).toEqual([plain.urn]);

    const secret = {
      ...plannedStep(SECRET, "secret-secret", undefined, { scope: "prod-mlops", key: "api-key", stringValue: "[secret]" }),
      engineInputs: { scope: "prod-mlops", key: "api-key", stringValue: wireSecret(VALUE) },
    };
    await session.analyze(secret);
    expect(remediations()).toEqual([]);
  });
});
