/**
 * jobs-require-git-source: a job's code comes from a Git repository and ref the stage allows, never from a
 * workspace path or cloud storage.
 */
import { forResourceTypes } from "../lib/applicability";
import { type JobTaskFacts, describeJob, jobTasks, objectOf, stringOf } from "../lib/jobs";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { JOB } from "../lib/resource-types";

/** The config of this rule after the CLI merged the schema defaults in. */
export interface GitSourceConfig {
  /** The Git repositories jobs of the stage may run code from (URLs as in `gitSource.url`). */
  allowedRepositories: string[];
  /** Regular expressions (anchored as written) of the branches the stage may run. */
  allowedBranchPatterns: string[];
  /** Regular expressions of the tags the stage may run. */
  allowedTagPatterns: string[];
}

/** The defaults of the config schema: no repository (each stage names its own), the release branches and semantic version tags (prod). */
export const DEFAULT_GIT_SOURCE_CONFIG: GitSourceConfig = {
  allowedRepositories: [],
  allowedBranchPatterns: ["^release(/[A-Za-z0-9._-]+)?$"],
  allowedTagPatterns: ["^v[0-9]+\\.[0-9]+\\.[0-9]+$"],
};

const matchesAny = (value: string, patterns: readonly string[]) => patterns.some((pattern) => new RegExp(pattern).test(value));

/**
 * A repository URL as compared: scheme and host in lower case (they are case-insensitive), the path as
 * written (a host may tell paths apart by case), without a trailing slash or `.git`.
 */
export function canonicalRepository(url: string): string {
  const trimmed = url.trim().replace(/\/+$/, "").replace(/\.git$/i, "");
  try {
    const parsed = new URL(trimmed);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, "")}`;
  } catch {
    return trimmed; // not a URL (an scp-like SSH address): compared as written
  }
}

const isAllowedRepository = (url: string, allowed: readonly string[]) =>
  allowed.some((repository) => canonicalRepository(repository) === canonicalRepository(url));

/** Returns one message per way the job's code does not come from an allowed Git ref. */
export function findGitSourceGaps(resourceName: string, props: Record<string, unknown>, config: GitSourceConfig): string[] {
  const job = describeJob(resourceName, props);
  const messages: string[] = [];
  const gitSource = objectOf(props.gitSource);
  const url = stringOf(gitSource.url);
  if (url === undefined) {
    messages.push(`${job} has no gitSource; run its code from the project's Git repository on the stage's branch or tag.`);
  } else {
    if (!isAllowedRepository(url, config.allowedRepositories)) {
      // A fork or any other repository holds code that never went through this project's reviews.
      messages.push(`${job} runs code from repository '${url}', which this stage does not allow (allowed repositories: ${config.allowedRepositories.join(", ") || "none"}).`);
    }
    const branch = stringOf(gitSource.branch);
    const tag = stringOf(gitSource.tag);
    if (branch !== undefined && !matchesAny(branch, config.allowedBranchPatterns)) {
      messages.push(`${job} runs branch '${branch}', which this stage does not allow (allowed branches: ${config.allowedBranchPatterns.join(", ") || "none"}).`);
    } else if (tag !== undefined && !matchesAny(tag, config.allowedTagPatterns)) {
      messages.push(`${job} runs tag '${tag}', which this stage does not allow (allowed tags: ${config.allowedTagPatterns.join(", ") || "none"}).`);
    } else if (branch === undefined && tag === undefined) {
      const commit = stringOf(gitSource.commit);
      messages.push(`${job} runs ${commit !== undefined ? `commit '${commit}'` : "no Git ref"}; name a branch or tag this stage allows.`);
    }
  }
  for (const task of jobTasks(props)) {
    const origin = codeOrigin(task);
    if (origin !== "git") {
      messages.push(`${job} task '${task.taskKey}' runs '${task.path ?? "?"}' from ${origin}; use source GIT and a path relative to the repository.`);
    }
  }
  return messages;
}

/**
 * Where a task's code comes from. An unset `source` means Git for a notebook of a job with a gitSource, but
 * the workspace or cloud storage for a Python file (the provider's documented defaults); a path with a URI
 * scheme (`dbfs:/`, `s3://`) is a file in cloud storage whatever the source says.
 */
export function codeOrigin(task: JobTaskFacts): "git" | "the workspace" | "cloud storage" {
  if (task.path === undefined) return task.source === "WORKSPACE" ? "the workspace" : "git";
  if (/^[a-z][a-z0-9+.-]*:/i.test(task.path)) return "cloud storage";
  if (task.path.startsWith("/")) return "the workspace";
  if (task.source === "GIT" || (task.source === undefined && task.codeKind === "notebook")) return "git";
  return "the workspace";
}

/** The rule object registered in the pack. */
export const jobsRequireGitSource: DocumentedResourcePolicy = {
  name: "jobs-require-git-source",
  description: "Jobs run code from a Git repository and a branch or tag the stage allows, never from a workspace path or cloud storage.",
  severity: "high",
  remediationSteps:
    "Set `gitSource` with the ML repository's URL and the stage's ref (main on staging, a release branch or " +
    "tag on prod; `mlProjects[].repository` in this program), give every notebook or Python task `source: GIT` " +
    "and a path relative to the repository. The allowed repositories and refs are `allowedRepositories`, " +
    "`allowedBranchPatterns` and `allowedTagPatterns` of this policy in the stage's policy config.",
  configSchema: {
    properties: {
      allowedRepositories: {
        type: "array",
        items: { type: "string", minLength: 1 },
        default: [...DEFAULT_GIT_SOURCE_CONFIG.allowedRepositories],
        description: "The Git repositories jobs of this stage may run code from, as URLs (compared without a trailing slash or .git, host case-insensitively).",
      },
      allowedBranchPatterns: {
        type: "array",
        items: { type: "string", minLength: 1 },
        default: [...DEFAULT_GIT_SOURCE_CONFIG.allowedBranchPatterns],
        description: "Regular expressions of the branches jobs of this stage may run.",
      },
      allowedTagPatterns: {
        type: "array",
        items: { type: "string", minLength: 1 },
        default: [...DEFAULT_GIT_SOURCE_CONFIG.allowedTagPatterns],
        description: "Regular expressions of the tags jobs of this stage may run.",
      },
    },
  },
  documentation: {
    waivers: "allowed",
    rationale:
      "Deploy code, not models: Git holds all pipeline code, and code is promoted from the development branch to " +
      "main (staging) to a release branch (prod), so every stage runs reviewed code and the prod model is " +
      "trained by prod code. A workspace path, another branch or another repository (a fork) would run code " +
      "that skipped that promotion.",
    controls: [],
  },
  validateResource: forResourceTypes([JOB], (args, reportViolation) => {
    const config = { ...DEFAULT_GIT_SOURCE_CONFIG, ...args.getConfig<Partial<GitSourceConfig>>() };
    for (const message of findGitSourceGaps(args.name, args.props, config)) reportViolation(message);
  }),
};
