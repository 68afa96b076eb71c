/**
 * access-restrict-principals as pure functions: a compliant stage, then one failing case per way to confer
 * write power, ownership or a broad audience, on each kind of securable and through each resource kind.
 */
import {
  accessRestrictPrincipals,
  findCreatedGroupViolations,
  findAclViolations,
  findObjectRunAsViolations,
  findImpersonationViolations,
  findOwnershipViolations,
  findViolations,
  findRunAsViolations,
  findPrincipalGrantViolations,
  findSecretViolations,
  resolvedConfig,
} from "../../policies/rules/access-restrict-principals";
import { OWNED_SECURABLE_TYPES, SECRET_ACL, SECRET_SCOPE } from "../../policies/lib/resource-types";
import { invokeRule } from "./invoke-rule";
import { DATA_SCIENTIST_READ, PROD_SP, SP_WRITE } from "./fixtures";

const config = resolvedConfig({ writerPrincipal: PROD_SP, readerGroups: ["mlops-data-scientists", "mlops-ml-engineers"] });
const READ = "USE_CATALOG, USE_SCHEMA, SELECT, EXECUTE, READ_VOLUME, BROWSE";
const WRITER = `only '${PROD_SP}' may write (writerPrincipal in this stage's policy config)`;
const OTHER_SP = "2b7e51a0-4c3d-4e8f-9a1b-2c3d4e5f6a7b";
const READERS = "'mlops-data-scientists', 'mlops-ml-engineers'";

const outsider = (principal: string, what: string, securable: string) =>
  `Principal '${principal}' is granted ${what} on ${securable}, but it is neither this stage's writer nor one of its reader groups: ` +
  `${WRITER}, and the reader groups are ${READERS}. A stack cannot widen access by itself: change the policy config first, in a reviewed change.`;

describe("access-restrict-principals: grants", () => {
  test("the writer may write and the reader groups may read", () => {
    const props = {
      catalog: "prod_mlops",
      grants: [
        { principal: PROD_SP, privileges: [...SP_WRITE, "MANAGE"] },
        { principal: "mlops-data-scientists", privileges: DATA_SCIENTIST_READ },
        { principal: "MLOps-ML-Engineers", privileges: ["use catalog", "Select"] },
      ],
    };
    expect(findPrincipalGrantViolations(props, config)).toEqual([]);
  });

  test("the writer is recognised in any case", () => {
    const props = { schema: "prod_mlops.features", principal: PROD_SP.toUpperCase(), privileges: ["MODIFY"] };
    expect(findPrincipalGrantViolations(props, config)).toEqual([]);
  });

  test.each([
    ["MODIFY", ["SELECT", "MODIFY"]],
    ["MANAGE", ["MANAGE"]],
    ["ALL_PRIVILEGES", ["all privileges"]],
    ["CREATE_TABLE", ["create table"]],
    ["TELEPORT", ["TELEPORT"]],
  ])("a reader group holding %s is named with the privilege and the writer", (named, privileges) => {
    const props = { catalog: "prod_mlops", grants: [{ principal: "mlops-data-scientists", privileges }] };
    expect(findPrincipalGrantViolations(props, config)).toEqual([
      `Reader group 'mlops-data-scientists' is granted ${named} on catalog 'prod_mlops'; readers may hold only ${READ}, and ${WRITER}.`,
    ]);
  });

  test("a write split over two entries of one principal, in two spellings of its name, is still caught", () => {
    const props = {
      catalog: "prod_mlops",
      grants: [
        { principal: "mlops-ml-engineers", privileges: ["SELECT"] },
        { principal: "MLOPS-ML-ENGINEERS ", privileges: ["WRITE_VOLUME"] },
      ],
    };
    expect(findPrincipalGrantViolations(props, config)).toEqual([
      `Reader group 'mlops-ml-engineers' is granted WRITE_VOLUME on catalog 'prod_mlops'; readers may hold only ${READ}, and ${WRITER}.`,
    ]);
  });

  test("another service principal, e.g. another stage's, is not the writer", () => {
    const props = { catalog: "prod_mlops", grants: [{ principal: OTHER_SP, privileges: ["USE_CATALOG", "MODIFY"] }] };
    expect(findPrincipalGrantViolations(props, config)).toEqual([outsider(OTHER_SP, "write privileges MODIFY", "catalog 'prod_mlops'")]);
  });

  test("a principal that merely looks like a service principal is no writer either", () => {
    const props = { catalog: "prod_mlops", grants: [{ principal: `evil-${PROD_SP}`, privileges: ["MODIFY"] }] };
    expect(findPrincipalGrantViolations(props, config)).toEqual([
      outsider(`evil-${PROD_SP}`, "write privileges MODIFY", "catalog 'prod_mlops'"),
    ]);
  });

  test("an individual user may not even read: people read through the reader groups", () => {
    const props = { table: "prod_mlops.inference.predictions", principal: "ana@example.com", privileges: ["SELECT"] };
    expect(findPrincipalGrantViolations(props, config)).toEqual([outsider("ana@example.com", "SELECT", "table 'prod_mlops.inference.predictions'")]);
  });

  test.each(["account users", "Account Users", "users"])("the account-wide group %j holds nothing, read included", (group) => {
    const props = { model: "prod_mlops.ml_assets.churn", principal: group, privileges: ["EXECUTE"] };
    expect(findPrincipalGrantViolations(props, config)).toEqual([
      `Account-wide group '${group}' is granted EXECUTE on model 'prod_mlops.ml_assets.churn'; it contains every user, so it may hold nothing on this stage, read included. Grant a named reader group instead.`,
    ]);
  });

  test("an account-wide group stays refused even when the config lists it as a reader or the writer", () => {
    const careless = resolvedConfig({ writerPrincipal: "users", readerGroups: ["account users"] });
    const props = { catalog: "prod_mlops", grants: [{ principal: "users", privileges: ["MODIFY"] }, { principal: "account users", privileges: ["SELECT"] }] };
    expect(findPrincipalGrantViolations(props, careless)).toHaveLength(2);
  });

  test("without a configured writer nobody may write (fail closed)", () => {
    const props = { volume: "prod_mlops.features.raw", principal: PROD_SP, privileges: ["WRITE_VOLUME"] };
    expect(findPrincipalGrantViolations(props, resolvedConfig({ readerGroups: [] }))).toEqual([
      `Principal '${PROD_SP}' is granted write privileges WRITE_VOLUME on volume 'prod_mlops.features.raw', but it is neither this stage's writer nor one of its reader groups: ` +
        "no principal may write: this stage's policy config names no writerPrincipal, and the reader groups are (none). " +
        "A stack cannot widen access by itself: change the policy config first, in a reviewed change.",
    ]);
  });

  test("grants on every kind of securable are checked, the metastore and external locations included", () => {
    for (const securable of [{ metastore: "m-1" }, { externalLocation: "landing" }, { storageCredential: "cred" }, { function: "prod_mlops.f.g" }]) {
      const props = { ...securable, principal: "mlops-data-scientists", privileges: ["CREATE_CATALOG"] };
      expect(findPrincipalGrantViolations(props, config)).toHaveLength(1);
    }
  });

  test("the configured read-only set replaces the default one", () => {
    const narrow = resolvedConfig({ ...config, readOnlyPrivileges: ["use_catalog"] });
    const props = { catalog: "prod_mlops", grants: [{ principal: "mlops-data-scientists", privileges: ["USE_CATALOG", "SELECT"] }] };
    expect(findPrincipalGrantViolations(props, narrow)).toEqual([
      `Reader group 'mlops-data-scientists' is granted SELECT on catalog 'prod_mlops'; readers may hold only USE_CATALOG, and ${WRITER}.`,
    ]);
  });

  test("the schema defaults are the access model's read set and the two account-wide groups", () => {
    const properties = accessRestrictPrincipals.configSchema?.properties as Record<string, { default?: unknown }>;
    expect(properties.readOnlyPrivileges.default).toEqual(["USE_CATALOG", "USE_SCHEMA", "SELECT", "EXECUTE", "READ_VOLUME", "BROWSE"]);
    expect(properties.broadAudienceGroups.default).toEqual(["account users", "users"]);
    expect(properties.readerGroups.default).toEqual([]);
    expect(properties.writerPrincipal.default).toBeUndefined();
  });
});

describe("access-restrict-principals: ownership", () => {
  const CATALOG = "databricks:index/catalog:Catalog";

  test("the writer owns, in any case", () => {
    expect(findOwnershipViolations({ type: CATALOG, name: "prod-mlops-catalog", owner: PROD_SP }, config)).toEqual([]);
    expect(findOwnershipViolations({ type: CATALOG, name: "prod-mlops-catalog", owner: PROD_SP.toUpperCase() }, config)).toEqual([]);
  });

  test("a group owner holds every privilege: refused", () => {
    expect(findOwnershipViolations({ type: CATALOG, name: "prod-mlops-catalog", owner: "mlops-ml-engineers" }, config)).toEqual([
      `Catalog 'prod-mlops-catalog' is owned by 'mlops-ml-engineers'; an owner holds every privilege on what it owns, and ${WRITER}. Set owner to the writer.`,
    ]);
  });

  test("an account-wide group as owner is named as such", () => {
    expect(findOwnershipViolations({ type: CATALOG, name: "c", owner: "account users" }, config)[0]).toContain(
      "is owned by the account-wide group 'account users'",
    );
  });

  test("an unset owner is whoever runs pulumi up: refused", () => {
    for (const owner of [undefined, null, ""]) {
      expect(findOwnershipViolations({ type: CATALOG, name: "prod-mlops-catalog", owner }, config)).toEqual([
        `Catalog 'prod-mlops-catalog' sets no owner, so it would be owned by whoever runs pulumi up and that identity would hold every privilege on it; set owner to the stage's writer ('${PROD_SP}').`,
      ]);
    }
  });

  test.each(OWNED_SECURABLE_TYPES.map((type) => [type]))("owners of %s are checked", (type) => {
    expect(findOwnershipViolations({ type, name: "x", owner: OTHER_SP }, config)).toHaveLength(1);
    expect(findOwnershipViolations({ type, name: "x", owner: PROD_SP }, config)).toEqual([]);
  });
});

describe("access-restrict-principals, the registered rule", () => {
  const prodConfig = { writerPrincipal: PROD_SP, readerGroups: ["mlops-data-scientists"] };

  test("checks Grants entries, a single Grant and the owner of every owner-bearing type", () => {
    const grants = { catalog: "prod_mlops", grants: [{ principal: OTHER_SP, privileges: ["MODIFY"] }] };
    expect(invokeRule(accessRestrictPrincipals, { type: "databricks:index/grants:Grants", props: grants }, prodConfig).violations).toHaveLength(1);
    const grant = { schema: "prod_mlops.features", principal: OTHER_SP, privileges: ["MODIFY"] };
    expect(invokeRule(accessRestrictPrincipals, { type: "databricks:index/grant:Grant", props: grant }, prodConfig).violations).toHaveLength(1);
    for (const type of OWNED_SECURABLE_TYPES) {
      expect(invokeRule(accessRestrictPrincipals, { type, props: { owner: OTHER_SP } }, prodConfig).violations).toHaveLength(1);
      expect(invokeRule(accessRestrictPrincipals, { type, props: { owner: PROD_SP } }, prodConfig).violations).toEqual([]);
    }
  });

  test("an owner unknown during preview fails closed instead of passing", () => {
    class UnknownValueError extends Error {}
    const props = Object.defineProperty({}, "owner", {
      get: () => {
        throw new UnknownValueError("string value at .owner can't be known during preview");
      },
    });
    expect(invokeRule(accessRestrictPrincipals, { type: "databricks:index/catalog:Catalog", name: "c", props }, prodConfig).violations).toEqual([
      "Catalog 'c' cannot be checked during preview: string value at .owner can't be known during preview. This rule fails closed on unknown values: " +
        "make the value known at preview time (a literal or an input of another resource, not a provider-computed output), " +
        "or preview again once the resource it comes from exists.",
    ]);
  });

  test("does not apply to resources that grant nothing and own nothing", () => {
    expect(invokeRule(accessRestrictPrincipals, { type: "databricks:index/cluster:Cluster" }, prodConfig).notApplicable).toMatch(/^Policy only applies to/);
  });
});

describe("access-restrict-principals: acting as the writer", () => {
  const RULE_SET = "databricks:index/accessControlRuleSet:AccessControlRuleSet";
  const OBO = "databricks:index/oboToken:OboToken";
  const ownRuleSet = `accounts/acc-1/servicePrincipals/${PROD_SP}/ruleSets/default`;

  const otherRole = (principal: string, role: string, ruleSet: string) =>
    `AccessControlRuleSet 'rs' gives '${principal}' ${role} on '${ruleSet}'; a rule-set role manages a group's members or a service principal, ` +
    "or acts as one, which changes who holds what without a grant the access rules see. On this stage rule sets give roles to the writer alone; " +
    "the account's identity administrators manage the rest.";

  test("a rule set that lets only the writer use itself passes; so does one giving the writer a role on a group", () => {
    const props = { name: ownRuleSet, grantRules: [{ role: "roles/servicePrincipal.user", principals: [`servicePrincipals/${PROD_SP}`] }] };
    expect(findImpersonationViolations(RULE_SET, "rs", props, config)).toEqual([]);
    const group = { name: "accounts/acc-1/groups/123/ruleSets/default", grantRules: [{ role: "roles/group.manager", principals: [`servicePrincipals/${PROD_SP.toUpperCase()}`] }] };
    expect(findImpersonationViolations(RULE_SET, "rs", group, config)).toEqual([]);
  });

  test("a role on another service principal lets someone act through it, and is refused", () => {
    const ruleSet = `accounts/acc-1/servicePrincipals/${OTHER_SP}/ruleSets/default`;
    const other = { name: ruleSet, grantRules: [{ role: "roles/servicePrincipal.user", principals: ["groups/x"] }] };
    expect(findImpersonationViolations(RULE_SET, "rs", other, config)).toEqual([otherRole("groups/x", "roles/servicePrincipal.user", ruleSet)]);
  });

  test("a group manager role, on a reader group's rule set or any other, is refused for anyone but the writer", () => {
    const ruleSet = "accounts/acc-1/groups/456/ruleSets/default";
    const props = { name: ruleSet, grantRules: [{ role: "roles/group.manager", principals: ["users/ana@example.com", "groups/mlops-ml-engineers"] }] };
    expect(findImpersonationViolations(RULE_SET, "rs", props, config)).toEqual([
      otherRole("users/ana@example.com", "roles/group.manager", ruleSet),
      otherRole("groups/mlops-ml-engineers", "roles/group.manager", ruleSet),
    ]);
  });

  test("without a writer in the config, every role a rule set gives is refused", () => {
    const props = { name: ownRuleSet, grantRules: [{ principals: [`servicePrincipals/${PROD_SP}`] }] };
    expect(findImpersonationViolations(RULE_SET, "rs", props, resolvedConfig({}))).toEqual([otherRole(`servicePrincipals/${PROD_SP}`, "an unnamed role", ownRuleSet)]);
  });

  test.each(["roles/servicePrincipal.user", "roles/servicePrincipal.manager"])("%s on the writer for a group is refused", (role) => {
    const props = { name: ownRuleSet.toUpperCase(), grantRules: [{ role, principals: ["groups/mlops-ml-engineers"] }] };
    expect(findImpersonationViolations(RULE_SET, "rs", props, config)).toEqual([
      `AccessControlRuleSet 'rs' gives 'groups/mlops-ml-engineers' ${role} on the writer '${PROD_SP}', so it could act as the writer and hold its write power; only the writer acts as itself.`,
    ]);
  });

  test("the account-wide rule set reaches every service principal, the writer included", () => {
    const props = { name: "accounts/acc-1/ruleSets/default", grantRules: [{ role: "roles/servicePrincipal.user", principals: ["users/ana@example.com"] }] };
    expect(findImpersonationViolations(RULE_SET, "rs", props, config)).toHaveLength(1);
  });

  test("an on-behalf-of token for the writer is refused; one for another service principal is not this rule's", () => {
    expect(findImpersonationViolations(OBO, "t", { applicationId: PROD_SP.toUpperCase() }, config)).toEqual([
      `OboToken 't' mints a token that acts as the writer '${PROD_SP}'; its value would sit in the stack's state for anyone who can read it. ` +
        "Let automation authenticate as the service principal itself (OAuth, workload identity federation).",
    ]);
    expect(findImpersonationViolations(OBO, "t", { applicationId: OTHER_SP }, config)).toEqual([]);
  });

  test("the registered rule checks rule sets and tokens", () => {
    const props = { name: ownRuleSet, grantRules: [{ role: "roles/servicePrincipal.user", principals: ["groups/x"] }] };
    expect(invokeRule(accessRestrictPrincipals, { type: RULE_SET, props }, { writerPrincipal: PROD_SP }).violations).toHaveLength(1);
    expect(invokeRule(accessRestrictPrincipals, { type: OBO, props: { applicationId: PROD_SP } }, { writerPrincipal: PROD_SP }).violations).toHaveLength(1);
  });
});

describe("access-restrict-principals: workspace access control lists", () => {
  const PERMISSIONS = "databricks:index/permissions:Permissions";
  const acl = (...accessControls: Record<string, string>[]) => ({ jobId: "123", accessControls });

  test("the writer owns the job, the reader groups view it; a reader group may run a notebook, which runs as its runner", () => {
    const props = acl(
      { servicePrincipalName: PROD_SP, permissionLevel: "IS_OWNER" },
      { groupName: "mlops-ml-engineers", permissionLevel: "CAN_VIEW" },
      { groupName: "mlops-data-scientists", permissionLevel: "CAN_VIEW" },
    );
    expect(findAclViolations("job-acl", props, config)).toEqual([]);
    expect(findAclViolations("nb-acl", { notebookPath: "/Shared/x", accessControls: [{ groupName: "mlops-data-scientists", permissionLevel: "CAN_RUN" }] }, config)).toEqual([]);
    expect(findAclViolations("pipe-acl", { pipelineId: "p", accessControls: [{ servicePrincipalName: PROD_SP, permissionLevel: "CAN_RUN" }] }, config)).toEqual([]);
  });

  test.each([
    ["CAN_MANAGE_RUN on a job", acl({ groupName: "mlops-ml-engineers", permissionLevel: "CAN_MANAGE_RUN" }), "CAN_MANAGE_RUN"],
    ["CAN_RUN on a pipeline", { pipelineId: "p", accessControls: [{ groupName: "mlops-ml-engineers", permissionLevel: "can_run" }] }, "CAN_RUN"],
  ])("a reader group holding %s would start the writer's runs with its own parameters", (_, props, level) => {
    expect(findAclViolations("run-acl", props as Record<string, unknown>, config)).toEqual([
      `Permissions 'run-acl' gives 'mlops-ml-engineers' ${level}; its holder starts runs of what runs as the writer with their own ` +
        "parameters (a deploy task's serving_config included), so the writer does what they say. People are read-only on this stage: " +
        "give them CAN_VIEW; runs come from the schedules, the retraining trigger and CI.",
    ]);
  });

  test.each([
    ["groupName", "mlops-ml-engineers", "CAN_MANAGE"],
    ["userName", "ana@example.com", "IS_OWNER"],
    ["servicePrincipalName", OTHER_SP, "can_edit"],
  ])("%s %s holding %s could change what runs as the writer", (kind, principal, level) => {
    expect(findAclViolations("job-acl", acl({ [kind]: principal, permissionLevel: level }), config)).toEqual([
      `Permissions 'job-acl' gives '${principal}' ${level.toUpperCase()}; whoever can change a job, pipeline or query that runs as the writer ` +
        `changes what the writer does, so IS_OWNER, CAN_MANAGE, CAN_EDIT belong to the writer alone, and ${WRITER}. ` +
        "Give people CAN_VIEW, CAN_READ or CAN_QUERY.",
    ]);
  });

  const outsiderAcl = (who: string, level: string) =>
    `Permissions 'job-acl' gives ${who} ${level}, but it is neither this stage's writer (as a service principal) nor one of its reader groups ` +
    `(as a group): ${WRITER}, and the reader groups are ${READERS} in this stage's policy config. A user or service principal that carries a ` +
    "group's name is not that group. Give access through a reader group.";

  test.each([
    ["a user", { userName: "ana@example.com", permissionLevel: "CAN_VIEW" }, "user 'ana@example.com'", "CAN_VIEW"],
    ["another group", { groupName: "contractors", permissionLevel: "CAN_QUERY" }, "group 'contractors'", "CAN_QUERY"],
    ["another service principal", { servicePrincipalName: OTHER_SP, permissionLevel: "CAN_MANAGE_RUN" }, `service principal '${OTHER_SP}'`, "CAN_MANAGE_RUN"],
    ["a user carrying a reader group's name", { userName: "mlops-data-scientists", permissionLevel: "CAN_VIEW" }, "user 'mlops-data-scientists'", "CAN_VIEW"],
    ["a service principal carrying a reader group's name", { servicePrincipalName: "mlops-ml-engineers", permissionLevel: "CAN_READ" }, "service principal 'mlops-ml-engineers'", "CAN_READ"],
    ["a group carrying the writer's application id", { groupName: PROD_SP, permissionLevel: "CAN_VIEW" }, `group '${PROD_SP}'`, "CAN_VIEW"],
    ["a user carrying the writer's application id", { userName: PROD_SP, permissionLevel: "CAN_RUN" }, `user '${PROD_SP}'`, "CAN_RUN"],
    ["an entry without a level", { groupName: "contractors" }, "group 'contractors'", "an unnamed level"],
  ])("%s holds nothing, read levels included", (_, control, who, level) => {
    expect(findAclViolations("job-acl", acl(control as Record<string, string>), config)).toEqual([outsiderAcl(who, level)]);
  });

  test("a group carrying the writer's application id may not manage what runs as the writer", () => {
    expect(findAclViolations("job-acl", acl({ groupName: PROD_SP, permissionLevel: "CAN_MANAGE" }), config)).toHaveLength(1);
    expect(findAclViolations("job-acl", acl({ groupName: PROD_SP, permissionLevel: "CAN_MANAGE" }), config)[0]).toMatch(/belong to the writer alone/);
  });

  test("without reader groups in the config, every group is an outsider", () => {
    const noReaders = resolvedConfig({ writerPrincipal: PROD_SP });
    expect(findAclViolations("job-acl", acl({ groupName: "mlops-ml-engineers", permissionLevel: "CAN_VIEW" }), noReaders)).toEqual([
      `Permissions 'job-acl' gives group 'mlops-ml-engineers' CAN_VIEW, but it is neither this stage's writer (as a service principal) nor one of its reader groups ` +
        `(as a group): ${WRITER}, and the reader groups are (none) in this stage's policy config. A user or service principal that carries a ` +
        "group's name is not that group. Give access through a reader group.",
    ]);
  });

  test("an account-wide group holds nothing, not even CAN_VIEW", () => {
    expect(findAclViolations("job-acl", acl({ groupName: "Users", permissionLevel: "CAN_VIEW" }), config)).toEqual([
      "Permissions 'job-acl' gives the account-wide group 'Users' CAN_VIEW; it contains every user, so it may hold nothing on this stage. Name a group.",
    ]);
  });

  test("the registered rule checks Permissions", () => {
    const props = acl({ groupName: "mlops-ml-engineers", permissionLevel: "CAN_MANAGE" });
    expect(invokeRule(accessRestrictPrincipals, { type: PERMISSIONS, props }, { writerPrincipal: PROD_SP }).violations).toHaveLength(1);
  });
});

describe("access-restrict-principals: a job's run-as identity writes what the job writes", () => {
  test("a job running as the writer passes; one running as another service principal is a second writer", () => {
    expect(findRunAsViolations("prod-training", { runAs: { servicePrincipalName: PROD_SP.toUpperCase() } }, config)).toEqual([]);
    expect(findRunAsViolations("prod-training", { runAs: { servicePrincipalName: OTHER_SP } }, config)).toEqual([
      `Job 'prod-training' runs as '${OTHER_SP}', so everything it writes is written by that principal, and ${WRITER}.`,
    ]);
  });

  test("a job running as a person, or as nobody, is left to jobs-require-service-principal-run-as", () => {
    expect(findRunAsViolations("j", { runAs: { userName: "ana@example.com" } }, config)).toEqual([]);
    expect(findRunAsViolations("j", {}, config)).toEqual([]);
  });

  test("the registered rule checks jobs", () => {
    const props = { runAs: { servicePrincipalName: OTHER_SP } };
    expect(invokeRule(accessRestrictPrincipals, { type: "databricks:index/job:Job", props }, { writerPrincipal: PROD_SP }).violations).toHaveLength(1);
  });
});

describe("access-restrict-principals: a share's grants name recipients, never reader groups", () => {
  const recipientMessage = (recipient: string, allowed: string) =>
    `Recipient '${recipient}' is granted SELECT on share 'prod-features'; a share's grants send the stage's data to a Delta Sharing recipient ` +
    `outside its workspaces, and a recipient is never a reader group, whatever its name. Only ${allowed} may receive a share ` +
    "(shareRecipients in this stage's policy config).";

  test("a recipient named like a reader group, or like the writer, is refused", () => {
    const props = { share: "prod-features", grants: [{ principal: "mlops-data-scientists", privileges: ["select"] }, { principal: PROD_SP, privileges: ["SELECT"] }] };
    expect(findPrincipalGrantViolations(props, config)).toEqual([recipientMessage("mlops-data-scientists", "no recipient"), recipientMessage(PROD_SP, "no recipient")]);
  });

  test("a recipient the config names passes; another is refused, naming the allowed ones", () => {
    const named = resolvedConfig({ writerPrincipal: PROD_SP, shareRecipients: ["Partner-Analytics"] });
    expect(findPrincipalGrantViolations({ share: "prod-features", principal: "partner-analytics", privileges: ["SELECT"] }, named)).toEqual([]);
    expect(findPrincipalGrantViolations({ share: "prod-features", principal: "other", privileges: ["SELECT"] }, named)).toEqual([recipientMessage("other", "'Partner-Analytics'")]);
  });

  test("an entry without privileges confers nothing", () => {
    expect(findPrincipalGrantViolations({ share: "prod-features", grants: [{ principal: "x", privileges: [] }] }, config)).toEqual([]);
  });
});

describe("access-restrict-principals: pipelines and alerts act as their run-as identity", () => {
  test.each(["Pipeline", "AlertV2"])("%s running as the writer, or as its owner (unset), passes", (typeName) => {
    expect(findObjectRunAsViolations(typeName, "r", { runAs: { servicePrincipalName: PROD_SP.toUpperCase() } }, config)).toEqual([]);
    expect(findObjectRunAsViolations(typeName, "r", {}, config)).toEqual([]);
  });

  test.each([
    ["another service principal", { runAs: { servicePrincipalName: OTHER_SP } }, OTHER_SP],
    ["a person", { runAs: { userName: "ana@example.com" } }, "ana@example.com"],
    ["a person through the older runAsUserName", { runAsUserName: "ana@example.com" }, "ana@example.com"],
    ["the writer's id given as a user name", { runAs: { userName: PROD_SP } }, PROD_SP],
  ])("an alert running as %s is refused", (_, props, who) => {
    expect(findObjectRunAsViolations("AlertV2", "drift", props, config)).toEqual([`AlertV2 'drift' runs as '${who}', so it acts with that principal's access, and ${WRITER}.`]);
  });

  test("the registered rule checks pipelines and alerts", () => {
    for (const [type, typeName] of [["databricks:index/pipeline:Pipeline", "Pipeline"], ["databricks:index/alertV2:AlertV2", "AlertV2"]]) {
      const props = { runAs: { userName: "ana@example.com" } };
      expect(invokeRule(accessRestrictPrincipals, { type, name: "r", props }, { writerPrincipal: PROD_SP }).violations).toEqual([
        `${typeName} 'r' runs as 'ana@example.com', so it acts with that principal's access, and ${WRITER}.`,
      ]);
      expect(invokeRule(accessRestrictPrincipals, { type, name: "r", props: {} }, { writerPrincipal: PROD_SP }).violations).toEqual([]);
    }
  });
});

describe("access-restrict-principals: groups the stack creates are the reader groups", () => {
  const GROUP = "databricks:index/group:Group";
  const ACCOUNT_GROUP = "databricks:index/accountIamGroupV2:AccountIamGroupV2";
  const WORKSPACE_GROUP = "databricks:index/workspaceIamGroupV2:WorkspaceIamGroupV2";
  const refused = (typeName: string, what: string) =>
    `${typeName} 'g' creates ${what}, which is not one of this stage's reader groups (${READERS} in this stage's policy config); a stage's stack ` +
    "creates only the groups the reviewers trust. Other groups come from the account's identity administration.";

  test("a reader group, by its name in any case, may be created", () => {
    expect(findCreatedGroupViolations("Group", GROUP, "g", { displayName: "MLOps-Data-Scientists" }, config)).toEqual([]);
    expect(findCreatedGroupViolations("AccountIamGroupV2", ACCOUNT_GROUP, "g", { groupName: "mlops-ml-engineers" }, config)).toEqual([]);
  });

  test.each([
    ["Group", GROUP, { displayName: "contractors" }, "the group 'contractors'"],
    ["Group", GROUP, { displayName: "users" }, "the group 'users'"],
    ["Group", GROUP, { groupName: "mlops-data-scientists" }, "a group without a name"],
    ["WorkspaceIamGroupV2", WORKSPACE_GROUP, { groupName: "admins-2" }, "the group 'admins-2'"],
  ])("%s %j is refused", (typeName, type, props, what) => {
    expect(findCreatedGroupViolations(typeName, type, "g", props, config)).toEqual([refused(typeName, what)]);
  });

  test("an account-wide group is refused even when a careless config names it a reader group", () => {
    const careless = resolvedConfig({ writerPrincipal: PROD_SP, readerGroups: ["users"] });
    expect(findCreatedGroupViolations("Group", GROUP, "g", { displayName: "Users" }, careless)).toHaveLength(1);
  });

  test("the registered rule checks each group type", () => {
    for (const type of [GROUP, ACCOUNT_GROUP, WORKSPACE_GROUP]) {
      expect(invokeRule(accessRestrictPrincipals, { type, props: { displayName: "x", groupName: "x" } }, { writerPrincipal: PROD_SP }).violations).toHaveLength(1);
    }
  });
});

describe("access-restrict-principals: each resource goes to the check of its kind", () => {
  const RULE_SET = "databricks:index/accessControlRuleSet:AccessControlRuleSet";
  const OBO = "databricks:index/oboToken:OboToken";
  const cases: [string, Record<string, unknown>, string[]][] = [
    ["databricks:index/grants:Grants", { catalog: "prod_mlops", grants: [{ principal: OTHER_SP, privileges: ["MODIFY"] }] }, []],
    ["databricks:index/grant:Grant", { catalog: "prod_mlops", principal: OTHER_SP, privileges: ["MODIFY"] }, []],
    ["databricks:index/permissions:Permissions", { jobId: "1", accessControls: [{ servicePrincipalName: OTHER_SP, permissionLevel: "CAN_MANAGE" }] }, []],
    ["databricks:index/job:Job", { runAs: { servicePrincipalName: OTHER_SP } }, []],
    [RULE_SET, { name: `accounts/acc-1/servicePrincipals/${PROD_SP}/ruleSets/default`, grantRules: [{ role: "roles/servicePrincipal.user", principals: ["groups/x"] }] }, []],
    [OBO, { applicationId: PROD_SP }, []],
    [SECRET_ACL, { scope: "prod-mlops", principal: OTHER_SP, permission: "READ" }, []],
    [SECRET_SCOPE, { name: "prod-mlops", initialManagePrincipal: "users" }, []],
    ["databricks:index/catalog:Catalog", { owner: OTHER_SP }, []],
  ];
  for (const c of cases) {
    const [type, props] = c;
    if (type.endsWith("Grants") || type.endsWith("grant:Grant")) c[2] = findPrincipalGrantViolations(props, config);
    else if (type.endsWith("Permissions")) c[2] = findAclViolations("r", props, config);
    else if (type.endsWith("Job")) c[2] = findRunAsViolations("r", props, config);
    else if (type === RULE_SET || type === OBO) c[2] = findImpersonationViolations(type, "r", props, config);
    else if (type === SECRET_ACL || type === SECRET_SCOPE) c[2] = findSecretViolations(type, "r", props, config);
    else c[2] = findOwnershipViolations({ type, name: "r", owner: props.owner }, config);
  }

  test.each(cases)("%s", (type, props, expected) => {
    expect(expected.length).toBeGreaterThan(0);
    expect(findViolations(type, "r", props, config)).toEqual(expected);
  });
});

describe("access-restrict-principals: secret scopes", () => {
  const ONLY_WRITER = `only '${PROD_SP}' may hold a secret scope's ACL (writerPrincipal and adminPrincipals in this stage's policy config)`;
  const acl = (principal: string, permission: string) => ({ scope: "prod-mlops", principal, permission });
  const aclMessage = (principal: string, permission: string, why: string, trusted = ONLY_WRITER) =>
    `SecretAcl 'scope-acl' gives '${principal}' ${permission} on secret scope 'prod-mlops'; whoever reads a scope holds the credentials in it, and ${why}: ${trusted}.`;

  test("the writer may hold any permission on a scope, in any case; a scope without initialManagePrincipal is managed by its creator", () => {
    for (const permission of ["READ", "WRITE", "MANAGE"]) {
      expect(findSecretViolations(SECRET_ACL, "scope-acl", acl(PROD_SP.toUpperCase(), permission), config)).toEqual([]);
    }
    expect(findSecretViolations(SECRET_SCOPE, "scope", { name: "prod-mlops" }, config)).toEqual([]);
    expect(findSecretViolations(SECRET_SCOPE, "scope", { name: "prod-mlops", initialManagePrincipal: "" }, config)).toEqual([]);
  });

  test("an admin principal the config names may hold a scope's ACL; listing it does not trust anyone else", () => {
    const withAdmins = resolvedConfig({ ...config, adminPrincipals: ["mlops-break-glass"] });
    expect(findSecretViolations(SECRET_ACL, "scope-acl", acl("MLOps-Break-Glass", "MANAGE"), withAdmins)).toEqual([]);
    expect(findSecretViolations(SECRET_ACL, "scope-acl", acl("mlops-data-scientists", "READ"), withAdmins)).toEqual([
      aclMessage(
        "mlops-data-scientists",
        "READ",
        "reader groups read data, never the credentials of the writer",
        `only '${PROD_SP}', 'mlops-break-glass' may hold a secret scope's ACL (writerPrincipal and adminPrincipals in this stage's policy config)`,
      ),
    ]);
  });

  test.each([
    ["READ for a reader group leaks the stage's credentials", "mlops-data-scientists", "READ", "READ", "reader groups read data, never the credentials of the writer"],
    ["a reader group in another case and a lower-case permission", " MLOPS-ML-Engineers ", " read ", "READ", "reader groups read data, never the credentials of the writer"],
    ["the workspace's every-user group", "users", "READ", "READ", "it is an account-wide group, so every user would read the stage's credentials"],
    ["the account-wide group in another case", "Account Users", "Manage", "MANAGE", "it is an account-wide group, so every user would read the stage's credentials"],
    ["another service principal", OTHER_SP, "WRITE", "WRITE", "it is neither the writer nor a workspace admin the config names"],
    ["an individual user", "ana@example.com", "MANAGE", "MANAGE", "it is neither the writer nor a workspace admin the config names"],
    ["an unknown permission", "mlops-data-scientists", "OWN", "OWN", "reader groups read data, never the credentials of the writer"],
  ])("SecretAcl: %s is refused", (_, principal, permission, shown, why) => {
    expect(findSecretViolations(SECRET_ACL, "scope-acl", acl(principal, permission), config)).toEqual([aclMessage(principal.trim(), shown, why)]);
  });

  test("an account-wide group is refused even when the config names it as admin or writer", () => {
    const careless = resolvedConfig({ writerPrincipal: "users", adminPrincipals: ["account users"] });
    expect(findSecretViolations(SECRET_ACL, "scope-acl", acl("users", "READ"), careless)).toHaveLength(1);
    expect(findSecretViolations(SECRET_ACL, "scope-acl", acl("account users", "READ"), careless)).toHaveLength(1);
  });

  test("an ACL without a principal, permission or scope is refused, even when a blank admin principal is configured", () => {
    expect(findSecretViolations(SECRET_ACL, "scope-acl", { scope: " prod-mlops ", permission: 7 }, resolvedConfig({ ...config, adminPrincipals: [" "] }))).toEqual([
      `SecretAcl 'scope-acl' gives '' an unnamed permission on secret scope 'prod-mlops'; whoever reads a scope holds the credentials in it, and ` +
        `it is neither the writer nor a workspace admin the config names: only '${PROD_SP}', ' ' may hold a secret scope's ACL (writerPrincipal and adminPrincipals in this stage's policy config).`,
    ]);
    expect(findSecretViolations(SECRET_ACL, "scope-acl", { principal: PROD_SP }, config)).toEqual([]);
    expect(findSecretViolations(SECRET_ACL, "acl", { principal: 7, permission: "READ" }, config)[0]).toMatch(/^SecretAcl 'acl' gives '' READ on secret scope ''; /);
  });

  test("a scope whose initial manager is blank is managed by its creator", () => {
    expect(findSecretViolations(SECRET_SCOPE, "scope", { name: "prod-mlops", initialManagePrincipal: "  " }, config)).toEqual([]);
    expect(findSecretViolations(SECRET_SCOPE, "scope", { name: "prod-mlops", initialManagePrincipal: ` ${PROD_SP} ` }, config)).toEqual([]);
  });

  test("without a writer in the config nobody may hold a scope's ACL", () => {
    expect(findSecretViolations(SECRET_ACL, "scope-acl", acl(PROD_SP, "READ"), resolvedConfig({}))).toEqual([
      aclMessage(PROD_SP, "READ", "it is neither the writer nor a workspace admin the config names", "nobody may hold a secret scope's ACL: this stage's policy config names no writerPrincipal"),
    ]);
  });

  test("SecretScope: MANAGE for every user from the scope's creation is refused", () => {
    expect(findSecretViolations(SECRET_SCOPE, "prod-scope", { name: "prod-mlops", initialManagePrincipal: " users " }, config)).toEqual([
      `SecretScope 'prod-scope' gives 'users' MANAGE on the scope from its creation (initialManagePrincipal); it is an account-wide group, so every user would read the stage's credentials: ${ONLY_WRITER}. ` +
        "Leave initialManagePrincipal unset, so the writer that creates the scope manages it alone.",
    ]);
  });

  test("through the registered rule, with the config as the CLI hands it over", () => {
    const props = acl("mlops-data-scientists", "READ");
    expect(invokeRule(accessRestrictPrincipals, { type: SECRET_ACL, name: "scope-acl", props }, { writerPrincipal: PROD_SP, readerGroups: ["mlops-data-scientists"] }).violations).toEqual([
      aclMessage("mlops-data-scientists", "READ", "reader groups read data, never the credentials of the writer"),
    ]);
    expect(invokeRule(accessRestrictPrincipals, { type: SECRET_ACL, name: "scope-acl", props: acl(PROD_SP, "MANAGE") }, { writerPrincipal: PROD_SP }).violations).toEqual([]);
  });
});
