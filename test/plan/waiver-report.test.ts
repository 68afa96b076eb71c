import { outcomeText, projectWaiverPolicies, waiverReport, waiversConfigured } from "../../tools/plan/waiver-report";
import type { PlannedStep, PolicyViolation } from "../../tools/plan/types";

const NOW = new Date("2026-11-27T13:00:00Z");
const REASON = "Temporary while the capacity test runs (MLOPS-77).";
const urn = (stack: string, name: string) => `urn:pulumi:${stack}::databricks-mlops::databricks:index/job:Job::${name}`;
const step = (u: string) => ({ urn: u }) as PlannedStep;
const violation = (policyName: string, u: string) => ({ policyName, urn: u }) as PolicyViolation;
const waiver = (u: string, expires: string) => ({ urn: u, reason: REASON, expires });

describe("the plan's waiver report", () => {
  const steps = ["a", "b", "c", "d", "e", "f"].map((n) => step(urn("prod", n)));
  const policies = [
    {
      name: "jobs-require-git-source",
      properties: {
        waivers: [
          waiver(urn("prod", "a"), "2026-12-01"),
          waiver(urn("prod", "b"), "2026-11-26"),
          waiver(urn("prod", "c"), "2027-12-01"),
          waiver(urn("prod", "d"), "2026-02-30"),
          waiver(urn("prod", "gone"), "2026-12-01"),
          waiver(urn("prod", "e"), "2026-12-01"),
        ],
      },
    },
    { name: "access-restrict-principals", properties: { waivers: [waiver(urn("prod", "f"), "2026-12-01")] } },
  ];
  const policyOf = (rule: string) => (rule === "access-restrict-principals" ? "refused-on-prod" : "allowed");
  const report = waiverReport(policies, steps, [violation("jobs-require-git-source", urn("prod", "e"))], NOW, policyOf);

  test("each waiver gets the outcome the pack gave it, in config order within each rule", () => {
    expect(report.map((w) => [w.rule, w.urn.split("::").pop(), w.outcome])).toEqual([
      ["jobs-require-git-source", "a", "in force"],
      ["jobs-require-git-source", "b", "expired"],
      ["jobs-require-git-source", "c", "refused: too long"],
      ["jobs-require-git-source", "d", "refused: not a date"],
      ["jobs-require-git-source", "gone", "no such resource"],
      ["jobs-require-git-source", "e", "refused by the rule"],
      ["access-restrict-principals", "f", "refused on prod"],
    ]);
    expect(report[0]).toEqual({ rule: "jobs-require-git-source", urn: urn("prod", "a"), reason: REASON, expires: "2026-12-01", outcome: "in force" });
  });

  test("every outcome reads as a sentence", () => {
    expect(report.map((w) => outcomeText(w.outcome))).toEqual([
      "in force: the rule's violations on this resource are not reported",
      "expired: the rule applies again",
      "refused: waivers may run at most 180 days",
      "refused: the expiry is not a calendar date (YYYY-MM-DD)",
      "unused: no resource of this plan has this URN",
      "refused: the rule still reports the resource",
      "refused: the rule keeps a promise of the design and may never be waived on prod",
    ]);
  });

  test("the project's rules say which refuse waivers on prod; unknown rules allow them", () => {
    const policyOfProject = projectWaiverPolicies();
    expect(policyOfProject("access-restrict-principals")).toBe("refused-on-prod");
    expect(policyOfProject("jobs-require-git-source")).toBe("allowed");
    expect(policyOfProject("someone-elses-rule")).toBe("allowed");
  });

  test("the plan reads rules only when some config holds a waiver", () => {
    expect(waiversConfigured(policies)).toBe(true);
    expect(waiversConfigured([{ name: "x", properties: { waivers: [] } }, { name: "y", properties: {} }])).toBe(false);
  });
});
