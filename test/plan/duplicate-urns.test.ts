/**
 * A URN registered twice: the engine refuses it ("Duplicate resource URN"), Pulumi's mock runtime accepts
 * it, so the recorder keeps both registrations and the deployability check fails the plan.
 */
import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { installMockRuntime } from "../../tools/plan/mock-runtime";
import { checkDeployability } from "../../tools/plan/deployability/check";

test("both registrations are recorded and the plan names the duplicate with the engine's words", async () => {
  const recording = installMockRuntime({ project: "databricks-mlops", stack: "prod", config: {}, secretKeys: [] });
  await pulumi.runtime.runInPulumiStack(async () => {
    const provider = new databricks.Provider("prod-mlops-workspace", { host: "https://prod-mlops.cloud.databricks.com" });
    new databricks.Directory("prod-mlops-folder", { path: "/Shared/mlops" }, { provider });
    new databricks.Directory("prod-mlops-folder", { path: "/Shared/mlops-2" }, { provider });
    return {};
  });
  await pulumi.runtime.disconnect();
  const urn = "urn:pulumi:prod::databricks-mlops::databricks:index/directory:Directory::prod-mlops-folder";
  expect(recording.steps.filter((s) => s.urn === urn).map((s) => s.inputs.path)).toEqual(["/Shared/mlops", "/Shared/mlops-2"]);
  expect(checkDeployability(recording.steps).findings).toEqual([
    {
      precondition: "unique-urns",
      urn,
      message: `prod-mlops-folder (Directory) is registered 2 times: the engine stops with "Duplicate resource URN '${urn}'; try giving it a unique name"`,
    },
  ]);
});
