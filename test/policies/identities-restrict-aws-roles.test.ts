/** identities-restrict-aws-roles: who receives the AWS policies the stack writes (issue 19, point 4). */
import { findForeignRoleTargets, identitiesRestrictAwsRoles, roleNameOf, type StackResourceFacts } from "../../policies/rules/identities-restrict-aws-roles";
import { invokeStackRule, stackResource } from "./invoke-stack-rule";

const ROLE_URN = "urn:pulumi:prod::p::aws:iam/role:Role::prod-mlops-catalog-storage";
const role: StackResourceFacts = { type: "aws:iam/role:Role", name: "prod-mlops-catalog-storage", urn: ROLE_URN, props: {}, propertyDependencies: {} };
const resource = (type: string, name: string, props: Record<string, unknown>, propertyDependencies: Record<string, string[]> = {}): StackResourceFacts => ({
  type,
  name,
  urn: `urn:pulumi:prod::p::${type}::${name}`,
  props,
  propertyDependencies,
});
const RP = "aws:iam/rolePolicy:RolePolicy";
const config = { externalRoles: ["prod-mlops-batch-inference"] };
const foreign = (subject: string, what: string, listed = "'prod-mlops-batch-inference'") =>
  `${subject} gives a policy to ${what}, which the stack does not create and this stage's policy config does not name (externalRoles: ${listed}); ` +
  "whoever can assume that role would hold what the policy allows. Name the role in the policy config in a reviewed change, or create it in the stack.";

describe("identities-restrict-aws-roles", () => {
  test("a policy on a role the stack creates, and one on the named publisher role (by name or ARN), pass", () => {
    const own = resource(RP, "own", { role: "prod-mlops-catalog-storage-id" }, { role: [ROLE_URN] });
    const publisher = resource(RP, "publisher", { role: "prod-mlops-batch-inference" });
    const byArn = resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "arn", { role: "arn:aws:iam::123456789012:role/svc/PROD-MLOPS-BATCH-INFERENCE" });
    expect(findForeignRoleTargets([role, own, publisher, byArn], config)).toEqual([]);
  });

  test("a stack file naming another role as the publisher: the policy on it is refused", () => {
    const other = resource(RP, "publisher", { role: "admin-humans" });
    expect(findForeignRoleTargets([other], config).map((f) => f.message)).toEqual([foreign("RolePolicy 'publisher'", "the role 'admin-humans'")]);
  });

  test("a role whose value is not text, and a policy attachment naming a foreign role beside a stack role", () => {
    const odd = resource(RP, "odd", { role: 3 });
    const attachment = resource("aws:iam/policyAttachment:PolicyAttachment", "att", { roles: ["prod-mlops-batch-inference", "other"] });
    expect(findForeignRoleTargets([odd, attachment], { externalRoles: [] }).map((f) => f.message)).toEqual([
      foreign("RolePolicy 'odd'", "a role whose name is unknown or not text", "none"),
      foreign("PolicyAttachment 'att'", "the role 'prod-mlops-batch-inference'", "none"),
      foreign("PolicyAttachment 'att'", "the role 'other'", "none"),
    ]);
  });

  test("policies for IAM users or groups, and IAM users and access keys, are refused", () => {
    const attachment = resource("aws:iam/policyAttachment:PolicyAttachment", "att", { roles: [], users: ["ana"] });
    const user = resource("aws:iam/user:User", "ana", { name: "ana" });
    const key = resource("aws:iam/accessKey:AccessKey", "ana-key", { user: "ana" });
    expect(findForeignRoleTargets([attachment, user, key], config).map((f) => f.message)).toEqual([
      "PolicyAttachment 'att' attaches a policy to IAM users or groups: people reach the stage's data past Unity Catalog's grants.",
      "User 'ana' gives AWS permissions or credentials to an IAM user or group: people reach the stage's data past Unity Catalog's grants. Stage stacks give AWS permissions to roles only.",
      "AccessKey 'ana-key' gives AWS permissions or credentials to an IAM user or group: people reach the stage's data past Unity Catalog's grants. Stage stacks give AWS permissions to roles only.",
    ]);
  });

  test("a role's name from an ARN with a path", () => {
    expect(roleNameOf(" arn:aws:iam::1:role/a/b/c ")).toBe("c");
    expect(roleNameOf("plain")).toBe("plain");
  });

  test("the registered rule follows property dependencies to the stack's roles, reports on the resource, and is not applicable without such resources", () => {
    const stackRole = stackResource("aws:iam/role:Role", "r");
    const own = stackResource(RP, "own", { role: "r-id" }, { propertyDependsOn: { role: [stackRole] } });
    const foreignPolicy = stackResource(RP, "p", { role: "admin-humans" });
    const result = invokeStackRule(identitiesRestrictAwsRoles, [stackRole, own, foreignPolicy], { externalRoles: ["publisher"] });
    expect(result.violations).toEqual([{ message: foreign("RolePolicy 'p'", "the role 'admin-humans'", "'publisher'"), urn: foreignPolicy.urn }]);
    expect(invokeStackRule(identitiesRestrictAwsRoles, [stackRole], {}).notApplicable).toBe("Policy only applies to stacks that give AWS policies to identities");
  });
});
