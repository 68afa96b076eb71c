/**
 * Turns validation issues into messages a person can act on: the full config key as `pulumi config`
 * names it, what was given, and what is allowed.
 */
import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { renderGiven } from "./config-given";
import { REASON } from "../components";

/** One bad config value. */
export interface ConfigProblem {
  /** The key as `pulumi config set --path` takes it, e.g. `databricks-mlops:groups.dataScientists`. */
  key: string;
  /**
   * What the stack file gave, rendered as JSON, or what kind of value it was when it could be a secret
   * (config-given.ts); undefined when the key is missing.
   */
  given?: string;
  /** Why it is wrong and what is allowed. */
  reason: string;
}

/**
 * Thrown before any resource is declared when the stack configuration is invalid. A `RunError`, so
 * `pulumi up` prints the message alone, without a stack trace.
 */
export class StageConfigError extends pulumi.RunError {
  constructor(
    readonly stackName: string,
    readonly problems: ConfigProblem[],
  ) {
    super(formatProblems(stackName, problems));
    this.name = "StageConfigError";
  }
}

/** The error text: a header, then one line per problem. */
export function formatProblems(stack: string, problems: readonly ConfigProblem[]): string {
  const lines = problems.map(
    (problem) => `  - ${problem.key}: ${problem.given === undefined ? "missing" : `got ${problem.given}`}; ${problem.reason}`,
  );
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  return [
    `Invalid configuration of stack '${stack}' (${count}); nothing was deployed:`,
    ...lines,
    `Fix each value with \`pulumi config set --path '<key>' <value> --stack ${stack}\` (see docs/configuration.md).`,
  ].join("\n");
}

/** `groups.dataScientists`, `unityCatalog.extraGrants[0].privileges[1]`. */
function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, index) => (typeof segment === "number" ? `[${segment}]` : `${index === 0 ? "" : "."}${String(segment)}`))
    .join("");
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (value, segment) => (value !== null && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[segment] : undefined),
    root,
  );
}

function isReason(issue: z.core.$ZodIssue): boolean {
  return issue.code === "custom" && issue.params?.[REASON] === true;
}

/**
 * One problem per issue, in key order. `raw` is the object that was validated (top-level key ->
 * value); `namespace` prefixes the first path segment.
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[], raw: unknown, namespace: string): ConfigProblem[] {
  const problems = issues.flatMap((issue): ConfigProblem[] => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => {
        const path = [...issue.path, key];
        return { key: `${namespace}:${formatPath(path)}`, given: renderGiven(valueAt(raw, path), { path, unknownKey: true }), reason: issue.message };
      });
    }
    const given = renderGiven(valueAt(raw, issue.path), { path: issue.path, unknownKey: false });
    const reason = isReason(issue) ? issue.message : `expected ${issue.message}`;
    return [{ key: `${namespace}:${formatPath(issue.path)}`, given, reason }];
  });
  return problems.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
