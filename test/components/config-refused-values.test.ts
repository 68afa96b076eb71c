/**
 * A value the schema refuses is reported once, at its own key: the rules between keys, which run beside
 * the schema so that every problem shows at once, do not blame other keys for it. Each case is one the
 * property tests (test/fuzz) found: before, the malformed value came with problems at keys that were fine.
 */
import { SP_STAGING, rawCreated, rawStaging } from "../support/stage-configs";
import { problemsOf, rawProject, rawStageWith } from "../pipelines/fixtures";

const line = (key: string) => expect.stringMatching(new RegExp(`^  - databricks-mlops:${key.replace(/[.[\]]/g, "\\$&")}: `));

describe("a refused value is blamed on its own key only", () => {
  it("a malformed service principal id: the owner and grants to the real id are not 'another service principal'", () => {
    const raw = {
      ...rawStaging(),
      servicePrincipal: { applicationId: "not-a-uuid" },
      unityCatalog: { owner: SP_STAGING, extraGrants: [{ principal: SP_STAGING, privileges: ["MODIFY"] }] },
    };
    expect(problemsOf(raw, "staging")).toEqual([
      '  - databricks-mlops:servicePrincipal.applicationId: got "not-a-uuid"; expected a service principal application id (UUID), e.g. "6f1c2a9e-3b4d-4c5e-8f70-1a2b3c4d5e6f"',
    ]);
  });

  it("a malformed service principal id still leaves account-wide groups refused", () => {
    const raw = { ...rawStaging(), servicePrincipal: { applicationId: "not-a-uuid" }, unityCatalog: { extraGrants: [{ principal: "account users", privileges: ["SELECT"] }] } };
    expect(problemsOf(raw, "staging")).toEqual([line("servicePrincipal.applicationId"), line("unityCatalog.extraGrants[0].principal")]);
  });

  it("a malformed region: the zones and endpoint services of the real region are not judged against it", () => {
    const created = rawCreated("dev");
    const workspace = created.workspace as Record<string, unknown>;
    const aws = {
      accountId: "123456789012",
      region: "us-east",
      availabilityZones: ["us-east-1a", "us-east-1b"],
      privateLink: { workspaceServiceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0a1b", relayServiceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0c2d" },
    };
    expect(problemsOf({ ...created, workspace: { ...workspace, aws } }, "dev")).toEqual([
      '  - databricks-mlops:workspace.aws.region: got "us-east"; expected an AWS region, e.g. "us-east-1"',
    ]);
  });

  it("a malformed extra schema name: a grant on that schema is not 'no such schema'", () => {
    const raw = { ...rawStaging(), unityCatalog: { extraSchemas: [{ name: "1scores" }], extraGrants: [{ principal: SP_STAGING, privileges: ["SELECT"], schema: "scores" }] } };
    expect(problemsOf(raw, "staging")).toEqual([line("unityCatalog.extraSchemas[0].name")]);
  });

  it("a repository URL that is not https: no Git provider is demanded for github.com", () => {
    expect(problemsOf(rawStageWith("prod", rawProject({ repository: { url: "http://github.com/example-org/churn" } })), "prod")).toEqual([
      line("mlProjects[0].repository.url"),
    ]);
  });

  it("a malformed extra task key: the tasks that depend on it are not reported as depending on nothing", () => {
    const training = {
      extraTasks: [
        { key: "", notebook: "training/notebooks/Fairness", dependsOn: ["validate"] },
        { key: "report", notebook: "training/notebooks/Report", dependsOn: ["fairness"] },
      ],
    };
    expect(problemsOf(rawStageWith("prod", rawProject({ training })), "prod")).toEqual([line("mlProjects[0].training.extraTasks[0].key")]);
  });

  it("an out-of-range traffic percentage: the sum is not reported beside it", () => {
    const serving = { challenger: {}, traffic: { champion: 101, challenger: 10 } };
    expect(problemsOf(rawStageWith("prod", rawProject({ serving })), "prod")).toEqual([
      '  - databricks-mlops:mlProjects[0].serving.traffic.champion: got 101; expected a whole number from 0 to 100',
    ]);
  });

  it("problems of independent keys are still reported together", () => {
    const raw = { ...rawStaging(), servicePrincipal: { applicationId: "not-a-uuid" }, devAccess: { workspaceId: "1000000000000001", stack: "acme/databricks-mlops/dev" } };
    expect(problemsOf(raw, "staging")).toEqual([line("devAccess"), line("servicePrincipal.applicationId")]);
  });
});
