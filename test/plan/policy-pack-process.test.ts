/**
 * How the plan launches a policy pack: the CLI's environment, config that does not fit in it, and the
 * prelaunched process the policy run adopts, and no pack left running when the plan's process exits.
 */
import { spawnSync } from "child_process";
import { readFileSync } from "fs";
import { allRules } from "../../policies/rules";
import * as path from "path";
import { MAX_ENV_STRING_BYTES, PolicyPackProcess, configVariable, packEnvironment } from "../../tools/plan/policy-pack-process";
import { PolicyPackSession, warmUpPrelaunchedPack } from "../../tools/plan/policy-runner";

const ROOT = path.resolve(__dirname, "..", "..");
const PACK_DIR = path.resolve(ROOT, "policies");

/** A stack config whose JSON is about `kib` KiB. */
function configOfSize(kib: number): Record<string, string> {
  return { "databricks-mlops:stage": "prod", "databricks-mlops:filler": "x".repeat(kib * 1024) };
}

describe("PULUMI_CONFIG", () => {
  test("carries the stack config as JSON when it fits in one environment string", () => {
    const config = { "databricks-mlops:stage": "prod" };
    expect(configVariable(config)).toEqual({ value: '{"databricks-mlops:stage":"prod"}' });
    expect(packEnvironment({ packDir: PACK_DIR, project: "databricks-mlops", stack: "prod", stackConfig: config }).PULUMI_CONFIG).toBe(
      '{"databricks-mlops:stage":"prod"}',
    );
  });

  test("is left out, with a note, when the config exceeds what Linux allows for one variable", () => {
    expect(MAX_ENV_STRING_BYTES).toBe(131072);
    const result = configVariable(configOfSize(200));
    expect(result.value).toBeUndefined();
    expect(result.note).toBe(
      "the stack config is 201 KiB as JSON, more than one environment variable can hold (128 KiB): the policy pack " +
        "got it through ConfigureStack only, not PULUMI_CONFIG. A real `pulumi preview` with policy packs fails to " +
        "start the pack here (E2BIG, pulumi/pulumi#20402).",
    );
  });

  test("never inherits a stale value from the plan's own environment", () => {
    process.env.PULUMI_CONFIG = '{"other:key":"stale"}';
    try {
      expect(packEnvironment({ packDir: PACK_DIR, project: "databricks-mlops", stack: "prod" }).PULUMI_CONFIG).toBeUndefined();
    } finally {
      delete process.env.PULUMI_CONFIG;
    }
  });

  test("a pack whose stack config is too big for the environment starts, and the run says why it lacks PULUMI_CONFIG", async () => {
    const session = await PolicyPackSession.start({ packDir: PACK_DIR, project: "databricks-mlops", stack: "prod", stackConfig: configOfSize(300) });
    try {
      expect(session.policies).toHaveLength(allRules.length);
      expect(session.takeDiagnostics()).toContainEqual({ severity: "warning", message: expect.stringMatching(/^the stack config is 301 KiB as JSON/) });
    } finally {
      await session.close();
    }
  });
});

describe("prelaunch", () => {
  test("a start with the same options adopts the prelaunched process; others wait until discarded", async () => {
    const options = { packDir: PACK_DIR, project: "databricks-mlops", stack: "dev" };
    PolicyPackProcess.prelaunch({ ...options, stack: "staging" });
    PolicyPackProcess.prelaunch(options);
    expect(PolicyPackProcess.waitingForAdoption).toBe(2);
    const pack = await PolicyPackProcess.start(options);
    try {
      expect(pack.port).toBeGreaterThan(0);
      expect(PolicyPackProcess.waitingForAdoption).toBe(1);
    } finally {
      PolicyPackProcess.discardPrelaunched();
      await pack.stop();
    }
    expect(PolicyPackProcess.waitingForAdoption).toBe(0);
  });
});

describe("warming up a prelaunched pack", () => {
  test("asks it for its info while it waits, and leaves it waiting for adoption, unconfigured", async () => {
    const options = { packDir: PACK_DIR, project: "databricks-mlops", stack: "dev" };
    expect(await PolicyPackProcess.prelaunchedPort(options)).toBe(0); // none prelaunched: nothing to warm
    await expect(warmUpPrelaunchedPack(options)).resolves.toBeUndefined();
    PolicyPackProcess.prelaunch(options);
    try {
      await warmUpPrelaunchedPack(options);
      const port = await PolicyPackProcess.prelaunchedPort(options);
      expect(port).toBeGreaterThan(0);
      expect(PolicyPackProcess.waitingForAdoption).toBe(1);
      // The session adopts that very process and configures it as if nothing had asked before.
      const session = await PolicyPackSession.start(options);
      try {
        expect(PolicyPackProcess.waitingForAdoption).toBe(0);
        expect(session.policies.map((p) => p.name)).toEqual(allRules.map((r) => r.name));
        expect(session.policies.every((p) => Object.keys(p.properties).length === 0)).toBe(true);
      } finally {
        await session.close();
      }
    } finally {
      PolicyPackProcess.discardPrelaunched();
    }
  });

  test("gives up quietly when the prelaunched pack is gone before it printed its port", async () => {
    const options = { packDir: PACK_DIR, project: "databricks-mlops", stack: "staging" };
    PolicyPackProcess.prelaunch(options);
    const warming = warmUpPrelaunchedPack(options);
    PolicyPackProcess.discardPrelaunched();
    await expect(warming).resolves.toBeUndefined();
  });
});

describe("abandoning a start", () => {
  test("an aborted signal stops a pack that has not printed its port, without waiting for it", async () => {
    const abandon = new AbortController();
    const starting = PolicyPackProcess.start({ packDir: PACK_DIR, project: "databricks-mlops", stack: "prod", signal: abandon.signal });
    const startedAt = Date.now();
    abandon.abort();
    await expect(starting).rejects.toThrow(`policy pack ${PACK_DIR} was stopped before it printed its port: its verdicts are no longer needed`);
    // Less than the pack takes to start (about a second, more under load): the port was not waited for.
    expect(Date.now() - startedAt).toBeLessThan(1000);
  });
});

describe("releasing a pack", () => {
  test("release() returns at once and the pack exits on its own soon after", async () => {
    const pack = await PolicyPackProcess.start({ packDir: PACK_DIR, project: "databricks-mlops", stack: "prod" });
    expect(pack.hasExited).toBe(false);
    pack.release();
    expect(pack.hasExited).toBe(false); // not waited for
    await pack.stop(); // resolves once it has exited
    expect(pack.exitDescription).toBe("signal SIGTERM");
  });
});

describe("exiting with a pack still running", () => {
  test("a pack neither released nor stopped (the plan ended by a signal mid-evaluation) is killed when the plan's process exits", async () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, "tools", "run-ts.js"), path.join(ROOT, "test", "support", "pack-exit-probe.ts")], { cwd: ROOT, encoding: "utf8" });
    expect(run.status).toBe(0);
    const pid = Number(run.stdout.trim());
    expect(pid).toBeGreaterThan(0);
    // SIGKILL is sent in the exit handler; the process is gone (or a zombie awaiting its reaper) a moment later.
    const alive = () => {
      try {
        return !readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.startsWith("Z");
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 60 && alive(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(alive()).toBe(false);
  });
});
