/**
 * .github/CODEOWNERS: what judges a change (the pack, the policy configs) and what runs the judge (the plan
 * tool, the workflows, CI's entry point, the trusted checkout's dependencies, the CI identities) need a
 * security reviewer's approval. Read with GitHub's rule that the last matching line wins.
 */
import * as fs from "fs";
import * as path from "path";
import { ownerRuleOf, parseCodeowners, patternRegExp } from "./codeowners";

const ROOT = path.resolve(__dirname, "..", "..");
const rules = parseCodeowners(fs.readFileSync(path.join(ROOT, ".github", "CODEOWNERS"), "utf8"));
const SECURITY = "@acme/security-reviewers";

describe("the matcher reads patterns as GitHub does", () => {
  test.each([
    ["/policies/", "policies/config/prod.json", true],
    ["/policies/", "components/policies/x.ts", false],
    ["/policies/", "policies", false],
    // GitHub: a folder pattern without a leading slash matches that folder anywhere.
    ["policies/", "components/policies/x.ts", true],
    ["docs", "a/docs/b.md", true],
    ["*.md", "docs/ci.md", true],
    ["/docs/*.md", "docs/sub/ci.md", false],
    ["/docs/**/*.md", "docs/sub/ci.md", true],
    ["/package.json", "policies/package.json", false],
    ["*", "anything/at/all.ts", true],
  ])("%s on %s: %s", (pattern, file, matches) => {
    expect(patternRegExp(pattern).test(file)).toBe(matches);
  });

  test("the last matching line wins", () => {
    const later = parseCodeowners("/policies/ @a/security\n* @a/everyone\n");
    expect(ownerRuleOf(later, "policies/index.ts")?.owners).toEqual(["@a/everyone"]);
  });
});

describe(".github/CODEOWNERS", () => {
  test.each([
    "policies/index.ts",
    "policies/rules/grants-forbid-all-privileges.ts",
    "policies/package.json",
    "policies/config/prod.json",
    "policies/config/staging.json",
    ".github/workflows/deploy.yml",
    ".github/workflows/pull-request.yml",
    ".github/CODEOWNERS",
    ".ci/run",
    ".ci/node/package.json",
    "tools/plan/main.ts",
    "tools/plan/program-child.ts",
    "tools/ci/pr-comment.js",
    "tools/run-ts.js",
    "package.json",
    "package-lock.json",
    "ci-identities/index.ts",
  ])("%s needs a security reviewer", (file) => {
    expect(ownerRuleOf(rules, file)?.owners).toContain(SECURITY);
  });

  test("the policy configs are the security reviewers' alone", () => {
    expect(ownerRuleOf(rules, "policies/config/prod.json")?.owners).toEqual([SECURITY]);
    expect(ownerRuleOf(rules, "policies/rules/x.ts")?.owners).toEqual([SECURITY]);
  });

  test("every other file has an owner, and it is not the security reviewers alone", () => {
    for (const file of ["index.ts", "components/providers.ts", "Pulumi.prod.yaml", "docs/ci.md"]) {
      expect(ownerRuleOf(rules, file)?.owners).toEqual(["@acme/platform-engineers"]);
    }
  });

  test("every owner is a team of the organisation, and every line names one", () => {
    for (const rule of rules) {
      expect(rule.owners.length).toBeGreaterThan(0);
      for (const owner of rule.owners) expect(owner).toMatch(/^@acme\/(security-reviewers|platform-engineers)$/);
    }
  });
});
