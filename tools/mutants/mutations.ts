/**
 * The mutations the test suite must kill: each one is a defect a review found or could introduce,
 * written as an exact text replacement in one file, with the test files that must fail once it is
 * applied. Adding one is a data entry; `npm run --silent mutants` checks that every find-text is still
 * in its file, exactly once, so an entry cannot go stale without the run failing.
 */

/** One mutation of the tree. */
export interface Mutation {
  /** Short kebab-case id, shown in the report. */
  id: string;
  /** The defect it introduces, in words. */
  defect: string;
  /** File to change, relative to the repository root. */
  file: string;
  /** Exact text to replace; it must occur exactly once in `file`. */
  find: string;
  /** The text that replaces it. */
  replace: string;
  /** Jest test files (relative to the repository root) of which at least one must fail. */
  tests: string[];
}

const HOSTILE_PLAN = "test/plan/plan-hostile.test.ts";
const CONFIG_FIELDS = "test/components/config-fields.test.ts";

export const MUTATIONS: Mutation[] = [
  // The offline plan must judge what the engine judges.
  {
    id: "plan-analyze-stack-removed",
    defect: "the plan never calls AnalyzeStack, so no stack rule runs",
    file: "tools/plan/policy-runner.ts",
    find: "const stack = await this.analyzeStack(steps, remediated);",
    replace: "const stack: AnalysisOutcome = { violations: [], notApplicable: [] };",
    tests: [HOSTILE_PLAN],
  },
  {
    id: "plan-secrets-blinded-for-pack",
    defect: "secret inputs reach the pack as \"[secret]\" instead of their real values",
    file: "tools/plan/property-values.ts",
    find: "return wireSecret(engineValue(obj.value));",
    replace: "return SECRET_MARKER;",
    tests: [HOSTILE_PLAN, "test/plan/recorder.test.ts"],
  },
  {
    id: "plan-engine-inputs-dropped",
    defect: "the plan hands the pack the blinded inputs people see",
    file: "tools/plan/plan.ts",
    find: "engineInputs: recording.engineInputs.get(step.urn)",
    replace: "engineInputs: undefined",
    tests: [HOSTILE_PLAN, "test/plan/plan-secrets.test.ts"],
  },
  {
    id: "plan-secret-filter-removed",
    defect: "secret values the pack quotes appear in messages and errors",
    file: "tools/plan/plan.ts",
    find: "(secrets) => (filter = secretFilter(secrets))",
    replace: "() => filter",
    tests: [HOSTILE_PLAN, "test/plan/plan-secrets.test.ts"],
  },
  {
    id: "plan-config-file-path-base",
    defect: "--config-file resolves against the process directory, not --cwd or where the command ran",
    file: "tools/plan/plan.ts",
    find: "path.resolve(base, args.configFile)",
    replace: "path.resolve(args.configFile)",
    tests: ["test/plan/user-paths.test.ts"],
  },
  {
    id: "plan-policy-config-path-base",
    defect: "--policy-pack-config resolves against the project, not --cwd or where the command ran",
    file: "tools/plan/plan.ts",
    find: "path.resolve(base, args.policyPackConfig!)",
    replace: "path.resolve(projectDir, args.policyPackConfig!)",
    tests: ["test/plan/user-paths.test.ts"],
  },
  // Config validation and the access model.
  {
    id: "config-extra-grant-principal-loosened",
    defect: "any string is accepted as an extra grant's principal",
    file: "components/config.ts",
    find: "  principal: principalSchema,",
    replace: "  principal: text(ALLOWED.principal),",
    tests: [CONFIG_FIELDS],
  },
  {
    id: "config-storage-root-loosened",
    defect: "storageRoot accepts anything that starts with s3://",
    file: "components/config.ts",
    find: "/^s3:\\/\\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\\/.*)?$/",
    replace: "/^s3:\\/\\//",
    tests: [CONFIG_FIELDS],
  },
  {
    id: "config-catalog-name-loosened",
    defect: "catalogName accepts any string",
    file: "components/config.ts",
    find: "catalogName: identifierSchema(ALLOWED.catalogName).optional(),",
    replace: "catalogName: text(ALLOWED.catalogName).optional(),",
    tests: [CONFIG_FIELDS],
  },
  {
    id: "config-owner-loosened",
    defect: "owner accepts any string",
    file: "components/config.ts",
    find: "owner: principalSchema.optional(),",
    replace: "owner: text(ALLOWED.principal).optional(),",
    tests: [CONFIG_FIELDS],
  },
  {
    id: "access-dev-service-principal-dropped",
    defect: "dev's optional service principal gets no grant",
    file: "components/catalog-access.ts",
    find: "if (config.servicePrincipal) {",
    replace: "if (config.servicePrincipal && isAutomatedStage(config.stage)) {",
    tests: ["test/components/access-dev-stage.test.ts", "test/components/catalog-access.test.ts"],
  },
];
