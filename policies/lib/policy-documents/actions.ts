/**
 * IAM action patterns: `service:Name` with `*` and `?` wildcards, compared without case as IAM compares them.
 * The pack asks how broad a pattern is, not which actions exist, so a service's new actions are covered too.
 */

/** Services whose wildcards the pack refuses on Allow: the stores of data and keys, and IAM itself (it grants everything else). */
export const GUARDED_SERVICES: readonly string[] = ["s3", "kms", "dynamodb", "iam"];

/** How much a pattern covers. */
export type ActionBreadth =
  /** `*`, or a wildcard in the service part (`*:*`, `s3*:Get*`): actions of more than one service. */
  | "every-service"
  /** `service:*`: every action of one service. */
  | "whole-service"
  /** `service:Get*`, `service:*Object`: a family of one service's actions. */
  | "action-family"
  /** One action. */
  | "single";

/** A pattern taken apart: its service (lower-case; `*` when it spans services) and its breadth. */
export function actionBreadth(pattern: string): { service: string; breadth: ActionBreadth } {
  const lower = pattern.trim().toLowerCase();
  const colon = lower.indexOf(":");
  // `*`, or a name without a service (which IAM rejects): judged as the broadest.
  if (colon < 0) return { service: "*", breadth: "every-service" };
  const service = lower.slice(0, colon);
  const name = lower.slice(colon + 1);
  if (/[*?]/.test(service)) return { service: "*", breadth: "every-service" };
  if (name === "*" || /^\*+$/.test(name)) return { service, breadth: "whole-service" };
  if (/[*?]/.test(name)) return { service, breadth: "action-family" };
  return { service, breadth: "single" };
}

/** Whether an IAM pattern (wildcards `*` and `?`, no case) matches one action, e.g. `s3:Get*` matches `s3:GetObject`. */
export function actionMatches(pattern: string, action: string): boolean {
  const regex = pattern
    .trim()
    .toLowerCase()
    .split("")
    .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${regex}$`).test(action.trim().toLowerCase());
}
