/**
 * identities-forbid-escalation: a stage's stack mints no credential that acts as an identity and changes no
 * group membership or role. On staging and prod the stack deploys as the stage's writer, so a token or
 * secret it creates is a standing credential of the only identity that may write, kept in the stack's state;
 * a federation policy lets another issuer's tokens act as an identity; and a group membership or role changes
 * who holds what without any grant the access rules could see (a person added to `admins` owns the workspace).
 * A Git credential is a personal access token for the Git provider, stored in the workspace for the deploying
 * identity (or, with `principalId`, for another service principal) and kept in the stack's state too: whoever
 * reads the state pushes to the repositories the stage's jobs run from. An instance profile given to a group
 * or user (`GroupInstanceProfile`, `UserInstanceProfile`) is the older form of an instance-profile role.
 * A user or service principal the stack creates is trusted by no policy config, and an App acts
 * through its own service principal. Memberships, identities and credentials belong to the account's identity
 * administration, outside stage stacks.
 */
import { forResourceTypes, readIfKnown } from "../lib/applicability";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import {
  ACCOUNT_FEDERATION_POLICY,
  ACCOUNT_IAM_SERVICE_PRINCIPAL,
  ACCOUNT_IAM_USER,
  APP,
  SERVICE_PRINCIPAL,
  USER,
  WORKSPACE_IAM_SERVICE_PRINCIPAL,
  WORKSPACE_IAM_USER,
  ACCOUNT_IAM_DIRECT_GROUP_MEMBER,
  GIT_CREDENTIAL,
  GROUP_INSTANCE_PROFILE,
  GROUP_MEMBER,
  GROUP_ROLE,
  SERVICE_PRINCIPAL_FEDERATION_POLICY,
  SERVICE_PRINCIPAL_ROLE,
  SERVICE_PRINCIPAL_SECRET,
  TOKEN,
  USER_INSTANCE_PROFILE,
  USER_ROLE,
  WORKSPACE_IAM_DIRECT_GROUP_MEMBER,
  typeDisplayName,
} from "../lib/resource-types";

/** Resources that create a credential acting as an identity, or trust an outside issuer to act as one. */
export const CREDENTIAL_TYPES: readonly string[] = [
  TOKEN,
  SERVICE_PRINCIPAL_SECRET,
  GIT_CREDENTIAL,
  SERVICE_PRINCIPAL_FEDERATION_POLICY,
  ACCOUNT_FEDERATION_POLICY,
];

/** Resources that put an identity in a group or give it a role. */
export const MEMBERSHIP_TYPES: readonly string[] = [
  GROUP_MEMBER,
  ACCOUNT_IAM_DIRECT_GROUP_MEMBER,
  WORKSPACE_IAM_DIRECT_GROUP_MEMBER,
  GROUP_ROLE,
  USER_ROLE,
  SERVICE_PRINCIPAL_ROLE,
  GROUP_INSTANCE_PROFILE,
  USER_INSTANCE_PROFILE,
];

/**
 * Resources that create a user or service principal (in the account or a workspace), and an app, which comes with
 * its own service principal acting on the resources the app names for whoever may use it. A created group is
 * access-restrict-principals' to judge: one of the stage's reader groups may be created (`identities.createGroups`).
 */
export const IDENTITY_TYPES: readonly string[] = [
  USER,
  SERVICE_PRINCIPAL,
  ACCOUNT_IAM_USER,
  ACCOUNT_IAM_SERVICE_PRINCIPAL,
  WORKSPACE_IAM_USER,
  WORKSPACE_IAM_SERVICE_PRINCIPAL,
  APP,
];

/**
 * Whose Git credential it is: the deploying identity's, or the service principal `principalId` names. The
 * credential is refused either way, so an id unknown during preview is said to be so rather than failing the check.
 */
function gitCredentialOwner(props: Record<string, unknown>): string {
  const read = readIfKnown(() => props.principalId);
  if (!read.known) return "a service principal whose id is unknown until apply";
  const id = read.value;
  if ((typeof id === "string" && id.trim() !== "") || typeof id === "number") return `the service principal '${String(id).trim()}'`;
  return "the identity that deploys the stack (the stage's writer)";
}

/** The Git provider a credential names, when it is known, for messages. */
function gitProviderOf(props: Record<string, unknown>): string {
  const read = readIfKnown(() => props.gitProvider);
  return read.known && typeof read.value === "string" && read.value.trim() !== "" ? ` (${read.value.trim()})` : "";
}

/** The one message for a resource of a checked type; `props` are its inputs (only a Git credential's are read). */
export function escalationMessage(type: string, name: string, props: Record<string, unknown> = {}): string {
  const subject = `${typeDisplayName(type)} '${name}'`;
  if (type === TOKEN) {
    return `${subject} mints a personal access token for the identity that deploys the stack (the stage's writer), kept in the stack's state; deploy and run with OAuth, never a stack-made token.`;
  }
  if (type === SERVICE_PRINCIPAL_SECRET) {
    return `${subject} creates an OAuth secret that acts as a service principal, kept in the stack's state; the account's identity administrators issue secrets, outside stage stacks.`;
  }
  if (type === GIT_CREDENTIAL) {
    return (
      `${subject} stores a Git personal access token${gitProviderOf(props)} in the workspace for ${gitCredentialOwner(props)}, kept in the ` +
      "stack's state; whoever reads the state acts on Git as that identity, on the repositories the stage's jobs run from. Give jobs read access to Git " +
      "outside the stack (the Databricks GitHub App, or a credential the identity administrators set)."
    );
  }
  if (type === APP) {
    return (
      `${subject} creates an app with its own service principal, which acts on the jobs, endpoints, warehouses and secrets the app names ` +
      "for everyone allowed to use the app: a principal acting through another that no grant or ACL of the stage shows. Apps are not part of a stage's stack."
    );
  }
  if (IDENTITY_TYPES.includes(type)) {
    return (
      `${subject} creates a user or service principal, which the access rules cannot trust: the stage trusts only the writer and the reader groups ` +
      "its policy config names, and people and service principals come from the account's identity administration (SCIM), outside stage stacks."
    );
  }
  if (CREDENTIAL_TYPES.includes(type)) {
    return `${subject} lets tokens of another issuer act as an identity of the account; federation is set up by the account's identity administrators, outside stage stacks.`;
  }
  return `${subject} changes a group membership or role, which widens access without any grant the access rules see; memberships are managed by the account's identity administrators (SCIM), outside stage stacks.`;
}

/** The rule object registered in the pack. */
export const identitiesForbidEscalation: DocumentedResourcePolicy = {
  name: "identities-forbid-escalation",
  description:
    "A stage's stack mints no credential that acts as an identity (Git credentials included), creates no user, service principal or app, and changes no group membership or role.",
  severity: "critical",
  remediationSteps:
    "Remove the Token, ServicePrincipalSecret, GitCredential, federation policy, group member, role or instance profile " +
    "assignment, and any User, ServicePrincipal (or their account and workspace `*IamV2` forms) or App, from the stage's program. " +
    "Deploy with the writer's OAuth credentials from the CI secret store, and have the account's identity " +
    "administrators manage group membership (SCIM) and service principal secrets. To let people read, a security " +
    "reviewer names their group in `readerGroups` of the stage's policy config.",
  documentation: {
    waivers: "refused-on-prod",
    rationale:
      "Access model: on staging and prod only the stage's service principal writes. A credential the stack mints " +
      "acts as the deploying identity (the writer) for whoever reads the state, and a membership or role changes " +
      "who holds power without a grant, ownership or ACL that access-restrict-principals could judge (the pack " +
      "sees group and member ids, not who they are). A Git credential is a token for the Git provider of the writer " +
      "(or of another service principal) in the state: with it, whoever reads the state changes the code the stage " +
      "runs. GroupInstanceProfile and UserInstanceProfile give an AWS role to people, a data path around Unity " +
      "Catalog. A user or service principal the stack creates is one the policy config never named, and an " +
      "App acts through its own service principal for whoever may use it. None of them has a place in a stage's stack.",
    controls: [],
  },
  validateResource: forResourceTypes([...CREDENTIAL_TYPES, ...MEMBERSHIP_TYPES, ...IDENTITY_TYPES], (args, reportViolation) => {
    reportViolation(escalationMessage(args.type, args.name, args.props));
  }),
};
