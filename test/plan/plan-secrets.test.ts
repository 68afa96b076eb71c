/**
 * buildPlan in-process on the fixture's hostile stack, with a stand-in policy evaluator: the pack is
 * handed the secret grants' real values, and an error that quotes one reaches people blinded.
 */
import * as path from "path";
import { PlanInternalError } from "../../tools/plan/errors";
import { buildPlan } from "../../tools/plan/plan";
import type { PolicyEvaluationRequest, PolicyInputStep } from "../../tools/plan/policy-runner";

const SECRET_SIG = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };

test("the evaluator gets the real secret values; an error quoting one is filtered", async () => {
  let request: PolicyEvaluationRequest | undefined;
  const steps: PolicyInputStep[] = [];
  const evaluator = async (r: PolicyEvaluationRequest): Promise<never> => {
    request = r;
    // The steps arrive as the program registers them, as a pack would receive them.
    for await (const step of r.steps) steps.push(step);
    throw new Error("pack printed risk-analysts-7q while crashing");
  };
  const error = await buildPlan(
    { stack: "hostile", format: "json", cwd: path.resolve(__dirname, "../fixtures/mini-project"), policyPack: "../../../policies", reportTimings: false },
    evaluator,
  ).catch((err: unknown) => err);

  expect(error).toBeInstanceOf(PlanInternalError);
  expect((error as PlanInternalError).message).toBe("policy evaluation failed: pack printed [secret] while crashing");
  expect((error as PlanInternalError).detail).not.toContain("risk-analysts-7q");

  const grants = steps.find((s) => s.name === "secret-grants");
  expect(grants?.inputs.grants).toBe("[secret]");
  expect(grants?.engineInputs?.grants).toEqual({ ...SECRET_SIG, value: [{ principal: "risk-analysts-7q", privileges: ["MODIFY", "ALL_PRIVILEGES"] }] });
  // The workspace provider's token is a secure: stack value: secret, but only a placeholder offline.
  const provider = steps.find((s) => s.name === "workspace");
  expect(provider?.engineInputs?.token).toEqual({ ...SECRET_SIG, value: "[secret: mini-mlops:apiToken (encrypted, not decryptable offline)]" });
  expect(request!.stackConfigSecretKeys).toEqual(["mini-mlops:apiToken"]);
});
