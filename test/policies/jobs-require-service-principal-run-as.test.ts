import { findRunAsGap } from "../../policies/rules/jobs-require-service-principal-run-as";
import { PROD_SP } from "./fixtures";
import { prodTrainingJob } from "./job-fixtures";

const fix = "set runAs.servicePrincipalName to the stage's service principal (its application id).";

describe("jobs-require-service-principal-run-as", () => {
  test("the program's prod job runs as the prod service principal", () => {
    expect(prodTrainingJob().runAs).toEqual({ servicePrincipalName: PROD_SP });
    expect(findRunAsGap("prod-churn-training", prodTrainingJob())).toEqual([]);
  });

  test("no runAs: the job runs as its deployer", () => {
    expect(findRunAsGap("r", { ...prodTrainingJob(), runAs: undefined })).toEqual([
      "Job 'prod-churn-training' sets no runAs, so it runs as whoever deployed it; set runAs.servicePrincipalName to the stage's service principal.",
    ]);
  });

  test.each([
    [{ userName: "ana@example.com" }, "user 'ana@example.com'"],
    [{ groupName: "mlops-ml-engineers" }, "group 'mlops-ml-engineers'"],
    [{ servicePrincipalName: "deployer" }, "service principal 'deployer', which is not an application id"],
    [
      { servicePrincipalName: "evil-7c9d2e41-8f6a-4b5c-9d0e-1f2a3b4c5d6e" },
      "service principal 'evil-7c9d2e41-8f6a-4b5c-9d0e-1f2a3b4c5d6e', which is not an application id",
    ],
    [{}, "nobody in particular"],
  ])("runAs %j is reported", (runAs, who) => {
    expect(findRunAsGap("r", { ...prodTrainingJob(), runAs })).toEqual([`Job 'prod-churn-training' runs as ${who}; ${fix}`]);
  });
});
