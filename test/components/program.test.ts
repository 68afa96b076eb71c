/**
 * The program entry (`index.ts`) under the mock runtime: bad config stops it before any resource
 * is registered, and the read-only privilege set it grants is the one the policy pack
 * enforces (each states it independently; this is where they are held equal).
 */
import * as path from "path";
import { READ_PRIVILEGES } from "../../components/privileges";
import { DEFAULT_READ_ONLY_PRIVILEGES } from "../../policies/lib/principals";
import { installMockRuntime } from "../../tools/plan/mock-runtime";

describe("index.ts", () => {
  it("registers nothing when the config is invalid, and fails with the config error", async () => {
    const recording = installMockRuntime({
      project: "databricks-mlops",
      stack: "prod",
      config: {
        "databricks-mlops:stage": "production",
        "databricks-mlops:workspace": JSON.stringify({ host: "https://dbc-prd00001-0003.cloud.databricks.com", id: "1" }),
      },
      secretKeys: [],
    });
    // Loaded outside runInPulumiStack, so only the program's own registrations could appear.
    let thrown: unknown;
    jest.isolateModules(() => {
      try {
        require(path.join(__dirname, "..", "..", "index.ts"));
      } catch (error) {
        thrown = error;
      }
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect((thrown as Error).name).toBe("StageConfigError");
    expect((thrown as Error).message).toContain('  - databricks-mlops:stage: got "production"; expected one of "dev", "staging", "prod"');
    expect(recording.steps).toEqual([]);
  });
});

describe("program and policy pack agree", () => {
  it("on the read-only privilege set", () => {
    expect([...READ_PRIVILEGES].sort()).toEqual([...DEFAULT_READ_ONLY_PRIVILEGES].sort());
  });
});
