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
const CONFIG_ACCESS = "test/components/config-access.test.ts";
const ACCESS_RULE = "test/policies/access-restrict-principals.test.ts";
const BINDINGS_RULE = "test/policies/bindings-restrict-workspaces.test.ts";
const MIXED_KINDS_RULE = "test/policies/grants-forbid-mixed-kinds.test.ts";
const DELETION_RULE = "test/policies/data-require-deletion-protection.test.ts";
const PLAN_DIFF = "test/plan/plan-diff.test.ts";
const ESCALATION_RULE = "test/policies/identities-forbid-escalation.test.ts";
const ENTITLEMENTS_RULE = "test/policies/identities-restrict-entitlements.test.ts";
const LEGACY_ACCESS_RULE = "test/policies/data-forbid-legacy-access.test.ts";
const STAGE_PICTURES = "test/plan/stage-pictures.test.ts";

export const MUTATIONS: Mutation[] = [
  // The offline plan must judge what the engine judges.
  {
    id: "plan-analyze-stack-removed",
    defect: "the plan never calls AnalyzeStack, so no stack rule runs",
    file: "tools/plan/policy-runner.ts",
    find: "const stack = await this.analyzeStack(arrived, remediated);",
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
    find: "feed.push({ ...step, engineInputs })",
    replace: "feed.push({ ...step, engineInputs: undefined })",
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
  // Rules that can be evaded (the pack is a security product).
  {
    id: "rule-all-privileges-skips-grant",
    defect: "ALL_PRIVILEGES is checked on Grants only, never on a single Grant",
    file: "policies/rules/grants-forbid-all-privileges.ts",
    find: "forResourceTypes([GRANTS, GRANT],",
    replace: "forResourceTypes([GRANTS],",
    tests: ["test/policies/grants-forbid-all-privileges.test.ts"],
  },
  {
    id: "rule-writer-match-unanchored",
    defect: "any principal containing the writer's id (evil-<uuid>) counts as the writer",
    file: "policies/lib/stage-principals/grants.ts",
    find: "(key === writer && !broad.has(key))",
    replace: "(writer !== undefined && key.includes(writer) && !broad.has(key))",
    tests: [ACCESS_RULE],
  },
  {
    id: "rule-principals-case-sensitive",
    defect: "principals compare case-sensitively: Ana@x.com and ana@x.com are two principals",
    file: "policies/lib/principals.ts",
    find: "return principal.trim().toLowerCase();",
    replace: "return principal.trim();",
    tests: [ACCESS_RULE, MIXED_KINDS_RULE],
  },
  {
    id: "rule-securable-names-case-sensitive",
    defect: "securable names compare case-sensitively: PROD_MLOPS and prod_mlops are two catalogs",
    file: "policies/lib/securables.ts",
    find: "return name.trim().toLowerCase();",
    replace: "return name.trim();",
    tests: [MIXED_KINDS_RULE, "test/policies/catalog-restrict-workspace-bindings.test.ts"],
  },
  {
    id: "rule-broad-audience-allowed",
    defect: "account-wide groups are treated like any other principal",
    file: "policies/lib/stage-principals/grants.ts",
    find: "    if (broad.has(key)) {",
    replace: "    if (false) {",
    tests: [ACCESS_RULE],
  },
  {
    id: "rule-ownership-unchecked",
    defect: "any owner passes",
    file: "policies/lib/stage-principals/ownership.ts",
    find: "  const owner = String(facts.owner);",
    replace: "  const owner = String(facts.owner);\n  if (owner) return [];",
    tests: [ACCESS_RULE],
  },
  {
    id: "rule-change-levels-allowed",
    defect: "CAN_MANAGE on a job that runs as the writer passes for anyone",
    file: "policies/lib/stage-principals/acls.ts",
    find: "} else if (isChangeLevel(entry.level) && key !== writer) {",
    replace: "} else if (false) {",
    tests: [ACCESS_RULE],
  },
  {
    id: "rule-unknown-values-advisory",
    defect: "an unknown value is rethrown, so the SDK downgrades the check to advisory",
    file: "policies/lib/applicability.ts",
    find: "      if (!isUnknownValueError(err)) throw err;\n      reportViolation(undecidedMessage(`${typeDisplayName(args.type)}",
    replace: "      throw err;\n      reportViolation(undecidedMessage(`${typeDisplayName(args.type)}",
    tests: [ACCESS_RULE],
  },
  {
    id: "rule-read-write-binding-any-workspace",
    defect: "a READ_WRITE binding to any workspace passes (the prod catalog writable from dev)",
    file: "policies/rules/bindings-restrict-workspaces.ts",
    find: "    if (config.readWriteWorkspaceIds?.includes(binding.workspaceId)) return [];",
    replace: "    return [];",
    tests: [BINDINGS_RULE],
  },
  {
    id: "rule-deprecated-binding-type-ignored",
    defect: "CatalogWorkspaceBinding, the deprecated binding type, is not checked",
    file: "policies/rules/bindings-restrict-workspaces.ts",
    find: "forResourceTypes([WORKSPACE_BINDING, CATALOG_WORKSPACE_BINDING],",
    replace: "forResourceTypes([WORKSPACE_BINDING],",
    tests: [BINDINGS_RULE],
  },
  {
    id: "rule-deprecated-binding-field-ignored",
    defect: "the deprecated catalogName field does not name the bound catalog",
    file: "policies/rules/bindings-restrict-workspaces.ts",
    find: " ?? knownText(() => props.catalogName),",
    replace: ",",
    tests: [BINDINGS_RULE],
  },
  {
    id: "rule-duplicate-grant-principals-ignored",
    defect: "two Grant resources for one principal on one securable pass",
    file: "policies/rules/grants-forbid-mixed-kinds.ts",
    find: "    findings.push(...findDuplicatePrincipals(securable, grantResources));",
    replace: "",
    tests: [MIXED_KINDS_RULE],
  },
  {
    id: "rule-application-id-unanchored",
    defect: "an evil-<uuid> run-as principal passes as a service principal's application id",
    file: "policies/lib/principals.ts",
    find: "const APPLICATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;",
    replace: "const APPLICATION_ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;",
    tests: ["test/policies/jobs-require-service-principal-run-as.test.ts"],
  },
  {
    id: "rule-run-as-any-service-principal",
    defect: "a job running as any service principal passes, not only as the writer",
    file: "policies/lib/stage-principals/run-as.ts",
    find: "  if (typeof principal !== \"string\") return [];",
    replace: "  if (typeof principal === \"string\" || principal === undefined) return [];",
    tests: [ACCESS_RULE],
  },
  {
    id: "rule-impersonation-unchecked",
    defect: "a servicePrincipal.user role on the writer passes",
    file: "policies/lib/stage-principals/impersonation.ts",
    find: "  if (typeof props.name !== \"string\" || !ruleSetGoverns(props.name, applicationId)) return [];",
    replace: "  return [];",
    tests: [ACCESS_RULE],
  },
  {
    id: "rule-deletion-schemas-only",
    defect: "deletion protection is checked on schemas only",
    file: "policies/rules/data-require-deletion-protection.ts",
    find: "validateResource: forResourceTypes(DATA_HOLDING_TYPES,",
    replace: "validateResource: forResourceTypes([types.SCHEMA],",
    tests: [DELETION_RULE],
  },
  {
    id: "rule-deletion-exempts-catalogs",
    defect: "catalogs are not data-holding",
    file: "policies/rules/data-require-deletion-protection.ts",
    find: "  types.CATALOG,\n",
    replace: "",
    tests: [DELETION_RULE, "test/policies/provider-coverage.test.ts"],
  },
  {
    id: "config-access-checks-dropped",
    defect: "the stack config accepts write grants, foreign owners and account-wide groups on staging and prod",
    file: "components/config.ts",
    find: "  for (const issue of findAccessConfigIssues(raw, refused)) context.addIssue({ code: \"custom\", ...issue });",
    replace: "",
    tests: [CONFIG_ACCESS],
  },
  {
    id: "config-blames-owner-for-malformed-writer",
    defect: "with a malformed service principal id, the owner (the real id) is refused as not the service principal",
    file: "components/access-config-checks.ts",
    find: "  if (automated && writerKnown && owner !== undefined",
    replace: "  if (automated && owner !== undefined",
    tests: ["test/components/config-refused-values.test.ts"],
  },
  {
    id: "program-declares-before-validating",
    defect: "the program declares a resource before it has validated the stack config",
    file: "index.ts",
    find: "// Throws StageConfigError (every bad key, what was given, what is allowed) before any resource exists.\n",
    replace: "new pulumi.ComponentResource(\"databricks-mlops:index:Early\", \"early\", {});\n",
    tests: ["test/fuzz/invalid-configs.test.ts"],
  },
  // The workspace capability: how a created workspace meets the access model, and the baseline rules.
  {
    id: "workspace-created-own-binding",
    defect: "a created workspace gets an explicit READ_WRITE binding to its (unknown, unreviewed) id",
    file: "components/catalog-access.ts",
    find: "  if (config.workspace.mode === \"adopt\") {",
    replace: "  if (config.workspace.mode === \"adopt\" || config.workspace.mode === \"create\") {",
    tests: ["test/workspace/stage-workspace.test.ts"],
  },
  {
    id: "workspace-dev-access-both-sources",
    defect: "devAccess accepts a literal workspace id and a dev stack reference at once",
    file: "components/workspace/config.ts",
    find: "if ((workspaceId === undefined) === (stack === undefined)) {",
    replace: "if (workspaceId === undefined && stack === undefined) {",
    tests: ["test/workspace/config.test.ts"],
  },
  {
    id: "rule-bucket-tls-ignores-condition",
    defect: "any Deny statement counts as TLS-only, whatever its condition",
    file: "policies/rules/aws-require-bucket-tls.ts",
    find: "  if (String(secure) !== \"false\") return false;\n",
    replace: "",
    tests: ["test/policies/aws-require-bucket-tls.test.ts"],
  },
  {
    id: "rule-bucket-settings-any-bucket",
    defect: "a public-access block of any bucket counts for every bucket",
    file: "policies/lib/aws-buckets.ts",
    find: "  if (setting.bucketDependsOn.includes(bucket.urn)) return true;",
    replace: "  return true;",
    tests: ["test/policies/aws-require-bucket-public-access-block.test.ts"],
  },
  {
    id: "rule-assignments-admin-only-by-name",
    defect: "only the literal ADMIN permission counts as admin, so an unknown permission passes as a user",
    file: "policies/rules/workspace-restrict-assignments.ts",
    find: "if (permissions.some((permission) => permission !== \"USER\")) {",
    replace: "if (permissions.includes(\"ADMIN\")) {",
    tests: ["test/policies/workspace-restrict-assignments.test.ts"],
  },
  {
    id: "rule-legacy-any-provider",
    defect: "legacy settings declared through one workspace's provider count for every workspace",
    file: "policies/rules/workspace-require-legacy-disabled.ts",
    find: "s.type === kind.type && s.providerUrn === provider.urn",
    replace: "s.type === kind.type",
    tests: ["test/policies/workspace-require-legacy-disabled.test.ts"],
  },
  // The plan diff must show what the engine would do.
  {
    id: "diff-replace-shown-as-update",
    defect: "a change of a create-only input is shown as an in-place update",
    file: "tools/plan/diff/plan-diff.ts",
    find: 'return change(reasons.length > 0 ? "replace" : "update", after, before, [...inputs, ...options], reasons);',
    replace: 'return change("update", after, before, [...inputs, ...options], reasons);',
    tests: [PLAN_DIFF],
  },
  {
    id: "diff-deletes-missed",
    defect: "resources only the earlier plan has are not shown as deletes",
    file: "tools/plan/diff/plan-diff.ts",
    find: '  for (const old of before.steps) if (!matched.has(old.urn)) changes.push(change("delete", old, old));\n',
    replace: "",
    tests: [PLAN_DIFF],
  },
  {
    id: "diff-schema-rename-in-place",
    defect: "renaming a schema is taken for an update, though the provider recreates it",
    file: "tools/plan/diff/replace-rules.ts",
    find: '"databricks:index/schema:Schema": ["name", "catalogName", "storageRoot"],',
    replace: '"databricks:index/schema:Schema": ["catalogName", "storageRoot"],',
    tests: [PLAN_DIFF],
  },
  {
    id: "pictures-cross-stage-unmarked",
    defect: "privileges readable from another stage's workspace are not marked cross-stage",
    file: "tools/plan/diagram/access-matrix.ts",
    find: 'if (r.principalKind === "workspace" && r.privileges.includes("READ_ONLY")) {',
    replace: 'if (r.principalKind === "workspace" && r.privileges.includes("READ_WRITE")) {',
    tests: [STAGE_PICTURES],
  },
  {
    id: "pictures-grants-drawn",
    defect: "grants, ACLs and bindings crowd the diagram as nodes",
    file: "tools/plan/diagram/stage-graph.ts",
    find: "s.custom && !ACCESS_TYPES.has(s.type) && ",
    replace: "s.custom && ",
    tests: [STAGE_PICTURES],
  },
  {
    id: "ci-comment-first-page-only",
    defect: "the PR comment step reads only the first page of comments and posts a second comment on a busy pull request",
    file: "tools/ci/pr-comment.js",
    find: "const comments = await github.paginate(github.rest.issues.listComments, { ...issue, per_page: 100 });",
    replace: "const comments = (await github.rest.issues.listComments({ ...issue, per_page: 100 })).data;",
    tests: ["test/ci/pr-comment.test.ts"],
  },
  {
    id: "ci-fork-comment",
    defect: "the pull-request workflow tries to comment with a fork's read-only token",
    file: ".github/workflows/pull-request.yml",
    find: "      - name: comment on the pull request\n        if: github.event.pull_request.head.repo.full_name == github.repository\n",
    replace: "      - name: comment on the pull request\n",
    tests: ["test/ci/workflows.test.ts"],
  },
  {
    id: "rule-destination-secrets-read-through-proxy-dropped",
    defect: "the remediation reads secrets through the SDK's proxies, so every credential looks plain and is remediated again",
    file: "policies/lib/secret-values.ts",
    find: "    if (inner === undefined || inner === current) break;",
    replace: "    break;",
    tests: ["test/policies/alerts-require-secret-destinations.test.ts"],
  },
  // Waivers must never lift more than they say.
  {
    id: "waivers-refused-on-prod-ignored",
    defect: "a rule that keeps the design's promises accepts a waiver for a prod resource",
    file: "policies/lib/waivers.ts",
    find: 'if (policy === "refused-on-prod" && PRODUCTION_STACKS.includes(stack.toLowerCase()))',
    replace: "if (false)",
    tests: ["test/policies/waivers.test.ts", "test/plan/plan-waivers.test.ts"],
  },
  {
    id: "waivers-expiry-a-day-late",
    defect: "a waiver still applies the day after its expiry date",
    file: "policies/lib/waivers.ts",
    find: "if (now.getTime() >= start + DAY_MS)",
    replace: "if (now.getTime() >= start + 2 * DAY_MS)",
    tests: ["test/policies/waivers.test.ts"],
  },
  {
    id: "waivers-lift-every-resource",
    defect: "a waiver in force lifts the rule's violations on every resource, not only the one it names",
    file: "policies/lib/waivers.ts",
    find: "const named = waivers.filter((w) => w.urn === urn);",
    replace: "const named = [...waivers];",
    tests: ["test/policies/waivers.test.ts", "test/plan/plan-waivers.test.ts"],
  },
  // Prod's data must survive renames.
  {
    id: "inventory-aliases-ignored",
    defect: "data-forbid-dropped-resources ignores aliases, so a correct rename fails and nothing tells the two cases apart",
    file: "policies/rules/data-forbid-dropped-resources.ts",
    find: "    for (const alias of resource.aliases) if (!byUrn.has(alias)) byUrn.set(alias, resource);\n",
    replace: "",
    tests: ["test/policies/data-forbid-dropped-resources.test.ts", "test/plan/data-safety.test.ts"],
  },
  {
    id: "inventory-decoy-alias-accepted",
    defect: "a protected resource of another type that claims a data resource's URN as an alias satisfies the inventory",
    file: "policies/rules/data-forbid-dropped-resources.ts",
    find: "} else if (now.type !== typeOfUrn(urn)) {",
    replace: "} else if (false) {",
    tests: ["test/policies/data-forbid-dropped-resources.test.ts"],
  },
  {
    id: "plan-aliases-not-sent",
    defect: "the plan never sends a resource's aliases to the pack, unlike the engine",
    file: "tools/plan/analyzer-messages.ts",
    find: "  options.setAliasesList(step.aliases ?? []);\n",
    replace: "",
    tests: ["test/plan/data-safety.test.ts"],
  },
  {
    id: "prod-model-not-retained",
    defect: "prod's registered model and experiment are protected but no longer retained on delete",
    file: "components/pipelines/ml-project.ts",
    find: "{ parent: this, protect: protectData, retainOnDelete: protectData }",
    replace: "{ parent: this, protect: protectData, retainOnDelete: false }",
    tests: ["test/plan/data-safety.test.ts"],
  },
  {
    id: "rule-escalation-group-member-unchecked",
    defect: "a person put in the workspace admins group through GroupMember passes the pack",
    file: "policies/rules/identities-forbid-escalation.ts",
    find: "export const MEMBERSHIP_TYPES: readonly string[] = [\n  GROUP_MEMBER,\n",
    replace: "export const MEMBERSHIP_TYPES: readonly string[] = [\n",
    tests: ["test/policies/identities-forbid-escalation.test.ts", HOSTILE_PLAN],
  },
  {
    id: "rule-secret-acl-readers-trusted",
    defect: "a reader group may hold a prod secret scope's ACL, so people read the writer's credentials",
    file: "policies/lib/stage-principals/secrets.ts",
    find: "const trusted = config.adminPrincipals.map(canonicalPrincipal);",
    replace: "const trusted = [...config.adminPrincipals, ...config.readerGroups].map(canonicalPrincipal);",
    tests: [ACCESS_RULE, HOSTILE_PLAN],
  },
  {
    id: "rule-secret-scope-initial-manager-unchecked",
    defect: "a secret scope that makes every user its manager from creation passes the pack",
    file: "policies/rules/access-restrict-principals.ts",
    find: "if (type === SECRET_ACL || type === SECRET_SCOPE) return findSecretViolations(type, name, props, config);",
    replace: "if (type === SECRET_ACL) return findSecretViolations(type, name, props, config);\n  if (type === SECRET_SCOPE) return [];",
    tests: [ACCESS_RULE, HOSTILE_PLAN],
  },
  {
    id: "rule-escalation-git-credential-unchecked",
    defect: "a Git personal access token of the writer, kept in the stack's state, passes the pack",
    file: "policies/rules/identities-forbid-escalation.ts",
    find: "  SERVICE_PRINCIPAL_SECRET,\n  GIT_CREDENTIAL,\n",
    replace: "  SERVICE_PRINCIPAL_SECRET,\n",
    tests: [ESCALATION_RULE, HOSTILE_PLAN],
  },
  {
    id: "rule-entitlements-spelling-variants-missed",
    defect: "an entitlement spelled with dashes (allow-instance-pool-create) is not recognised as compute creation",
    file: "policies/rules/identities-restrict-entitlements.ts",
    find: "return name.trim().toUpperCase().replace(/[\\s_-]+/g, \"_\");",
    replace: "return name.trim().toUpperCase();",
    tests: [ENTITLEMENTS_RULE, HOSTILE_PLAN],
  },
  {
    id: "rule-entitlements-allowed-everywhere",
    defect: "cluster creation passes on every stage, as if every config allowed it",
    file: "policies/rules/identities-restrict-entitlements.ts",
    find: "const compute = config.allowComputeCreation === true ? [] : granted",
    replace: "const compute = config.allowComputeCreation !== false ? [] : granted",
    tests: [ENTITLEMENTS_RULE, HOSTILE_PLAN, "test/policies/pack-grpc.test.ts"],
  },
  {
    id: "rule-legacy-table-acls-unchecked",
    defect: "legacy table ACLs (SqlPermissions, ANY FILE included) pass the pack",
    file: "policies/rules/data-forbid-legacy-access.ts",
    find: "export const LEGACY_ACCESS_TYPES: readonly string[] = [SQL_PERMISSIONS, MOUNT, SQL_GLOBAL_CONFIG];",
    replace: "export const LEGACY_ACCESS_TYPES: readonly string[] = [MOUNT, SQL_GLOBAL_CONFIG];",
    tests: [LEGACY_ACCESS_RULE, HOSTILE_PLAN],
  },
];
