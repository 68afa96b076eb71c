import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PlanInputError } from "../../tools/plan/errors";
import { DEFAULT_RECORDED_OUTPUTS_DIR, recordedOutputsFile, resolveStackReference } from "../../tools/plan/stack-references";

describe("stack references offline", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "recorded-outputs-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("a reference resolves to the recorded outputs of the stack its name ends in", () => {
    fs.writeFileSync(path.join(dir, "dev.json"), JSON.stringify({ workspaceId: "1000000000000001" }));
    expect(resolveStackReference(dir, "acme/databricks-mlops/dev")).toEqual({
      state: { name: "acme/databricks-mlops/dev", outputs: { workspaceId: "1000000000000001" }, secretOutputNames: [] },
      resolved: { stack: "acme/databricks-mlops/dev", file: path.join(dir, "dev.json") },
    });
    expect(recordedOutputsFile(dir, "dev")).toBe(path.join(dir, "dev.json"));
  });

  test("a missing or malformed file is invalid input that names the file", () => {
    expect(() => resolveStackReference(dir, "acme/databricks-mlops/qa")).toThrow(PlanInputError);
    const qa = path.join(dir, "qa.json");
    expect(() => resolveStackReference(dir, "acme/databricks-mlops/qa")).toThrow(
      `stack reference acme/databricks-mlops/qa: no recorded outputs in ${qa} (the file does not exist); write them with \`pulumi stack output --json --stack acme/databricks-mlops/qa > ${qa}\``,
    );
    fs.writeFileSync(path.join(dir, "dev.json"), "[1]");
    expect(() => resolveStackReference(dir, "acme/databricks-mlops/dev")).toThrow(`stack reference acme/databricks-mlops/dev: ${path.join(dir, "dev.json")} must hold a JSON object of stack outputs`);
  });

  test("the shipped recorded outputs of dev name the dev workspace the staging and prod policy configs trust", () => {
    const outputs = JSON.parse(fs.readFileSync(path.join(DEFAULT_RECORDED_OUTPUTS_DIR, "dev.json"), "utf8")) as Record<string, unknown>;
    for (const stage of ["staging", "prod"]) {
      const config = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "policies", "config", `${stage}.json`), "utf8"));
      expect(config["bindings-restrict-workspaces"].readOnlyWorkspaceIds).toEqual([outputs.workspaceId]);
      expect(config["workspace-require-shared-metastore"].metastoreId).toBe(outputs.metastoreId);
    }
  });
});
