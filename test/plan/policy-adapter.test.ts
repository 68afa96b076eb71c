import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { isPolicyConfigError, loadPolicyEvaluator } from "../../tools/plan/policy";

describe("policy driver adapter", () => {
  test("no driver file: the plan runs without policies", () => {
    expect(loadPolicyEvaluator(fs.mkdtempSync(path.join(os.tmpdir(), "no-runner-")))).toBeUndefined();
  });

  test("a driver file loads its evaluatePolicyPack", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "runner-"));
    fs.writeFileSync(path.join(dir, "policy-runner.js"), "exports.evaluatePolicyPack = async () => 'ok';\n");
    expect(typeof loadPolicyEvaluator(dir)).toBe("function");
  });

  test("a driver without evaluatePolicyPack is an error, not a silent pass", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "runner-"));
    fs.writeFileSync(path.join(dir, "policy-runner.js"), "exports.other = 1;\n");
    expect(() => loadPolicyEvaluator(dir)).toThrow("does not export evaluatePolicyPack");
  });

  test("policy config errors are invalid input (exit 2); other failures are not", () => {
    const named = Object.assign(new Error("bad level"), { name: "PolicyConfigError" });
    const coded = Object.assign(new Error("bad"), { exitCode: 2 });
    expect(isPolicyConfigError(named)).toBe(true);
    expect(isPolicyConfigError(coded)).toBe(true);
    expect(isPolicyConfigError(new Error("pack crashed"))).toBe(false);
    expect(isPolicyConfigError("text")).toBe(false);
  });
});
