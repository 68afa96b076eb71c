/**
 * access-restrict-principals: on a stage whose data only its automation changes (staging, prod), exactly one
 * principal holds write power over the stage's securables, the writer named in the policy config; the
 * reader groups named there hold read privileges only; nobody else, and no account-wide group, holds
 * anything. Write power is any privilege outside the read-only set (MANAGE and ALL_PRIVILEGES included),
 * ownership, on every securable type, the power to change what runs as the writer (manage or edit on a
 * workspace object) and the power to act as the writer (a rule-set role on it, a token minted for it).
 */
import { forResourceTypes } from "../lib/applicability";
import {
  DEFAULT_BROAD_AUDIENCE_GROUPS,
  DEFAULT_READ_ONLY_PRIVILEGES,
  canonicalPrincipal,
  normalizePrivilege,
  principalGrantsOf,
} from "../lib/principals";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import {
  ACCESS_CONTROL_RULE_SET,
  GRANT,
  GRANTS,
  JOB,
  OBO_TOKEN,
  OWNED_SECURABLE_TYPES,
  PERMISSIONS,
  typeDisplayName,
} from "../lib/resource-types";
import { impersonatorsOf } from "../lib/impersonation";
import { CHANGE_LEVELS, aclEntriesOf, isChangeLevel } from "../lib/workspace-acls";
import { describeSecurable, securableOf } from "../lib/securables";

/** The config of this rule after the CLI merged the schema defaults in. */
export interface StagePrincipalsConfig {
  /** The one principal that may write and own (the stage's deployment service principal); unset: nobody. */
  writerPrincipal?: string;
  /** Groups that may hold read-only privileges. */
  readerGroups: string[];
  /** Privileges a reader may hold; anything else (including unknown privileges) is write power. */
  readOnlyPrivileges: string[];
  /** Groups that never hold any privilege, read included, whatever else the config says. */
  broadAudienceGroups: string[];
}

/** Where the trusted identities come from, for messages: security reviewers own this file, not the stack. */
const CONFIG_SOURCE = "this stage's policy config";

function quoted(values: readonly string[]): string {
  return values.map((v) => `'${v}'`).join(", ");
}

function writerPhrase(config: StagePrincipalsConfig): string {
  return config.writerPrincipal
    ? `only '${config.writerPrincipal}' may write (writerPrincipal in ${CONFIG_SOURCE})`
    : `no principal may write: ${CONFIG_SOURCE} names no writerPrincipal`;
}

/**
 * Returns one message per principal of a Grants/Grant input that holds what it may not: any privilege for
 * an account-wide group; privileges outside the read-only set for anyone but the writer; any privilege for a
 * principal that is neither the writer nor a reader group. Principals compare case-insensitively, privileges
 * in canonical form; a principal listed twice is judged on the union of its entries.
 */
export function findPrincipalGrantViolations(props: Record<string, unknown>, config: StagePrincipalsConfig): string[] {
  const securable = describeSecurable(securableOf(props));
  const readOnly = new Set(config.readOnlyPrivileges.map(normalizePrivilege));
  const broad = new Set(config.broadAudienceGroups.map(canonicalPrincipal));
  const readers = new Set(config.readerGroups.map(canonicalPrincipal));
  const writer = config.writerPrincipal === undefined ? undefined : canonicalPrincipal(config.writerPrincipal);

  const byPrincipal = new Map<string, { shown: string; privileges: Set<string> }>();
  for (const grant of principalGrantsOf(props)) {
    const key = canonicalPrincipal(grant.principal);
    const entry = byPrincipal.get(key) ?? { shown: grant.principal.trim(), privileges: new Set<string>() };
    grant.privileges.forEach((p) => entry.privileges.add(normalizePrivilege(p)));
    byPrincipal.set(key, entry);
  }

  const messages: string[] = [];
  for (const [key, { shown, privileges }] of byPrincipal) {
    const held = [...privileges];
    if (held.length === 0) continue;
    if (broad.has(key)) {
      messages.push(
        `Account-wide group '${shown}' is granted ${held.join(", ")} on ${securable}; it contains every user, so it ` +
          "may hold nothing on this stage, read included. Grant a named reader group instead.",
      );
    } else if (key === writer) {
      continue;
    } else if (readers.has(key)) {
      const writes = held.filter((p) => !readOnly.has(p));
      if (writes.length > 0) {
        messages.push(
          `Reader group '${shown}' is granted ${writes.join(", ")} on ${securable}; readers may hold only ` +
            `${[...readOnly].join(", ")}, and ${writerPhrase(config)}.`,
        );
      }
    } else {
      const writes = held.filter((p) => !readOnly.has(p));
      const what = writes.length > 0 ? `write privileges ${writes.join(", ")}` : `${held.join(", ")}`;
      messages.push(
        `Principal '${shown}' is granted ${what} on ${securable}, but it is neither this stage's writer nor one of ` +
          `its reader groups: ${writerPhrase(config)}, and the reader groups are ` +
          `${config.readerGroups.length > 0 ? quoted(config.readerGroups) : "(none)"}. ` +
          "A stack cannot widen access by itself: change the policy config first, in a reviewed change.",
      );
    }
  }
  return messages;
}

/** What the rule needs to know about one securable that has an owner. */
export interface OwnershipFacts {
  type: string;
  /** The Pulumi resource name. */
  name: string;
  /** The `owner` input; undefined when the resource leaves it to whoever runs `pulumi up`. */
  owner?: unknown;
}

/**
 * Returns a message when a securable's owner is not the writer. An owner holds every privilege on what it
 * owns; an unset owner becomes whoever runs `pulumi up`, which on staging and prod must never be a person.
 */
export function findOwnershipViolations(facts: OwnershipFacts, config: StagePrincipalsConfig): string[] {
  const resource = `${typeDisplayName(facts.type)} '${facts.name}'`;
  const writer = config.writerPrincipal;
  if (facts.owner === undefined || facts.owner === null || facts.owner === "") {
    return [
      `${resource} sets no owner, so it would be owned by whoever runs pulumi up and that identity would hold every ` +
        `privilege on it; set owner to the stage's writer (${writer ? `'${writer}'` : `none is named in ${CONFIG_SOURCE}`}).`,
    ];
  }
  const owner = String(facts.owner);
  if (writer !== undefined && canonicalPrincipal(owner) === canonicalPrincipal(writer)) return [];
  const broad = config.broadAudienceGroups.some((g) => canonicalPrincipal(g) === canonicalPrincipal(owner));
  return [
    `${resource} is owned by ${broad ? "the account-wide group " : ""}'${owner.trim()}'; an owner holds every privilege ` +
      `on what it owns, and ${writerPhrase(config)}. Set owner to the writer.`,
  ];
}

/**
 * Returns a message per entry of a workspace access control list (`Permissions` on a job, pipeline, experiment,
 * endpoint, query, notebook, ...) that holds what it may not: a level that changes the object (IS_OWNER,
 * CAN_MANAGE, CAN_EDIT) for anyone but the writer, since a job or query that runs as the writer does what its
 * editor says; any level for an account-wide group. Viewing, running and querying are not write power.
 */
export function findAclViolations(name: string, props: Record<string, unknown>, config: StagePrincipalsConfig): string[] {
  const broad = new Set(config.broadAudienceGroups.map(canonicalPrincipal));
  const writer = config.writerPrincipal === undefined ? undefined : canonicalPrincipal(config.writerPrincipal);
  const messages: string[] = [];
  for (const entry of aclEntriesOf(props)) {
    const key = canonicalPrincipal(entry.principal);
    if (entry.kind === "group" && broad.has(key)) {
      messages.push(
        `Permissions '${name}' gives the account-wide group '${entry.principal}' ${entry.level}; it contains every user, so it may hold ` +
          "nothing on this stage. Name a group.",
      );
    } else if (isChangeLevel(entry.level) && key !== writer) {
      messages.push(
        `Permissions '${name}' gives '${entry.principal}' ${entry.level}; whoever can change a job, pipeline or query that runs as the ` +
          `writer changes what the writer does, so ${CHANGE_LEVELS.join(", ")} belong to the writer alone, and ${writerPhrase(config)}. ` +
          "Give people CAN_VIEW, CAN_READ, CAN_RUN, CAN_MANAGE_RUN or CAN_QUERY.",
      );
    }
  }
  return messages;
}

/**
 * Returns a message when a job runs as a service principal other than the writer: what a job writes, its
 * run-as identity writes, so another service principal (another stage's, say) would become a second writer.
 * A job that runs as a person or as nobody is jobs-require-service-principal-run-as' finding.
 */
export function findRunAsViolations(name: string, props: Record<string, unknown>, config: StagePrincipalsConfig): string[] {
  const runAs = props.runAs;
  if (runAs === null || typeof runAs !== "object") return [];
  const principal = (runAs as Record<string, unknown>).servicePrincipalName;
  if (typeof principal !== "string") return [];
  if (config.writerPrincipal !== undefined && canonicalPrincipal(principal) === canonicalPrincipal(config.writerPrincipal)) return [];
  return [`Job '${name}' runs as '${principal.trim()}', so everything it writes is written by that principal, and ${writerPhrase(config)}.`];
}

/**
 * Returns a message per way the resource lets someone act as the writer: a rule-set role on it (the holder
 * runs jobs as the writer, or mints its credentials), or an on-behalf-of token for it (its value lands in the
 * stack's state, readable by whoever can read the state). Whoever acts as the writer holds its write power.
 */
export function findImpersonationViolations(type: string, name: string, props: Record<string, unknown>, config: StagePrincipalsConfig): string[] {
  const writer = config.writerPrincipal;
  if (writer === undefined) return [];
  if (type === OBO_TOKEN) {
    if (typeof props.applicationId !== "string" || canonicalPrincipal(props.applicationId) !== canonicalPrincipal(writer)) return [];
    return [
      `OboToken '${name}' mints a token that acts as the writer '${writer}'; its value would sit in the stack's state for anyone ` +
        "who can read it. Let automation authenticate as the service principal itself (OAuth, workload identity federation).",
    ];
  }
  return impersonatorsOf(props, writer).map(
    ({ principal, role }) =>
      `AccessControlRuleSet '${name}' gives '${principal}' ${role} on the writer '${writer}', so it could act as the writer and ` +
        "hold its write power; only the writer acts as itself.",
  );
}

/** Every type the rule judges: grants, owners, access control lists and the ways to act as the writer. */
const CHECKED_TYPES: readonly string[] = [GRANTS, GRANT, ...OWNED_SECURABLE_TYPES, PERMISSIONS, JOB, ACCESS_CONTROL_RULE_SET, OBO_TOKEN];

/** Dispatches one resource to the check of its kind. */
export function findViolations(type: string, name: string, props: Record<string, unknown>, config: StagePrincipalsConfig): string[] {
  if (type === GRANTS || type === GRANT) return findPrincipalGrantViolations(props, config);
  if (type === PERMISSIONS) return findAclViolations(name, props, config);
  if (type === JOB) return findRunAsViolations(name, props, config);
  if (type === ACCESS_CONTROL_RULE_SET || type === OBO_TOKEN) return findImpersonationViolations(type, name, props, config);
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
    "CAN_MANAGE or CAN_EDIT on a workspace object (give people CAN_VIEW, CAN_RUN, CAN_MANAGE_RUN, CAN_QUERY). To trust a new reader group or writer, a security reviewer changes policies/config/<stage>.json in a " +
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
    },
  },
  documentation: {
    rationale:
      "Access model: on staging and prod only the stage's deployment service principal changes data, and people " +
      "read prod through named reader groups (\"deploy code, not models\", \"dev read-only on prod\"). Write power " +
      "has many doors, so every one is checked on every securable type: privileges outside the read-only set " +
      "(MANAGE and ALL_PRIVILEGES included), ownership (an owner holds every privilege, and an unset owner is " +
      "whoever deploys), acting as the writer (a servicePrincipal.user or .manager role on it in an access control " +
      "rule set, an on-behalf-of token minted for it), managing or editing a job, pipeline or query that runs as the " +
      "writer (IS_OWNER, CAN_MANAGE, CAN_EDIT in a workspace access control list), a job that runs as another " +
      "service principal, another service principal, an individual user, and account-wide groups. The trusted " +
      "identities live in the policy config, which security reviewers own, so a change to a stack file alone can " +
      "never widen access.",
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

/** The config with the schema defaults, for callers (tests) that do not go through the CLI's merge. */
export function resolvedConfig(config: Partial<StagePrincipalsConfig>): StagePrincipalsConfig {
  return {
    writerPrincipal: config.writerPrincipal,
    readerGroups: config.readerGroups ?? [],
    readOnlyPrivileges: config.readOnlyPrivileges ?? [...DEFAULT_READ_ONLY_PRIVILEGES],
    broadAudienceGroups: config.broadAudienceGroups ?? [...DEFAULT_BROAD_AUDIENCE_GROUPS],
  };
}
