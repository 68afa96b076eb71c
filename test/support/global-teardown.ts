/** Jest's global teardown: removes this run's folder of shared plan results (global-setup.ts created it). */
import * as fs from "fs";
import { SHARED_PLAN_RUNS_ENV } from "./shared-plan-runs";

export default function globalTeardown(): void {
  const dir = process.env[SHARED_PLAN_RUNS_ENV];
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
