import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readProjectFile } from "../../tools/plan/stack-config";
import { DEFAULT_RECORDED_OUTPUTS_DIR } from "../../tools/plan/stack-references";
import { staleRecordedOutputs, staleReferenceCheck } from "../../tools/plan/stale-references";

const REPO = path.join(__dirname, "..", "..");
const CREATED = { stageName: "dev", workspaceMode: "create", workspaceUrl: "https://dev-mlops.cloud.databricks.com", workspaceId: "1000000000000001" };
const adopted = (extra: Record<string, unknown> = {}) => ({
  "databricks-mlops:stage": "dev",
  "databricks-mlops:workspace": { mode: "adopt", host: "https://dbc-1234.cloud.databricks.com", id: "2000000000000002", ...extra },
});

describe("stale recorded outputs", () => {
  test("outputs recorded while dev created its workspace are stale once dev's file adopts one", () => {
    expect(staleRecordedOutputs("databricks-mlops", CREATED, adopted())).toEqual([
      { output: "workspaceMode", recorded: "create", declared: "adopt" },
      { output: "workspaceId", recorded: "1000000000000001", declared: "2000000000000002" },
      { output: "workspaceUrl", recorded: "https://dev-mlops.cloud.databricks.com", declared: "https://dbc-1234.cloud.databricks.com" },
    ]);
  });

  test("a workspace section without mode adopts, as the stack config does", () => {
    const { mode: _mode, ...noMode } = adopted()["databricks-mlops:workspace"];
    expect(staleRecordedOutputs("databricks-mlops", CREATED, { "databricks-mlops:workspace": noMode }).map((s) => s.output)).toEqual([
      "workspaceMode",
      "workspaceId",
      "workspaceUrl",
    ]);
  });

  test("recorded outputs that match the file are current: a trailing slash and a numeric id are the same value", () => {
    const recorded = { stageName: "dev", workspaceMode: "adopt", workspaceUrl: "https://dbc-1234.cloud.databricks.com", workspaceId: 2000000000000002 };
    expect(staleRecordedOutputs("databricks-mlops", recorded, adopted({ host: "https://dbc-1234.cloud.databricks.com/" }))).toEqual([]);
  });

  test("a created workspace's id and URL exist only after its up, so only the mode and stage are compared", () => {
    const file = { "databricks-mlops:stage": "qa", "databricks-mlops:workspace": { mode: "create" } };
    expect(staleRecordedOutputs("databricks-mlops", CREATED, file)).toEqual([{ output: "stageName", recorded: "dev", declared: "qa" }]);
  });

  test("absent keys and secure values make no claim, and outputs the file does not record are not compared", () => {
    expect(staleRecordedOutputs("databricks-mlops", CREATED, {})).toEqual([]);
    expect(staleRecordedOutputs("databricks-mlops", CREATED, { "databricks-mlops:stage": { secure: "AAAA" } })).toEqual([]);
    expect(staleRecordedOutputs("databricks-mlops", { workspaceMode: "adopt" }, adopted())).toEqual([]);
  });

  test("the shipped recorded outputs of dev agree with Pulumi.dev.yaml", () => {
    const reference = { stack: "acme/databricks-mlops/dev", file: path.join(DEFAULT_RECORDED_OUTPUTS_DIR, "dev.json") };
    expect(staleReferenceCheck(REPO, readProjectFile(REPO), reference)).toBeUndefined();
  });

  describe("in a project", () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "stale-references-"));
      fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: databricks-mlops\nruntime: nodejs\n");
      fs.writeFileSync(path.join(dir, "dev.json"), JSON.stringify(CREATED));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    test("the warning names each stale output, both files and the command that refreshes the outputs", () => {
      fs.writeFileSync(
        path.join(dir, "Pulumi.dev.yaml"),
        "config:\n  databricks-mlops:stage: dev\n  databricks-mlops:workspace:\n    mode: adopt\n    host: https://dbc-1234.cloud.databricks.com\n    id: \"2000000000000002\"\n",
      );
      const outputs = path.join(dir, "dev.json");
      const stackFile = path.join(dir, "Pulumi.dev.yaml");
      expect(staleReferenceCheck(dir, readProjectFile(dir), { stack: "acme/databricks-mlops/dev", file: outputs })).toBe(
        `stack reference acme/databricks-mlops/dev: the recorded outputs in ${outputs} are stale (` +
          `workspaceMode is create there but adopt in ${stackFile}; ` +
          `workspaceId is 1000000000000001 there but 2000000000000002 in ${stackFile}; ` +
          `workspaceUrl is https://dev-mlops.cloud.databricks.com there but https://dbc-1234.cloud.databricks.com in ${stackFile}); ` +
          `this plan uses the recorded values. After dev's next \`pulumi up\`, refresh them with ` +
          `\`pulumi stack output --json --stack acme/databricks-mlops/dev > ${outputs}\``,
      );
    });

    test("a project without the referenced stack's file, or with an unreadable one, gets no warning", () => {
      const reference = { stack: "acme/databricks-mlops/dev", file: path.join(dir, "dev.json") };
      expect(staleReferenceCheck(dir, readProjectFile(dir), reference)).toBeUndefined();
      fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), "config: [");
      expect(staleReferenceCheck(dir, readProjectFile(dir), reference)).toBeUndefined();
    });
  });
});
