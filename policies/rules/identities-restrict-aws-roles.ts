/**
 * identities-restrict-aws-roles (stack rule): AWS permissions the stack writes go only to roles the stack itself
 * creates (whose trust aws-restrict-cross-account-trust judges) or to existing roles the policy config names
 * (`externalRoles`, e.g. the role batch inference runs with, `onlineStore.publisherRoleName`); never to an IAM user
 * or group, and the stack creates no IAM user or access key. A role name in a stack file is a place where write
 * access lands: without this rule, naming any role of the account there would hand it write access to the stage's data.
 * What each policy allows is the AWS policy rules' concern; this rule judges who receives it.
 */
import { failingClosed, readIfKnown } from "../lib/applicability";
import { listOf } from "../lib/jobs";
import type { DocumentedStackPolicy } from "../lib/rule-documentation";
import { AWS_IAM_ROLE, typeDisplayName } from "../lib/resource-types";

const iam = (module: string, className: string) => `aws:iam/${module}:${className}`;

/** Resources that give a policy to a role, by their `role` input (a name or ARN). */
export const ROLE_POLICY_TYPES: readonly string[] = [iam("rolePolicy", "RolePolicy"), iam("rolePolicyAttachment", "RolePolicyAttachment")];
/** `PolicyAttachment`: a managed policy given to lists of `roles`, `users` and `groups`. */
export const POLICY_ATTACHMENT = iam("policyAttachment", "PolicyAttachment");
/** Resources that give AWS permissions to people (IAM users and groups) or create their credentials. */
export const PEOPLE_TYPES: readonly string[] = [
  iam("userPolicy", "UserPolicy"),
  iam("userPolicyAttachment", "UserPolicyAttachment"),
  iam("groupPolicy", "GroupPolicy"),
  iam("groupPolicyAttachment", "GroupPolicyAttachment"),
  iam("user", "User"),
  iam("accessKey", "AccessKey"),
  iam("userLoginProfile", "UserLoginProfile"),
  iam("groupMembership", "GroupMembership"),
  iam("userGroupMembership", "UserGroupMembership"),
];

/** The config of this rule after the CLI merged the schema defaults in. */
export interface AwsRolesConfig {
  /** Names of existing roles (outside the stack) that may receive the stack's policies. Default none. */
  externalRoles: string[];
}

/** One resource of the stack as the rule reads it. */
export interface StackResourceFacts {
  type: string;
  name: string;
  urn: string;
  props: Record<string, unknown>;
  propertyDependencies: Record<string, readonly string[]>;
}

/** A role's name from a name or an ARN (`arn:aws:iam::123:role/path/name` -> `name`). */
export function roleNameOf(value: string): string {
  const trimmed = value.trim();
  return trimmed.startsWith("arn:") ? (trimmed.split("/").pop() ?? trimmed) : trimmed;
}

/**
 * Returns a message per role outside the stack and the config that a policy resource targets, and per resource that
 * gives AWS permissions to people or creates their credentials. A role counts as the stack's when the input comes
 * from one of its `Role` resources (property dependency); an unknown value that does not is refused.
 */
export function findForeignRoleTargets(resources: readonly StackResourceFacts[], config: AwsRolesConfig): { message: string; urn: string }[] {
  const stackRoles = new Set(resources.filter((r) => r.type === AWS_IAM_ROLE).map((r) => r.urn));
  const allowed = new Set(config.externalRoles.map((role) => roleNameOf(role).toLowerCase()));
  const findings: { message: string; urn: string }[] = [];
  for (const resource of resources) {
    const subject = `${typeDisplayName(resource.type)} '${resource.name}'`;
    if (PEOPLE_TYPES.includes(resource.type)) {
      findings.push({
        urn: resource.urn,
        message: `${subject} gives AWS permissions or credentials to an IAM user or group: people reach the stage's data past Unity Catalog's grants. Stage stacks give AWS permissions to roles only.`,
      });
      continue;
    }
    const field = resource.type === POLICY_ATTACHMENT ? "roles" : ROLE_POLICY_TYPES.includes(resource.type) ? "role" : undefined;
    if (field === undefined) continue;
    if (resource.type === POLICY_ATTACHMENT && (listOf(resource.props.users).length > 0 || listOf(resource.props.groups).length > 0)) {
      findings.push({ urn: resource.urn, message: `${subject} attaches a policy to IAM users or groups: people reach the stage's data past Unity Catalog's grants.` });
    }
    const fromStack = (resource.propertyDependencies[field] ?? []).some((urn) => stackRoles.has(urn));
    if (fromStack) continue;
    const read = readIfKnown(() => resource.props[field]);
    const values = read.known ? (field === "roles" ? listOf(read.value) : [read.value]) : [undefined];
    for (const value of values) {
      if (typeof value === "string" && allowed.has(roleNameOf(value).toLowerCase())) continue;
      const what = typeof value === "string" ? `the role '${roleNameOf(value)}'` : "a role whose name is unknown or not text";
      findings.push({
        urn: resource.urn,
        message:
          `${subject} gives a policy to ${what}, which the stack does not create and this stage's policy config does not name ` +
          `(externalRoles: ${config.externalRoles.length > 0 ? config.externalRoles.map((r) => `'${r}'`).join(", ") : "none"}); whoever can ` +
          "assume that role would hold what the policy allows. Name the role in the policy config in a reviewed change, or create it in the stack.",
      });
    }
  }
  return findings;
}

/** Every type the rule judges. */
export const JUDGED_TYPES: readonly string[] = [...ROLE_POLICY_TYPES, POLICY_ATTACHMENT, ...PEOPLE_TYPES];

/** The rule object registered in the pack. */
export const identitiesRestrictAwsRoles: DocumentedStackPolicy = {
  name: "identities-restrict-aws-roles",
  description: "AWS policies go only to roles the stack creates or the policy config names, never to IAM users or groups.",
  severity: "critical",
  remediationSteps:
    "Give the stage's AWS permissions to a role the stack creates, or name the existing role (for example " +
    "`onlineStore.publisherRoleName`) in `externalRoles` of this rule in policies/config/<stage>.json, in a reviewed " +
    "change. Remove IAM users, access keys, login profiles, group memberships and user or group policies from the stack.",
  configSchema: {
    properties: {
      externalRoles: {
        type: "array",
        items: { type: "string", minLength: 1 },
        default: [],
        description: "Existing roles (names or ARNs) outside the stack that may receive the stack's policies. Default: none.",
      },
    },
  },
  documentation: {
    judgedTypes: [...JUDGED_TYPES],
    waivers: "refused-on-prod",
    rationale:
      "Separation of duties: the stack file names roles (the online store's publisher role) and the policies the stack " +
      "writes give them write access to the stage's data. A role name is an identity like a group name: only the policy " +
      "config, which security reviewers own, may say which existing role is trusted; otherwise a stack change alone could " +
      "give any role of the account write access to prod. IAM users and groups are people: AWS permissions for them are a " +
      "path to the data around Unity Catalog.",
    controls: [],
  },
  validateStack: failingClosed((args, reportViolation) => {
    const resources = args.resources.filter((r) => JUDGED_TYPES.includes(r.type));
    if (resources.length === 0) args.notApplicable("Policy only applies to stacks that give AWS policies to identities");
    const config: AwsRolesConfig = { externalRoles: [], ...args.getConfig<Partial<AwsRolesConfig>>() };
    const facts = args.resources.map((r) => ({
      type: r.type,
      name: r.name,
      urn: r.urn,
      props: r.props,
      propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([key, deps]) => [key, deps.map((d) => d.urn)])),
    }));
    for (const { message, urn } of findForeignRoleTargets(facts, config)) reportViolation(message, urn);
  }),
};
