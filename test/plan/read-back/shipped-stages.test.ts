/**
 * A second `up` of each shipped stack with unchanged config changes nothing: every provider resource's
 * simulated read-back state agrees with what the program declares, and every declared type is modelled.
 */
import { recordShippedStage } from "../../support/shipped-stage";
import { secondUpReport } from "../../../tools/plan/read-back/report";
import { modelOf } from "../../../tools/plan/read-back/registry";
import type { PlannedStep } from "../../../tools/plan/types";

const STAGES = ["dev", "staging", "prod"] as const;
const steps: Partial<Record<(typeof STAGES)[number], PlannedStep[]>> = {};

beforeAll(async () => {
  // One at a time: the mock runtime is process-wide.
  for (const stage of STAGES) steps[stage] = await recordShippedStage(stage);
}, 60000);

describe.each(STAGES)("shipped stack %s", (stage) => {
  test("declares provider resources of modelled types only", () => {
    const custom = steps[stage]!.filter((s) => s.custom);
    expect(custom.length).toBeGreaterThan(40);
    expect([...new Set(custom.map((s) => s.type))].filter((type) => modelOf(type) === undefined)).toEqual([]);
  });

  test("a second up with the same config changes nothing", () => {
    const report = secondUpReport(steps[stage]!);
    expect(report.checked).toBe(steps[stage]!.filter((s) => s.custom).length);
    expect(report.findings).toEqual([]);
  });
});
