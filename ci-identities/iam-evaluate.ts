/**
 * A small evaluator of AWS IAM identity policies over actions: what a principal holding these documents
 * may call, by AWS's order (an explicit Deny wins, then an Allow, else the implicit deny). It reads
 * `Action`/`NotAction` with `*` and `?` wildcards, case-insensitively as AWS does, and errs on the safe side
 * for what it does not model: an Allow counts whatever its `Resource` and `Condition`, a Deny counts only
 * when it applies to every resource (`"*"`) without a condition. So "not allowed" here means not allowed on
 * any resource, under any condition.
 */

/** One statement of an identity policy, as IAM's JSON has it (a string or a list where IAM allows both). */
export interface IamStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  /** Only in trust (resource) policies; the evaluator reads identity policies and ignores it. */
  Principal?: "*" | Record<string, string | string[]>;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, unknown>;
}

/** An identity policy document. */
export interface IamPolicyDocument {
  Version: "2012-10-17";
  Statement: IamStatement[];
}

/** How an action fares under a set of documents, and which statement decided it. */
export interface Verdict {
  decision: "allowed" | "explicitly denied" | "implicitly denied";
  statement?: string;
}

const list = (value: string | string[] | undefined): string[] => (value === undefined ? [] : typeof value === "string" ? [value] : value);

/** True when `pattern` (IAM's `service:Verb*` with `*` and `?`) matches `action`, case-insensitively. */
export function actionMatches(pattern: string, action: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${source}$`, "i").test(action);
}

/** True when the statement's action part (Action or NotAction) covers `action`. */
function coversAction(statement: IamStatement, action: string): boolean {
  if (statement.NotAction !== undefined) return !list(statement.NotAction).some((p) => actionMatches(p, action));
  return list(statement.Action).some((p) => actionMatches(p, action));
}

/** True when a Deny applies to `action` on every resource, unconditionally. */
function deniesEverywhere(statement: IamStatement, action: string): boolean {
  return (
    statement.Effect === "Deny" &&
    statement.Condition === undefined &&
    statement.NotResource === undefined &&
    list(statement.Resource).includes("*") &&
    coversAction(statement, action)
  );
}

const nameOf = (statement: IamStatement, index: number) => statement.Sid ?? `Statement[${index}]`;

/** The verdict on `action` for a principal holding `documents`. */
export function evaluateAction(documents: IamPolicyDocument[], action: string): Verdict {
  const statements = documents.flatMap((d) => d.Statement);
  const deny = statements.findIndex((s) => deniesEverywhere(s, action));
  if (deny >= 0) return { decision: "explicitly denied", statement: nameOf(statements[deny], deny) };
  const allow = statements.findIndex((s) => s.Effect === "Allow" && coversAction(s, action));
  if (allow >= 0) return { decision: "allowed", statement: nameOf(statements[allow], allow) };
  return { decision: "implicitly denied" };
}
