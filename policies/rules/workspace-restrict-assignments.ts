/**
 * workspace-restrict-assignments: only the principals the policy config names are assigned to the stage's
 * workspace, and only its admin principals as workspace admins; never an account-wide group.
 */
import { forResourceTypes } from "../lib/applicability";
import { DEFAULT_BROAD_AUDIENCE_GROUPS, canonicalPrincipal, isApplicationId } from "../lib/principals";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import {
  ACCOUNT_IAM_WORKSPACE_ASSIGNMENT,
  ENTITLEMENTS,
  MWS_PERMISSION_ASSIGNMENT,
  PERMISSION_ASSIGNMENT,
  WORKSPACE_IAM_WORKSPACE_ASSIGNMENT,
} from "../lib/resource-types";

/**
 * Every resource that assigns a principal to a workspace. The `*IamWorkspaceAssignmentV2` types name the
 * principal by its internal id and carry no permission (admin comes from group membership), so they are judged
 * as user assignments of that id.
 */
export const ASSIGNMENT_TYPES: readonly string[] = [
  ENTITLEMENTS,
  PERMISSION_ASSIGNMENT,
  MWS_PERMISSION_ASSIGNMENT,
  WORKSPACE_IAM_WORKSPACE_ASSIGNMENT,
  ACCOUNT_IAM_WORKSPACE_ASSIGNMENT,
];

/** The config of this rule; unset lists allow nobody (the rule fails closed). */
export interface WorkspaceAssignmentsConfig {
  /** Principals that may be workspace users (groups by name, service principals by application id). */
  userPrincipals?: string[];
  /** Principals that may be workspace admins (a break-glass group, if any). */
  adminPrincipals?: string[];
}

/** Where the trusted principals come from, for messages. */
const CONFIG_SOURCE = "this stage's policy config";

function listed(values: readonly string[] | undefined): string {
  return values && values.length > 0 ? values.map((v) => `'${v}'`).join(", ") : "none";
}

/** The field through which an assignment names its principal. */
export type AssignedKind = "groupName" | "servicePrincipalName" | "userName" | "principalId";

/** The principal an assignment names: `groupName`, `servicePrincipalName`, `userName` or the numeric `principalId`. */
export function assignedPrincipal(props: Record<string, unknown>): string | undefined {
  return assignedPrincipalOf(props)?.principal;
}

/** The principal an assignment names, with the field that names it. */
export function assignedPrincipalOf(props: Record<string, unknown>): { principal: string; kind: AssignedKind } | undefined {
  for (const kind of ["groupName", "servicePrincipalName", "userName", "principalId"] as const) {
    const value = props[kind];
    if (typeof value === "string" && value.trim() !== "") return { principal: value.trim(), kind };
    if (typeof value === "number") return { principal: String(value), kind };
  }
  return undefined;
}

/**
 * Whether a config entry can name a principal of this kind. The config names groups by name and service principals
 * by application id (and, if a reviewer wants one, users by e-mail), so a user or service principal that carries a
 * listed group's name is not that group, and a group named like an application id is not that service principal.
 */
export function entryFitsKind(entry: string, kind: AssignedKind): boolean {
  if (kind === "principalId") return true;
  if (kind === "servicePrincipalName") return isApplicationId(entry);
  if (kind === "userName") return entry.includes("@");
  return !isApplicationId(entry);
}

/**
 * Returns a message when the assignment names no principal, an account-wide group, an admin the config does not
 * list, or a user the config does not list. Any permission other than USER counts as ADMIN (fails closed).
 */
export function findAssignmentViolations(name: string, props: Record<string, unknown>, config: WorkspaceAssignmentsConfig, type?: string): string[] {
  if (type === ENTITLEMENTS) return findDirectEntitlementViolations(name, props, config);
  const subject = `Workspace assignment '${name}'`;
  const named = assignedPrincipalOf(props);
  if (named === undefined) return [`${subject} names no principal; name a group or service principal the policy config lists.`];
  const { principal, kind } = named;
  const key = canonicalPrincipal(principal);
  if (DEFAULT_BROAD_AUDIENCE_GROUPS.includes(key)) {
    return [`${subject} assigns the account-wide group '${principal}', which contains every user; assign named groups.`];
  }
  const permissions = Array.isArray(props.permissions) ? props.permissions.map((p) => String(p).trim().toUpperCase()) : [];
  const listedIn = (principals: readonly string[] | undefined) => principals?.some((p) => canonicalPrincipal(p) === key && entryFitsKind(p, kind)) ?? false;
  if (permissions.some((permission) => permission !== "USER")) {
    if (listedIn(config.adminPrincipals)) return [];
    return [
      `${subject} makes '${principal}' workspace admin (${permissions.join(", ")}); an admin can change every job and setting of the ` +
        `workspace, so only ${listed(config.adminPrincipals)} may be (adminPrincipals in ${CONFIG_SOURCE}).`,
    ];
  }
  if (listedIn(config.userPrincipals) || listedIn(config.adminPrincipals)) return [];
  const listedAsOtherKind = [...(config.userPrincipals ?? []), ...(config.adminPrincipals ?? [])].some((p) => canonicalPrincipal(p) === key);
  const why = listedAsOtherKind
    ? `; it is listed as ${isApplicationId(principal) ? "a service principal (servicePrincipalName)" : "a group (groupName)"}, and a principal of another kind that carries its name is not it`
    : "";
  return [`${subject} assigns '${principal}' to the workspace, but only ${listed(config.userPrincipals)} may be assigned (userPrincipals in ${CONFIG_SOURCE})${why}.`];
}

/**
 * `Entitlements` for a user or service principal (`userId`, `servicePrincipalId`) lets that one identity into the
 * workspace (workspace access) without a workspace assignment, so it is judged as an assignment of that id; a group's
 * entitlements (`groupId`) reach only members the group's own assignment already let in, and pass here.
 */
function findDirectEntitlementViolations(name: string, props: Record<string, unknown>, config: WorkspaceAssignmentsConfig): string[] {
  for (const field of ["userId", "servicePrincipalId"]) {
    const value = props[field];
    if (value === undefined || value === null || value === "") continue;
    const id = String(value).trim();
    const trusted = [...(config.userPrincipals ?? []), ...(config.adminPrincipals ?? [])].some((p) => canonicalPrincipal(p) === canonicalPrincipal(id));
    if (trusted) continue;
    return [
      `Entitlements '${name}' entitles ${field} '${id}' directly, which lets that identity into the workspace outside the assignments; only ` +
        `${listed(config.userPrincipals)} may be in it (userPrincipals in ${CONFIG_SOURCE}). Entitle a group the config names.`,
    ];
  }
  return [];
}

const principalList = (description: string) => ({ type: "array" as const, items: { type: "string" as const }, description });

/** The rule object registered in the pack. */
export const workspaceRestrictAssignments: DocumentedResourcePolicy = {
  name: "workspace-restrict-assignments",
  description: "Only the principals the policy config names are assigned to the stage's workspace; only its admin principals as admins.",
  severity: "critical",
  remediationSteps:
    "Assign only the groups and service principal of the stage (`userPrincipals`) and, if any, the break-glass group " +
    "(`adminPrincipals`). A new member or admin is trusted by a security reviewer changing policies/config/<stage>.json, " +
    "never by a stack file (`identities.*`, `groups.*`).",
  configSchema: {
    properties: {
      userPrincipals: principalList("Groups (by name) and service principals (by application id) that may be workspace users. Unset: none."),
      adminPrincipals: principalList("Principals that may be workspace admins. Unset: none."),
    },
  },
  documentation: {
    waivers: "refused-on-prod",
    rationale:
      "Access model and separation of duties: a workspace admin can change every job, including those that run as the " +
      "stage's service principal, so making someone admin of the prod workspace is write power over prod. The stack file " +
      "says whom to assign; the policy config, which security reviewers own, says whom the stage trusts.",
    controls: [
      {
        framework: "Databricks Security Analysis Tool",
        id: "INFO-6",
        url: "https://github.com/databricks-industry-solutions/security-analysis-tool/blob/main/configs/security_best_practices.csv",
        note: "INFO-6 counts workspace admins at run time; this rule names who may be one before the assignment exists.",
      },
    ],
  },
  validateResource: forResourceTypes(ASSIGNMENT_TYPES, (args, reportViolation) => {
    for (const message of findAssignmentViolations(args.name, args.props, args.getConfig<WorkspaceAssignmentsConfig>(), args.type)) reportViolation(message);
  }),
};
