/**
 * `npm run --silent inventory -- --stack prod`: prints the inventory of the stage's protected data as the
 * JSON array `data-forbid-dropped-resources.inventory` takes, and says on stderr how it differs from the one
 * in the stage's policy config. It never edits the config: security reviewers own that file.
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "../plan/args";
import { ExitCode, PlanInputError } from "../plan/errors";
import { buildPlan, REPO_ROOT } from "../plan/plan";
import { compareInventories, inventoryOf } from "./inventory";

const RULE = "data-forbid-dropped-resources";

async function main(argv: string[]): Promise<number> {
  const parsed = parseArgs([...argv, "--json"]);
  if (parsed.kind === "help") {
    process.stdout.write("usage: npm run --silent inventory -- --stack <stack> [plan options]\n");
    return ExitCode.ok;
  }
  const result = await buildPlan(parsed.args);
  const planned = inventoryOf(result.document.steps);
  process.stdout.write(JSON.stringify(planned, null, 2) + "\n");
  const file = path.join(REPO_ROOT, "policies", "config", `${result.stage}.json`);
  const config = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, { inventory?: string[] }>) : {};
  const { added, dropped } = compareInventories(config[RULE]?.inventory ?? [], planned);
  const where = `${path.relative(REPO_ROOT, file)} (${RULE}.inventory)`;
  if (added.length === 0 && dropped.length === 0) process.stderr.write(`${where} lists exactly these ${planned.length} resources.\n`);
  else process.stderr.write(`${where} differs: ${added.length} to add, ${dropped.length} no longer declared (a rename needs an alias).\n`);
  return ExitCode.ok;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`inventory failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(err instanceof PlanInputError ? ExitCode.invalidInput : ExitCode.internalError);
  },
);
