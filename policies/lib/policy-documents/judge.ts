/**
 * Effective access of one parsed document: who an Allow statement lets in, what it lets them do, and under
 * which conditions, against the stage's trust (its AWS account, the Databricks principals and services a
 * security reviewer named). Deny statements only narrow access, so only their grammar is checked.
 */
import { actionBreadth, actionMatches, GUARDED_SERVICES } from "./actions";
import type { DocumentKind } from "./carriers";
import { pinsByPattern, pinsExactly } from "./conditions";
import type { ConditionClause, Statement } from "./grammar";
import { accountOfArnPattern, accountOfAwsPrincipal, canonicalAwsPrincipal, isAccountRoot } from "./principals";

/** What the stage trusts, from the rule's policy config. */
export interface DocumentTrust {
  /** The stage's AWS account (12 digits); unset: no account is trusted. */
  accountId?: string;
  /** The stage's Databricks account id: the external id (and principal tag) Databricks' control plane must present. */
  databricksAccountId?: string;
  /** Principals of Databricks' AWS account the stage may name (canonical ARNs). */
  databricksPrincipals: readonly string[];
  /** AWS service principals the stage may name (`logs.amazonaws.com`). */
  servicePrincipals: readonly string[];
}

const EXTERNAL_ID = "sts:externalid";
const DATABRICKS_TAG = "aws:principaltag/databricksaccountid";

/** The condition keys that pin "everyone" to the stage's account. */
const ACCOUNT_KEYS = ["aws:principalaccount"];
const ARN_KEYS = ["aws:principalarn"];

const clausesFor = (statement: Statement, key: string): ConditionClause[] => statement.conditions.filter((c) => c.key === key);

/** True when a clause exists that holds only for values all equal to `expected`. */
function pinnedTo(statement: Statement, key: string, expected: string): boolean {
  return clausesFor(statement, key).some((c) => pinsExactly(c.operator) && c.values.length > 0 && c.values.every((v) => v === expected));
}

/**
 * True when a statement for everyone holds only for principals of the stage's account: an exact
 * `aws:PrincipalAccount`, or an `aws:PrincipalArn` whose every value (patterns allowed) lies in that account.
 * An organisation or VPC endpoint condition does not count: the pack does not know the stage's.
 */
export function pinsEveryoneToAccount(statement: Statement, account: string): boolean {
  if (ACCOUNT_KEYS.some((key) => pinnedTo(statement, key, account))) return true;
  return ARN_KEYS.some((key) =>
    clausesFor(statement, key).some(
      (c) => pinsByPattern(c.operator) && c.values.length > 0 && c.values.every((v) => accountOfArnPattern(v) === account),
    ),
  );
}

/**
 * The Databricks principals of the config a statement names, canonical: the whole Databricks account (its root, the
 * control plane) and single roles of it (Unity Catalog's master role).
 */
function databricksPrincipalsOf(statement: Statement, trust: DocumentTrust): { roots: string[]; roles: string[] } {
  const named = (statement.principal ?? [])
    .filter((e) => e.kind === "AWS")
    .map((e) => canonicalAwsPrincipal(e.value))
    .filter((arn) => trust.databricksPrincipals.includes(arn));
  return { roots: named.filter((arn) => arn.endsWith(":root")), roles: named.filter((arn) => !arn.endsWith(":root")) };
}

function judgePrincipals(statement: Statement, kind: DocumentKind, trust: DocumentTrust): string[] {
  const at = statement.label;
  if (kind === "identity") {
    return statement.principal === undefined ? [] : [`${at} names a Principal, which an identity policy cannot carry (AWS rejects it); remove it.`];
  }
  if (statement.principal === undefined) return [`${at} allows without naming a Principal; name the principals it is for.`];
  const account = trust.accountId;
  const messages: string[] = [];
  for (const entry of statement.principal) {
    if (entry.kind === "*") {
      if (account !== undefined && pinsEveryoneToAccount(statement, account)) continue;
      messages.push(
        `${at} allows every principal ("*") without a condition that pins the stage's AWS account; name the principals, or add ` +
          `StringEquals aws:PrincipalAccount = the stage's account (accountId in this stage's policy config).`,
      );
    } else if (entry.kind === "AWS") {
      const owner = accountOfAwsPrincipal(entry.value);
      if (account !== undefined && owner === account) continue;
      if (trust.databricksPrincipals.includes(canonicalAwsPrincipal(entry.value))) continue;
      messages.push(
        owner === undefined
          ? `${at} allows the AWS principal '${entry.value}', which names no single account; name principals of the stage's account or a Databricks principal of this stage's policy config.`
          : `${at} allows the AWS principal '${entry.value}' of account '${owner}', outside the stage's AWS account` +
              `${account === undefined ? " (this stage's policy config names no accountId)" : ` '${account}'`} and not among the Databricks principals of this stage's policy config (databricksPrincipals).`,
      );
    } else if (entry.kind === "Service") {
      if (trust.servicePrincipals.some((s) => s.toLowerCase() === entry.value.toLowerCase())) continue;
      messages.push(`${at} allows the service principal '${entry.value}', which this stage's policy config does not name (servicePrincipals).`);
    } else {
      messages.push(`${at} allows a ${entry.kind} principal; identities outside the stage's AWS account are not trusted (only AWS principals the policy config names are).`);
    }
  }
  return messages;
}

/** Databricks' control plane is one principal for every Databricks customer: it must prove it acts for this stage's account. */
function judgeDatabricksScope(statement: Statement, kind: DocumentKind, trust: DocumentTrust): string[] {
  const at = statement.label;
  const messages: string[] = [];
  const { roots, roles } = databricksPrincipalsOf(statement, trust);
  const databricksAccount = trust.databricksAccountId;
  const assumes = kind === "trust" && (statement.action ?? []).some((a) => actionMatches(a, "sts:AssumeRole"));
  for (const clause of clausesFor(statement, EXTERNAL_ID)) {
    if (!pinsExactly(clause.operator) || clause.values.length === 0 || clause.values.some((v) => v.trim() === "")) {
      messages.push(`${at} tests sts:ExternalId with ${clause.operator.name}; only StringEquals with non-empty values (no IfExists, no set qualifier) pins it.`);
    }
  }
  if (roots.length > 0 && assumes) {
    if (databricksAccount === undefined || !pinnedTo(statement, EXTERNAL_ID, databricksAccount)) {
      messages.push(
        `${at} lets Databricks' control plane (${roots.join(", ")}) assume the role without Condition StringEquals sts:ExternalId = ` +
          "the stage's Databricks account id (databricksAccountId in this stage's policy config), so another Databricks customer could make Databricks use it.",
      );
    }
  } else if (roots.length > 0) {
    if (databricksAccount === undefined || !pinnedTo(statement, DATABRICKS_TAG, databricksAccount)) {
      messages.push(
        `${at} allows Databricks' control plane (${roots.join(", ")}) without Condition StringEquals aws:PrincipalTag/DatabricksAccountId = ` +
          "the stage's Databricks account id (databricksAccountId in this stage's policy config), so it would act for any Databricks customer.",
      );
    }
  }
  if (roles.length > 0 && kind !== "trust") {
    // Unity Catalog's master role reaches data only by assuming a storage role; granted directly, it acts for every customer.
    messages.push(
      `${at} allows the Databricks principal ${roles.map((arn) => `'${arn}'`).join(", ")} directly; it may only assume the stage's ` +
        "storage role (named in that role's trust), which holds the access.",
    );
  } else if (roles.length > 0 && !clausesFor(statement, EXTERNAL_ID).some((c) => pinsExactly(c.operator))) {
    messages.push(
      `${at} lets the Databricks principal ${roles.map((arn) => `'${arn}'`).join(", ")} assume the role without Condition StringEquals ` +
        "sts:ExternalId (the storage credential's external id), so any Databricks customer's credential could use it.",
    );
  }
  return messages;
}

/** True when an identity policy's statement names an unbounded resource: `*` (or no Resource) or a whole service's ARNs. */
function unbounded(statement: Statement, kind: DocumentKind): boolean {
  // A resource policy's Resource can only name the resource it is attached to (or its objects).
  if (kind !== "identity") return false;
  const resources = statement.resource ?? ["*"];
  return resources.some((r) => r === "*" || /^arn:[^:]*:[^:]*:[^:]*:[^:]*:\*/.test(r));
}

function judgeActions(statement: Statement, kind: DocumentKind, trust: DocumentTrust): string[] {
  const at = statement.label;
  const messages: string[] = [];
  for (const pattern of statement.action ?? []) {
    const { service, breadth } = actionBreadth(pattern);
    if (breadth === "every-service") {
      messages.push(`${at} allows '${pattern}', actions of every service; list the actions it needs.`);
    } else if (breadth === "whole-service" && GUARDED_SERVICES.includes(service)) {
      // The key's own policy must let the account administer it (AWS's default key policy), or the key is unmanageable.
      const accountAdministersKey =
        kind === "key" &&
        service === "kms" &&
        trust.accountId !== undefined &&
        (statement.principal ?? []).length > 0 &&
        (statement.principal ?? []).every((e) => e.kind === "AWS" && isAccountRoot(e.value, trust.accountId!));
      if (!accountAdministersKey) messages.push(`${at} allows '${pattern}', every action of ${service}; list the actions it needs.`);
    } else if (breadth === "action-family" && GUARDED_SERVICES.includes(service) && unbounded(statement, kind)) {
      messages.push(`${at} allows '${pattern}' on every ${service} resource; name the resources, or list the actions it needs.`);
    }
  }
  return messages;
}

/** The effective-access findings of one statement. */
export function judgeStatement(statement: Statement, kind: DocumentKind, trust: DocumentTrust): string[] {
  if (statement.effect === "Deny") return [];
  const at = statement.label;
  if (statement.notPrincipal !== undefined) return [`${at} allows with NotPrincipal (everyone but the principals named), too broad to judge; name the principals instead.`];
  if (statement.notAction !== undefined) return [`${at} allows with NotAction (every action but those named), too broad to judge; list the actions instead.`];
  if (statement.notResource !== undefined) return [`${at} allows with NotResource (every resource but those named), too broad to judge; name the resources instead.`];
  return [...judgePrincipals(statement, kind, trust), ...judgeDatabricksScope(statement, kind, trust), ...judgeActions(statement, kind, trust)];
}
