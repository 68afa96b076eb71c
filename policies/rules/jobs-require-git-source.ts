/**
 * jobs-require-git-source: a job's code comes from a Git repository and ref the stage allows, never from a
 * workspace path or cloud storage; what it loads besides (libraries, init scripts, environments) comes from
 * the stage's artifact locations or is a pinned package; a pipeline's source lies in a folder the stage names.
 * The doors that put code on every cluster without a job showing it are judged alike: a cluster policy's
 * libraries and the code-loading attributes its definition fixes or defaults, and global init scripts.
 */
import { forResourceTypes } from "../lib/applicability";
import { findClusterPolicyCodeGaps } from "../lib/code-sources/cluster-policy-code";
import { globalInitScriptMessage } from "../lib/code-sources/global-init-script";
import { jobArtifactGaps } from "../lib/code-sources/job-artifacts";
import { describeJob, objectOf, stringOf } from "../lib/jobs";
import { type PipelineSourceConfig, findPipelineSourceGaps } from "../lib/code-sources/pipeline-code";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { CLUSTER_POLICY, GLOBAL_INIT_SCRIPT, JOB, PIPELINE } from "../lib/resource-types";
import { type CodePath, jobTaskCode } from "../lib/code-sources/task-code";
import { maskUrlCredentials } from "../lib/code-sources/url-credentials";

/** The config of this rule after the CLI merged the schema defaults in. */
export interface GitSourceConfig extends PipelineSourceConfig {
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
  allowedArtifactLocations: [],
  allowedPackageIndexes: [],
  allowedPipelineSourceFolders: [],
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
    // A query or fragment is kept: a URL that differs in them is not provably the same repository.
    return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, "")}${parsed.search}${parsed.hash}`;
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
      messages.push(`${job} runs code from repository '${maskUrlCredentials(url)}', which this stage does not allow (allowed repositories: ${config.allowedRepositories.join(", ") || "none"}).`);
    }
    const branch = stringOf(gitSource.branch);
    const tag = stringOf(gitSource.tag);
    const refs = [branch, tag, stringOf(gitSource.commit)].filter((ref) => ref !== undefined);
    if (refs.length > 1) {
      // The provider says they conflict; which one a run would use is not the pack's to guess.
      messages.push(`${job} names more than one Git ref (${refs.map((ref) => `'${ref}'`).join(", ")}); name exactly one branch or tag this stage allows.`);
    } else if (branch !== undefined && !matchesAny(branch, config.allowedBranchPatterns)) {
      messages.push(`${job} runs branch '${branch}', which this stage does not allow (allowed branches: ${config.allowedBranchPatterns.join(", ") || "none"}).`);
    } else if (tag !== undefined && !matchesAny(tag, config.allowedTagPatterns)) {
      messages.push(`${job} runs tag '${tag}', which this stage does not allow (allowed tags: ${config.allowedTagPatterns.join(", ") || "none"}).`);
    } else if (branch === undefined && tag === undefined) {
      const commit = stringOf(gitSource.commit);
      messages.push(`${job} runs ${commit !== undefined ? `commit '${commit}'` : "no Git ref"}; name a branch or tag this stage allows.`);
    }
  }
  const tasks = jobTaskCode(resourceName, props);
  for (const task of tasks) {
    for (const code of task.paths) {
      const origin = codeOrigin(code);
      if (origin !== "git") {
        messages.push(`${task.where} runs '${maskUrlCredentials(code.path ?? "?")}' from ${origin}; use source GIT and a path relative to the repository.`);
      }
    }
    for (const kind of task.untraceable) {
      // Fails closed: a kind the provider adds later is refused until someone says where its code comes from.
      messages.push(`${task.where} is a ${kind}, whose code cannot be traced to the repository's reviewed ref; run the code as a notebook, Python file, SQL file, dbt, wheel or JAR task.`);
    }
  }
  return [...messages, ...jobArtifactGaps(resourceName, props, tasks, config)];
}

/**
 * Where a task's code comes from. An unset `source` means Git for a notebook, SQL file or dbt project of a
 * job with a gitSource, but the workspace or cloud storage for a Python file (the provider's documented
 * defaults); a path with a URI scheme (`dbfs:/`, `s3://`) is a file in cloud storage whatever the source says.
 */
export function codeOrigin(code: CodePath): "git" | "the workspace" | "cloud storage" {
  // Without a path the code is the repository's root (dbt) or nothing; only an unset or GIT source keeps it in Git.
  if (code.path === undefined) return code.source === undefined || code.source === "GIT" ? "git" : "the workspace";
  if (/^[a-z][a-z0-9+.-]*:/i.test(code.path)) return "cloud storage";
  if (code.path.startsWith("/")) return "the workspace";
  if (code.source === "GIT" || (code.source === undefined && code.unsetSourceIsGit)) return "git";
  return "the workspace";
}

/** The judge of each resource type this rule reads code sources of, besides global init scripts (all refused). */
const FINDERS: Record<string, (name: string, props: Record<string, unknown>, config: GitSourceConfig) => string[]> = {
  [JOB]: findGitSourceGaps,
  [PIPELINE]: findPipelineSourceGaps,
  [CLUSTER_POLICY]: findClusterPolicyCodeGaps,
};

/** The rule object registered in the pack. */
export const jobsRequireGitSource: DocumentedResourcePolicy = {
  name: "jobs-require-git-source",
  description:
    "Jobs and pipelines run code from a Git repository and a branch or tag the stage allows, never from a workspace path or cloud storage; " +
    "what they load besides is a file from the stage's artifact locations or a pinned package; cluster policies put no other code on their clusters, and no global init script runs.",
  severity: "high",
  remediationSteps:
    "Set `gitSource` with the ML repository's URL and the stage's ref (main on staging, a release branch or " +
    "tag on prod; `mlProjects[].repository` in this program), give every notebook, Python file, SQL file or dbt task " +
    "`source: GIT` and a path relative to the repository. Build wheels and JARs in CI from that ref into the stage's " +
    "artifact volume and load them from there; pin every PyPI or Maven package to one exact version. Give pipelines " +
    "source only from a workspace folder the stage allows. The allowed repositories, refs, artifact locations, package " +
    "indexes and pipeline folders are `allowedRepositories`, `allowedBranchPatterns`, `allowedTagPatterns`, " +
    "`allowedArtifactLocations`, `allowedPackageIndexes` and `allowedPipelineSourceFolders` of this policy in the stage's policy config. " +
    "Replace a global init script by an init script from the artifact volume on the clusters that need it; give a cluster policy " +
    "only libraries, init scripts, Spark properties and environment variables a job of the stage could declare itself.",
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
      allowedArtifactLocations: {
        type: "array",
        // Unity Catalog Volumes only: their writers are grants the access rules judge (the stage's one writer on staging and prod).
        items: { type: "string", pattern: "^/Volumes/[^/]+/[^/]+/[^/]+(/.*)?$" },
        default: [...DEFAULT_GIT_SOURCE_CONFIG.allowedArtifactLocations],
        description: "Unity Catalog Volume folders (`/Volumes/<catalog>/<schema>/<volume>[/...]`) wheels, JARs, requirements files and init scripts may be loaded from: volumes of the stage's catalog that only CI, as the stage's writer, writes to.",
      },
      allowedPackageIndexes: {
        type: "array",
        items: { type: "string", minLength: 1 },
        default: [...DEFAULT_GIT_SOURCE_CONFIG.allowedPackageIndexes],
        description: "Package index or repository URLs (a library's `repo`) pinned packages may come from; a package without `repo` comes from the public index.",
      },
      allowedPipelineSourceFolders: {
        type: "array",
        items: { type: "string", pattern: "^/" },
        default: [...DEFAULT_GIT_SOURCE_CONFIG.allowedPipelineSourceFolders],
        description: "Absolute workspace folders pipelines of this stage may run source from: folders only the stage's deployment identity writes, kept on the stage's Git ref.",
      },
    },
  },
  documentation: {
    waivers: "allowed",
    rationale:
      "Deploy code, not models: Git holds all pipeline code, and code is promoted from the development branch to " +
      "main (staging) to a release branch (prod), so every stage runs reviewed code and the prod model is " +
      "trained by prod code. A workspace path, another branch or another repository (a fork) would run code " +
      "that skipped that promotion. The same holds for every other door to a running job: a SQL file, a dbt " +
      "project, a JAR or wheel and the libraries, init scripts and environment dependencies of its tasks and " +
      "clusters, and the Spark properties and environment variables that put code on a cluster's path or point pip elsewhere. Files of code are allowed only from Unity Catalog Volumes the stage names (CI builds them from the " +
      "reviewed ref and, as the stage's only writer, is the only one who can put them there); packages only pinned " +
      "to one exact version, from the public index or an index the stage names, since an unpinned one is whatever " +
      "the index serves on the day of the run; CRAN packages cannot be pinned in the provider and are refused. Task " +
      "kinds whose code lives elsewhere (Spark submit, dbt Cloud, clean rooms, AI runtime, saved queries, alerts and " +
      "dashboards, whose SQL anyone allowed to edit them changes in the workspace, and any kind this pack " +
      "does not know yet) are refused. A pipeline has no Git source in the provider: its source must lie in a " +
      "workspace folder the stage names, one that only the stage's deployment identity writes from the stage's ref. " +
      "Two doors put code on every cluster without any job showing it, and are judged alike: a cluster policy's " +
      "libraries and the init script destinations, code-loading Spark properties and environment variables and " +
      "container image its definition (or a family's overrides) fixes or defaults, which every job cluster naming " +
      "the policy gets; and global init scripts, which run as root on every cluster of the workspace. A global init " +
      "script is refused outright: the provider uploads it from a file on the deploying machine (`source`, not a " +
      "Volume path) or from inline text (`contentBase64`) into the workspace's own store, none of which the stage " +
      "can trace to its reviewed ref; an init script a job needs belongs on its clusters, or in their policy, from the " +
      "stage's artifact locations.",
    controls: [],
  },
  validateResource: forResourceTypes([JOB, PIPELINE, CLUSTER_POLICY, GLOBAL_INIT_SCRIPT], (args, reportViolation) => {
    const config = { ...DEFAULT_GIT_SOURCE_CONFIG, ...args.getConfig<Partial<GitSourceConfig>>() };
    if (args.type === GLOBAL_INIT_SCRIPT) return reportViolation(globalInitScriptMessage(args.name, args.props));
    const find = FINDERS[args.type];
    for (const message of find(args.name, args.props, config)) reportViolation(message);
  }),
};
