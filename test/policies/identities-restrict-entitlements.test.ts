import {
  canonicalEntitlement,
  entitlementsOf,
  findEntitlementViolations,
  identitiesRestrictEntitlements,
} from "../../policies/rules/identities-restrict-entitlements";
import {
  ACCOUNT_IAM_WORKSPACE_ASSIGNMENT,
  ENTITLEMENTS,
  GRANTS,
  GROUP,
  SERVICE_PRINCIPAL,
  USER,
  WORKSPACE_IAM_WORKSPACE_ASSIGNMENT,
} from "../../policies/lib/resource-types";
import { invokeRule } from "./invoke-rule";
import { PROD_SP } from "./fixtures";

const TAIL =
  "a cluster's creator picks its access mode, instance profile and init scripts, so it runs unreviewed code outside the stage's grants. " +
  "On this stage jobs run on the job clusters their definitions declare and people only read, so nobody holds this entitlement " +
  "(allowComputeCreation in this stage's policy config is not set).";
const KNOWN = "ALLOW_CLUSTER_CREATE, ALLOW_INSTANCE_POOL_CREATE, WORKSPACE_ACCESS, WORKSPACE_CONSUME, DATABRICKS_SQL_ACCESS";
const prod = {};
const dev = { allowComputeCreation: true };

/** A reader group's entitlements as the program declares them on staging and prod (stack/identity-plan.ts). */
const READER_ENTITLEMENTS = { groupId: "1001", workspaceAccess: true, workspaceConsume: false, databricksSqlAccess: true, allowClusterCreate: false };

describe("identities-restrict-entitlements", () => {
  test("a reader group's workspace and SQL access pass on every stage; cluster creation passes where the config allows it", () => {
    expect(findEntitlementViolations(ENTITLEMENTS, "readers", READER_ENTITLEMENTS, prod)).toEqual([]);
    expect(findEntitlementViolations(WORKSPACE_IAM_WORKSPACE_ASSIGNMENT, "a", { principalId: "1001", entitlements: ["WORKSPACE_ACCESS", "databricks-sql-access", "Workspace Consume"] }, prod)).toEqual([]);
    expect(findEntitlementViolations(ENTITLEMENTS, "authors", { ...READER_ENTITLEMENTS, allowClusterCreate: true, allowInstancePoolCreate: true }, dev)).toEqual([]);
    expect(findEntitlementViolations(ACCOUNT_IAM_WORKSPACE_ASSIGNMENT, "a", { principalId: "1001", entitlements: ["allow-cluster-create"] }, dev)).toEqual([]);
  });

  test("entitlement names are compared in one spelling", () => {
    expect(["allow-cluster-create", " Allow Cluster Create ", "ALLOW_CLUSTER_CREATE", "allow__cluster-create"].map(canonicalEntitlement)).toEqual(
      Array(4).fill("ALLOW_CLUSTER_CREATE"),
    );
    expect(entitlementsOf(USER, { allowClusterCreate: " TRUE ", allowInstancePoolCreate: "false" })).toEqual(["ALLOW_CLUSTER_CREATE"]);
    expect(entitlementsOf(WORKSPACE_IAM_WORKSPACE_ASSIGNMENT, { principalId: "1001" })).toEqual([]);
    expect(entitlementsOf(WORKSPACE_IAM_WORKSPACE_ASSIGNMENT, { entitlements: [3, null, "workspace-access"] })).toEqual(["WORKSPACE_ACCESS"]);
  });

  test.each([
    ["a human group entitled to create clusters on prod", ENTITLEMENTS, { ...READER_ENTITLEMENTS, allowClusterCreate: true }, "groupId '1001'", "allowClusterCreate"],
    ["a user entitled to create instance pools", ENTITLEMENTS, { userId: "2002", allowInstancePoolCreate: true }, "userId '2002'", "allowInstancePoolCreate"],
    ["the writer entitled to both", ENTITLEMENTS, { servicePrincipalId: 3003, allowClusterCreate: true, allowInstancePoolCreate: true }, "servicePrincipalId '3003'", "allowClusterCreate, allowInstancePoolCreate"],
    ["the flag on a User, as a string", USER, { userName: "ana@example.com", allowClusterCreate: "True" }, "userName 'ana@example.com'", "allowClusterCreate"],
    ["the flag on a ServicePrincipal", SERVICE_PRINCIPAL, { applicationId: PROD_SP, allowInstancePoolCreate: true }, `applicationId '${PROD_SP}'`, "allowInstancePoolCreate"],
    ["the flag on a ServicePrincipal named only by display name", SERVICE_PRINCIPAL, { displayName: "mlops-bot", allowClusterCreate: true }, "displayName 'mlops-bot'", "allowClusterCreate"],
    ["a blank group id beside a user id", ENTITLEMENTS, { groupId: "  ", userId: " 2002 ", allowClusterCreate: true }, "userId '2002'", "allowClusterCreate"],
    ["the flag on a Group", GROUP, { displayName: "mlops-data-scientists", allowClusterCreate: true }, "displayName 'mlops-data-scientists'", "allowClusterCreate"],
    ["a workspace assignment's list, lower case with dashes", WORKSPACE_IAM_WORKSPACE_ASSIGNMENT, { principalId: "1001", entitlements: ["workspace-access", "allow-cluster-create"] }, "principalId '1001'", "ALLOW_CLUSTER_CREATE"],
    ["an account-level workspace assignment's list", ACCOUNT_IAM_WORKSPACE_ASSIGNMENT, { principalId: "1001", entitlements: ["Allow Instance Pool Create"] }, "principalId '1001'", "ALLOW_INSTANCE_POOL_CREATE"],
    ["a principal nobody named", ENTITLEMENTS, { allowClusterCreate: true }, "an unnamed principal", "allowClusterCreate"],
  ])("%s is refused where the config does not allow compute creation", (_, type, props, whom, named) => {
    const kind = type.split(":").pop();
    expect(invokeRule(identitiesRestrictEntitlements, { type, name: "e", props }, prod).violations).toEqual([`${kind} 'e' lets ${whom} create compute (${named}); ${TAIL}`]);
  });

  test("an entitlement the pack does not know fails closed, on dev too", () => {
    const props = { principalId: "1001", entitlements: ["WORKSPACE_ACCESS", "allow-everything", "root"] };
    const expected = [`WorkspaceIamWorkspaceAssignmentV2 'e' gives principalId '1001' the entitlement ALLOW_EVERYTHING, ROOT, which this pack does not know, so it cannot tell what it allows; known are ${KNOWN}.`];
    expect(invokeRule(identitiesRestrictEntitlements, { type: WORKSPACE_IAM_WORKSPACE_ASSIGNMENT, name: "e", props }, dev).violations).toEqual(expected);
    expect(invokeRule(identitiesRestrictEntitlements, { type: WORKSPACE_IAM_WORKSPACE_ASSIGNMENT, name: "e", props }, prod).violations).toEqual(expected);
  });

  test("a principal id unknown during preview does not stop the check; a flag unknown during preview fails closed", () => {
    class UnknownValueError extends Error {}
    const unknownAt = (key: string, known: Record<string, unknown>) =>
      Object.defineProperty({ ...known }, key, {
        enumerable: true,
        get: () => {
          throw new UnknownValueError(`value at .${key} can't be known during preview`);
        },
      });
    expect(invokeRule(identitiesRestrictEntitlements, { type: ENTITLEMENTS, name: "e", props: unknownAt("groupId", { allowClusterCreate: false }) }, prod).violations).toEqual([]);
    expect(invokeRule(identitiesRestrictEntitlements, { type: ENTITLEMENTS, name: "e", props: unknownAt("groupId", { allowClusterCreate: true }) }, prod).violations).toEqual([
      `Entitlements 'e' lets groupId (unknown until apply) create compute (allowClusterCreate); ${TAIL}`,
    ]);
    expect(invokeRule(identitiesRestrictEntitlements, { type: ENTITLEMENTS, name: "e", props: unknownAt("allowClusterCreate", { groupId: "1001" }) }, prod).violations).toEqual([
      "Entitlements 'e' cannot be checked during preview: value at .allowClusterCreate can't be known during preview. This rule fails closed on unknown values: " +
        "make the value known at preview time (a literal or an input of another resource, not a provider-computed output), " +
        "or preview again once the resource it comes from exists.",
    ]);
  });

  test("resources without entitlements are not its business", () => {
    expect(invokeRule(identitiesRestrictEntitlements, { type: GRANTS, props: {} })).toEqual({
      violations: [],
      notApplicable: expect.stringContaining("Policy only applies to resources of type 'databricks:index/entitlements:Entitlements'"),
    });
  });
});

describe("identities-restrict-entitlements on cluster policy ACLs", () => {
  const PERMISSIONS = "databricks:index/permissions:Permissions";
  const WRITER = "7c9d2e41-8f6a-4b5c-9d0e-1f2a3b4c5d6e";
  const PROD = { allowComputeCreation: false, clusterPolicyUsers: [WRITER] };
  const acl = (entries: Record<string, unknown>[]) => ({ clusterPolicyId: "0123ABCD", accessControls: entries });

  test("CAN_USE on a cluster policy for the writer passes on prod; anything for anyone passes where compute creation is allowed", () => {
    const props = acl([{ servicePrincipalName: WRITER.toUpperCase(), permissionLevel: "CAN_USE" }]);
    expect(invokeRule(identitiesRestrictEntitlements, { type: PERMISSIONS, name: "policy-acl", props }, PROD).violations).toEqual([]);
    const human = acl([{ groupName: "mlops-data-scientists", permissionLevel: "CAN_USE" }]);
    expect(invokeRule(identitiesRestrictEntitlements, { type: PERMISSIONS, name: "policy-acl", props: human }, { allowComputeCreation: true }).violations).toEqual([]);
  });

  test("CAN_USE on a cluster policy for a reader group or a person is refused on prod, whatever the level's spelling", () => {
    const props = acl([
      { groupName: "mlops-data-scientists", permissionLevel: "can_use" },
      { userName: "ana@example.com", permissionLevel: "CAN_USE" },
      { servicePrincipalName: WRITER, permissionLevel: "CAN_USE" },
    ]);
    const tail =
      "whoever may use a cluster policy creates clusters under it without any entitlement, so it is compute creation by another door: " +
      `only '${WRITER}' may use a cluster policy on this stage (clusterPolicyUsers in this stage's policy config), and jobs run on the job clusters their definitions declare.`;
    expect(invokeRule(identitiesRestrictEntitlements, { type: PERMISSIONS, name: "policy-acl", props }, PROD).violations).toEqual([
      `Permissions 'policy-acl' gives 'mlops-data-scientists' CAN_USE on cluster policy '0123ABCD'; ${tail}`,
      `Permissions 'policy-acl' gives 'ana@example.com' CAN_USE on cluster policy '0123ABCD'; ${tail}`,
    ]);
  });

  test("with no clusterPolicyUsers nobody may use a policy; an id unknown during preview is still a policy's; other ACLs pass", () => {
    const unknownId = new Proxy(acl([{ groupName: "mlops-ml-engineers", permissionLevel: "CAN_USE" }]), {
      get: (target, key) => {
        if (key === "clusterPolicyId") throw new (class UnknownValueError extends Error {})("clusterPolicyId is unknown");
        return target[key as keyof typeof target];
      },
    });
    expect(invokeRule(identitiesRestrictEntitlements, { type: PERMISSIONS, name: "policy-acl", props: unknownId }, { allowComputeCreation: false }).violations).toEqual([
      "Permissions 'policy-acl' gives 'mlops-ml-engineers' CAN_USE on a cluster policy whose id is unknown until apply; whoever may use a cluster policy creates " +
        "clusters under it without any entitlement, so it is compute creation by another door: nobody may use a cluster policy on this stage (this stage's " +
        "policy config names no clusterPolicyUsers), and jobs run on the job clusters their definitions declare.",
    ]);
    const jobAcl = { jobId: "42", accessControls: [{ groupName: "mlops-data-scientists", permissionLevel: "CAN_VIEW" }] };
    expect(invokeRule(identitiesRestrictEntitlements, { type: PERMISSIONS, name: "job-acl", props: jobAcl }, PROD).violations).toEqual([]);
  });
});
