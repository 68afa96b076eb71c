/**
 * Plan runs that several test files make with the same arguments (the shipped stacks as JSON), run once per
 * `npm test` and read by every file that asks. Each run still starts the plan CLI as users do; only its
 * repeats are left out. The results live in a folder that global-setup.ts creates for this one jest run and
 * global-teardown.ts removes, so a result never outlives the sources it was planned from.
 *
 * Workers ask concurrently: the first to claim a run (an exclusive mkdir) starts it and writes its result
 * atomically; the others wait for that file. Without the folder (a jest config without the global setup),
 * every call runs the plan itself.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { type CliRun, runPlanCli } from "../plan/run-cli";

/** The environment variable naming this run's folder of shared results (set by global-setup.ts). */
export const SHARED_PLAN_RUNS_ENV = "MLOPS_TEST_SHARED_PLAN_RUNS";

/** How long a waiting file polls for a result before it runs the plan itself (its owner may have died). */
const WAIT_MS = 180_000;
const POLL_MS = 100;

/** The result of `npm run plan -- <args>` (as runPlanCli), run at most once per jest run for the same `args`. */
export async function sharedPlanRun(args: string[]): Promise<CliRun> {
  const dir = process.env[SHARED_PLAN_RUNS_ENV];
  if (!dir || !fs.existsSync(dir)) return runPlanCli(args);
  const key = crypto.createHash("sha1").update(JSON.stringify(args)).digest("hex");
  const result = path.join(dir, `${key}.json`);
  try {
    fs.mkdirSync(path.join(dir, `${key}.claimed`));
  } catch {
    return waitForResult(result, () => runPlanCli(args));
  }
  let run: CliRun;
  try {
    run = await runPlanCli(args);
  } catch (err) {
    fs.writeFileSync(`${result}.failed`, ""); // the waiting files start it themselves and meet the error
    throw err;
  }
  const tmp = `${result}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(run));
  fs.renameSync(tmp, result); // atomic: a waiting file never reads half a result
  return run;
}

async function waitForResult(file: string, runItself: () => Promise<CliRun>): Promise<CliRun> {
  for (let waited = 0; waited < WAIT_MS; waited += POLL_MS) {
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as CliRun;
    if (fs.existsSync(`${file}.failed`)) break;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return runItself();
}
