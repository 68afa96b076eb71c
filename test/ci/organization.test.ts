/**
 * The Pulumi organization comes from one place: CI's `PULUMI_ORGANIZATION` variable names the stacks the
 * workflows preview and deploy, and the program reads the organization of the stack it runs in
 * (`pulumi.getOrganization()`) for its stack references, so no shipped stack file names one. (The offline plan
 * runs with Pulumi's self-managed name, `organization`: test/plan/plan-e2e.test.ts sees staging and prod read
 * `organization/databricks-mlops/dev`.)
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { qualifiedStackName } from "../../components/workspace/config";

const ROOT = path.resolve(__dirname, "..", "..");

test("a plain stack name is qualified with the running stack's organization and project; a qualified one is kept", () => {
  expect(qualifiedStackName("dev", "contoso", "databricks-mlops")).toBe("contoso/databricks-mlops/dev");
  expect(qualifiedStackName("acme/other-project/dev", "contoso", "databricks-mlops")).toBe("acme/other-project/dev");
});

test.each(["dev", "staging", "prod"])("Pulumi.%s.yaml names no organization", (stage) => {
  const text = fs.readFileSync(path.join(ROOT, `Pulumi.${stage}.yaml`), "utf8");
  expect(text.match(/[\w.-]+\/databricks-mlops\/[\w.-]+/g) ?? []).toEqual([]);
  const devAccess = (parse(text) as { config: Record<string, { stack?: string }> }).config["databricks-mlops:devAccess"];
  if (devAccess?.stack !== undefined) expect(devAccess.stack).toBe("dev");
});

test.each(["deploy.yml", "pull-request.yml"])("%s names each stack as <PULUMI_ORGANIZATION>/databricks-mlops/<stage> and no organization of its own", (file) => {
  const text = fs.readFileSync(path.join(ROOT, ".github", "workflows", file), "utf8");
  const names = text.match(/stack-name: .*/g) ?? [];
  expect(names.length).toBeGreaterThan(0);
  for (const line of names) expect(line).toMatch(/^stack-name: \$\{\{ vars\.PULUMI_ORGANIZATION \}\}\/databricks-mlops\/\$\{\{ (matrix\.stage|env\.STAGE) \}\}$/);
  expect(text).not.toMatch(/acme/);
});
