/**
 * access-restrict-principals: on a stage whose data only its automation changes (staging, prod), exactly one
 * principal holds write power over the stage's securables, the writer named in the policy config; the
 * reader groups named there hold read privileges only; nobody else, and no account-wide group, holds
 * anything. Write power has many doors, each checked by one module of ../lib/stage-principals: privileges
 * outside the read-only set (grants.ts), ownership (ownership.ts), managing or editing what runs as the
 * writer, or any level for anyone but the writer and the reader groups (acls.ts), a job, pipeline or alert running
 * as someone else (run-as.ts), acting as the writer or any other rule-set role (impersonation.ts), reading or changing
 * the credentials in a secret scope (secrets.ts), creating a group the config does not name (created-groups.ts), and
 * granting a share to a recipient it does not name (grants.ts).
 */
import { forResourceTypes } from "../lib/applicability";
import { DEFAULT_BROAD_AUDIENCE_GROUPS, DEFAULT_READ_ONLY_PRIVILEGES } from "../lib/principals";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import {
  ACCESS_CONTROL_RULE_SET,
  ACCOUNT_IAM_GROUP,
  ALERT_V2,
  GRANT,
  GROUP,
  GRANTS,
  JOB,
  OBO_TOKEN,
  OWNED_SECURABLE_TYPES,
  PERMISSIONS,
  PIPELINE,
  SECRET_ACL,
  SECRET_SCOPE,
  WORKSPACE_IAM_GROUP,
  typeDisplayName,
} from "../lib/resource-types";
import { findCreatedGroupViolations } from "../lib/stage-principals/created-groups";
import { findAclViolations } from "../lib/stage-principals/acls";
import { type StagePrincipalsConfig, resolvedConfig } from "../lib/stage-principals/config";
import { findPrincipalGrantViolations } from "../lib/stage-principals/grants";
import { findImpersonationViolations } from "../lib/stage-principals/impersonation";
import { findOwnershipViolations } from "../lib/stage-principals/ownership";
import { findObjectRunAsViolations, findRunAsViolations } from "../lib/stage-principals/run-as";
import { findSecretViolations } from "../lib/stage-principals/secrets";

/** The resources that create a group. */
export const GROUP_TYPES: readonly string[] = [GROUP, ACCOUNT_IAM_GROUP, WORKSPACE_IAM_GROUP];

export {
  findCreatedGroupViolations,
  findObjectRunAsViolations,
  findAclViolations,
  findImpersonationViolations,
  findOwnershipViolations,
  findPrincipalGrantViolations,
  findRunAsViolations,
  findSecretViolations,
  resolvedConfig,
};
export type { StagePrincipalsConfig };

/** Every type the rule judges: grants, owners, access control lists, the ways to act as the writer, and secret scopes. */
export const CHECKED_TYPES: readonly string[] = [
  GRANTS,
  GRANT,
  ...OWNED_SECURABLE_TYPES,
  PERMISSIONS,
  JOB,
  PIPELINE,
  ALERT_V2,
  ACCESS_CONTROL_RULE_SET,
  OBO_TOKEN,
  SECRET_ACL,
  SECRET_SCOPE,
  ...GROUP_TYPES,
];

/** Dispatches one resource to the check of its kind. */
export function findViolations(type: string, name: string, props: Record<string, unknown>, config: StagePrincipalsConfig): string[] {
  if (type === GRANTS || type === GRANT) return findPrincipalGrantViolations(props, config);
  if (type === PERMISSIONS) return findAclViolations(name, props, config);
  if (type === JOB) return findRunAsViolations(name, props, config);
  if (type === PIPELINE || type === ALERT_V2) return findObjectRunAsViolations(typeDisplayName(type), name, props, config);
  if (GROUP_TYPES.includes(type)) return findCreatedGroupViolations(typeDisplayName(type), type, name, props, config);
  if (type === ACCESS_CONTROL_RULE_SET || type === OBO_TOKEN) return findImpersonationViolations(type, name, props, config);
  if (type === SECRET_ACL || type === SECRET_SCOPE) return findSecretViolations(type, name, props, config);
  return findOwnershipViolations({ type, name, owner: props.owner }, config);
}

/** The rule object registered in the pack. */
export const accessRestrictPrincipals: DocumentedResourcePolicy = {
  name: "access-restrict-principals",
  description:
    "Only the stage's writer (from the policy config) writes or owns its securables; named reader groups read; nobody else, and no account-wide group, holds anything.",
  severity: "critical",
  remediationSteps:
    "Grant write privileges (anything outside the read-only set, MANAGE included) only to the principal named " +
    "`writerPrincipal` in the stage's policy config, and make it the `owner` of every securable. Give people read " +
    "privileges through a group listed in `readerGroups`, never through `account users`/`users` or an individual " +
    "user. Nobody but the writer may hold a servicePrincipal role on it, mint a token for it, or hold IS_OWNER, " +
    "CAN_MANAGE or CAN_EDIT on a workspace object, CAN_MANAGE_RUN on a job or CAN_RUN on a pipeline (they start the " +
    "writer's runs with the holder's parameters; give people CAN_VIEW, CAN_READ, CAN_QUERY). Only the writer " +
    "(and the `adminPrincipals`) appears in a secret scope's ACL, and a scope leaves `initialManagePrincipal` unset. " +
    "Every other entry of a workspace ACL, read levels included, names a reader group as a group (`groupName`) or the " +
    "writer as a service principal. Pipelines and alerts run as the writer (or their owner); rule sets give roles to the " +
    "writer alone; the stack creates only reader groups; a share is granted only to the `shareRecipients` named. " +
    "To trust a new reader group or writer, a security reviewer changes policies/config/<stage>.json in a " +
    "reviewed change; a stack file alone cannot.",
  configSchema: {
    properties: {
      writerPrincipal: {
        type: "string",
        minLength: 1,
        description: "The only principal that may write and own the stage's securables (the deployment service principal's application id). Unset: nobody.",
      },
      readerGroups: {
        type: "array",
        items: { type: "string", minLength: 1 },
        default: [],
        description: "Groups that may hold read-only privileges (compared case-insensitively).",
      },
      readOnlyPrivileges: {
        type: "array",
        items: { type: "string", minLength: 1 },
        default: [...DEFAULT_READ_ONLY_PRIVILEGES],
        description: "Privileges a reader group may hold (any spelling; compared upper case with underscores).",
      },
      broadAudienceGroups: {
        type: "array",
        items: { type: "string", minLength: 1 },
        default: [...DEFAULT_BROAD_AUDIENCE_GROUPS],
        description: "Account-wide groups that may hold nothing, read included (compared case-insensitively).",
      },
      adminPrincipals: {
        type: "array",
        items: { type: "string", minLength: 1 },
        default: [],
        description:
          "Workspace admins (a break-glass group) that may hold a secret scope's ACL beside the writer; keep equal to adminPrincipals of workspace-restrict-assignments. Default: none.",
      },
      shareRecipients: {
        type: "array",
        items: { type: "string", minLength: 1 },
        default: [],
        description: "Delta Sharing recipients that may be granted a share of the stage (a recipient is never a reader group). Default: none.",
      },
    },
  },
  documentation: {
    waivers: "refused-on-prod",
    rationale:
      "Access model: on staging and prod only the stage's deployment service principal changes data, and people " +
      "read prod through named reader groups (\"deploy code, not models\", \"dev read-only on prod\"). Write power " +
      "has many doors, so every one is checked on every securable type: privileges outside the read-only set " +
      "(MANAGE and ALL_PRIVILEGES included), ownership (an owner holds every privilege, and an unset owner is " +
      "whoever deploys), acting as the writer (a servicePrincipal.user or .manager role on it in an access control " +
      "rule set, an on-behalf-of token minted for it), managing or editing a job, pipeline or query that runs as the " +
      "writer (IS_OWNER, CAN_MANAGE, CAN_EDIT in a workspace access control list), a job that runs as another " +
      "service principal, another service principal, an individual user, and account-wide groups. A secret scope " +
      "holds the credentials the writer's automation uses, so its ACL (SecretAcl READ, WRITE or MANAGE, or a scope's " +
      "initialManagePrincipal) names the writer alone: READ on a prod scope for a reader group would hand people " +
      "prod credentials, whatever their grants say. The trusted " +
      "identities live in the policy config, which security reviewers own, so a change to a stack file alone can " +
      "never widen access. Principals are matched as what they are: a user or service principal carrying a reader group's " +
      "name, or a Delta Sharing recipient named like one, is not that group.",
    controls: [
      {
        framework: "Databricks Security Analysis Tool",
        id: "IA-7",
        url: "https://github.com/databricks-industry-solutions/security-analysis-tool/blob/main/configs/security_best_practices.csv",
        note: "SAT IA-7 \"Use service principals: run production workloads with service principals\"; this rule enforces it per grant and per owner.",
      },
    ],
  },
  validateResource: forResourceTypes(CHECKED_TYPES, (args, reportViolation) => {
    const config = resolvedConfig(args.getConfig<Partial<StagePrincipalsConfig>>());
    for (const message of findViolations(args.type, args.name, args.props, config)) reportViolation(message);
  }),
};
