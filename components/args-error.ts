/**
 * How a component refuses bad arguments: before it declares anything, with every bad argument named by its
 * path under the args (`serving.traffic`) and why, never with the value (it could be a secret). The same
 * capability checks the stack's config parser runs, so a component built by hand is held to the same rules.
 */
import type { AddIssue } from "./config-fields";

/** One bad argument: its path under the args, e.g. `serving.traffic.challenger`, and the reason. */
export interface ArgumentProblem {
  argument: string;
  reason: string;
}

/** Thrown by a component's constructor when its args are invalid; nothing of it is registered. */
export class ComponentArgsError extends Error {
  constructor(
    readonly component: string,
    readonly resourceName: string,
    readonly problems: readonly ArgumentProblem[],
  ) {
    super(`invalid args of ${component} "${resourceName}":\n${problems.map((problem) => `  - ${problem.argument}: ${problem.reason}`).join("\n")}`);
    this.name = "ComponentArgsError";
  }
}

/** Runs `check` and throws a `ComponentArgsError` listing what it reported; returns when it reported nothing. */
export function assertValidArgs(component: string, resourceName: string, check: (addIssue: AddIssue) => void): void {
  const problems: ArgumentProblem[] = [];
  check((path, reason) => problems.push({ argument: path.join("."), reason }));
  if (problems.length > 0) throw new ComponentArgsError(component, resourceName, problems);
}
