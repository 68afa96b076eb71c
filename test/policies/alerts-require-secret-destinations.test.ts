/**
 * alerts-require-secret-destinations: a plain destination credential is made secret by the remediation; a
 * secret one, or a destination without credentials, is left alone. First on raw inputs as the SDK hands
 * them to remediations (secrets as `Secret`), then through the launched pack, whose proxies the rule reads through.
 */
import * as path from "path";
import { Secret } from "@pulumi/policy";
import { DESTINATION_CREDENTIALS, plainCredentialPaths, secretDestinationInputs } from "../../policies/rules/alerts-require-secret-destinations";
import { PolicyPackSession } from "../../tools/plan/policy-runner";
import { wireSecret } from "../../tools/plan/property-values";
import { PROJECT, STACK, plannedStep } from "./fixtures";

const TYPE = "databricks:index/notificationDestination:NotificationDestination";
const HOOK = "https://hooks.slack.com/services/T000/B000/XXXX";

describe("alerts-require-secret-destinations on raw inputs", () => {
  test("a plain Slack URL becomes a secret; the rest of the inputs stay as they were", () => {
    const props = { displayName: "prod-alerts", config: { slack: { url: HOOK } } };
    expect(plainCredentialPaths(props)).toEqual([["config", "slack", "url"]]);
    const remediated = secretDestinationInputs({ type: TYPE, props }) as { displayName: string; config: { slack: { url: unknown } } };
    expect(remediated.displayName).toBe("prod-alerts");
    expect(remediated.config.slack.url).toBeInstanceOf(Secret);
    expect((remediated.config.slack.url as Secret).value).toBe(HOOK);
  });

  test.each(DESTINATION_CREDENTIALS.map((p) => [p.join(".")]))("%s in plain text is found", (dotted) => {
    const [, kind, field] = dotted.split(".");
    expect(plainCredentialPaths({ config: { [kind]: { [field]: "x-credential" } } })).toEqual([dotted.split(".")]);
  });

  test("a secret URL, a secret config, and an e-mail destination need no remediation", () => {
    expect(secretDestinationInputs({ type: TYPE, props: { config: { slack: { url: new Secret(HOOK) } } } })).toBeUndefined();
    expect(secretDestinationInputs({ type: TYPE, props: { config: new Secret({ genericWebhook: { url: HOOK, password: "p" } }) } })).toBeUndefined();
    expect(secretDestinationInputs({ type: TYPE, props: { config: { email: { addresses: ["a@example.com"] } } } })).toBeUndefined();
  });

  test("only destinations are remediated", () => {
    expect(secretDestinationInputs({ type: "databricks:index/job:Job", props: { config: { slack: { url: HOOK } } } })).toBeUndefined();
  });
});

describe("alerts-require-secret-destinations through the launched pack", () => {
  let session: PolicyPackSession;
  beforeAll(async () => {
    session = await PolicyPackSession.start({ packDir: path.resolve(__dirname, "../../policies"), project: PROJECT, stack: STACK });
    await session.configureFromDocument({ all: "disabled", "alerts-require-secret-destinations": "remediate" });
  });
  afterAll(async () => {
    await session?.close();
  });

  const remediations = () => session.takeDiagnostics().filter((d) => d.message === "policy 'alerts-require-secret-destinations' remediated the inputs");

  test("a destination with a plain webhook URL is remediated; the same URL sent as a secret is not", async () => {
    const plain = plannedStep(TYPE, "plain-hook", undefined, { displayName: "hook", config: { genericWebhook: { url: HOOK } } });
    await session.analyze(plain);
    expect(remediations().map((d) => d.urn)).toEqual([plain.urn]);

    const secret = {
      ...plannedStep(TYPE, "secret-hook", undefined, { displayName: "hook", config: { genericWebhook: { url: "[secret]" } } }),
      engineInputs: { displayName: "hook", config: { genericWebhook: { url: wireSecret(HOOK) } } },
    };
    await session.analyze(secret);
    expect(remediations()).toEqual([]);
  });
});

describe("alerts-require-secret-destinations, empty credentials", () => {
  test("an empty credential holds nothing to protect and is left alone", () => {
    expect(plainCredentialPaths({ config: { slack: { url: "" }, email: { addresses: ["a@example.com"] } } })).toEqual([]);
  });
});
