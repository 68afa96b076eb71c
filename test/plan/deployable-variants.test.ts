/**
 * Stage variants the shipped stacks do not exercise, recorded from the real components and judged by the
 * deployability check and the second-up model: every option that adds resources must keep the first `up` in order.
 */
import { checkDeployability } from "../../tools/plan/deployability/check";
import { convergenceFindings, secondUpReport } from "../../tools/plan/read-back/report";
import type { PlannedStep } from "../../tools/plan/types";
import { rawProject } from "../pipelines/fixtures";
import { recordStage } from "../support/record-stage";
import { rawCreated } from "../support/stage-configs";

const project = rawProject({
  serving: { challenger: {} },
  monitoring: { problemType: "classification" },
  alerts: { quality: { metric: "accuracy_score", threshold: 0.8 } },
});

let createdGroups: PlannedStep[];
beforeAll(async () => {
  const raw = { ...rawCreated("dev"), identities: { createGroups: true }, unityCatalog: { owner: "mlops-data-scientists" }, mlProjects: [project] };
  createdGroups = await recordStage(raw, "dev");
}, 30000);

test("groups the stack creates exist before anything names them: owners, grants, ACLs and assignments wait for them", () => {
  expect(createdGroups.filter((s) => s.type === "databricks:index/group:Group").map((s) => s.name).sort()).toEqual([
    "dev-mlops-group-data-scientists",
    "dev-mlops-group-ml-engineers",
  ]);
  expect(checkDeployability(createdGroups).findings).toEqual([]);
});

test("and an unchanged second up changes nothing: every type it declares is modelled, none diverges", () => {
  const report = secondUpReport(createdGroups);
  expect(report.findings).toEqual([]);
  expect(convergenceFindings(report, createdGroups)).toEqual([]);
});
