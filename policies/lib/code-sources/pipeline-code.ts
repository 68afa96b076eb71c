/**
 * Where a `databricks.Pipeline` (Lakeflow declarative pipeline) takes its code from. The provider (1.110)
 * gives a pipeline no Git source: its source files are workspace paths (`libraries[].notebook.path`,
 * `.file.path`, `.glob.include`, `rootPath`), so on a stage that runs reviewed code only, those paths must lie
 * in a workspace folder the stage's policy config names: one only the stage's deployment identity writes,
 * kept on the stage's Git ref (a Git folder of the service principal, or its bundle deployment folder).
 */
import { type ArtifactConfig, artifactGap, isInAllowedLocation, libraryGaps } from "./code-artifacts";
import { sparkPropertyGaps } from "./code-settings";
import { clusterArtifactGaps, environmentGaps } from "./job-artifacts";
import { listOf, objectOf, stringOf } from "../jobs";

/** Which workspace folders pipelines of the stage may run source from. */
export interface PipelineSourceConfig extends ArtifactConfig {
  /** Absolute workspace folders (e.g. a Git folder of the stage's service principal); none by default. */
  allowedPipelineSourceFolders: string[];
}

/**
 * A workspace path as the workspace resolves it: `/Workspace/Users/x` and `/Users/x` are one file, so both
 * spellings compare as the `/Workspace/...` form.
 */
export function workspacePath(path: string): string {
  const trimmed = path.trim();
  return trimmed.startsWith("/") && !/^\/Workspace(\/|$)/.test(trimmed) ? `/Workspace${trimmed}` : trimmed;
}

const folders = (config: PipelineSourceConfig) => config.allowedPipelineSourceFolders.map(workspacePath);

/** The source paths of a pipeline, with what each is, in declaration order. */
function sourcePaths(props: Record<string, unknown>): { kind: string; path: string; folder?: boolean }[] {
  const paths: { kind: string; path: string; folder?: boolean }[] = [];
  const root = stringOf(props.rootPath);
  // The root folder may be the allowed folder itself; every other path names a file or a glob inside one.
  if (props.rootPath !== undefined) paths.push({ kind: "root folder", path: root ?? "?", folder: true });
  for (const raw of listOf(props.libraries)) {
    const library = objectOf(raw);
    if (library.notebook !== undefined) paths.push({ kind: "notebook", path: stringOf(objectOf(library.notebook).path) ?? "?" });
    if (library.file !== undefined) paths.push({ kind: "file", path: stringOf(objectOf(library.file).path) ?? "?" });
    if (library.glob !== undefined) paths.push({ kind: "source glob", path: stringOf(objectOf(library.glob).include) ?? "?" });
  }
  return paths;
}

/** One message per way a pipeline runs code its stage does not allow. */
export function findPipelineSourceGaps(resourceName: string, props: Record<string, unknown>, config: PipelineSourceConfig): string[] {
  const pipeline = `Pipeline '${stringOf(props.name) ?? resourceName}'`;
  const allowed = folders(config);
  const messages = sourcePaths(props)
    .filter(({ path, folder }) => !isInAllowedLocation(workspacePath(path), allowed, folder))
    .map(({ kind, path }) => `${pipeline} runs ${kind} '${path}' from outside the workspace folders this stage allows for pipeline source (allowed: ${allowed.join(", ") || "none"}); deploy it into such a folder from the stage's Git ref.`);
  for (const raw of listOf(props.libraries)) {
    // jar, whl and maven entries are libraries like a job's; notebook, file and glob were judged above.
    const { notebook: _notebook, file: _file, glob: _glob, ...library } = objectOf(raw);
    messages.push(...libraryGaps(library, config).map((gap) => `${pipeline} ${gap}.`));
  }
  listOf(props.clusters).forEach((cluster, index) => {
    const label = stringOf(objectOf(cluster).label) ?? String(index);
    messages.push(...clusterArtifactGaps(`cluster '${label}' of ${pipeline}`, objectOf(cluster), config));
  });
  messages.push(...environmentGaps(`${pipeline} environment`, objectOf(props.environment), config));
  // A pipeline's configuration is applied as Spark properties of its clusters.
  messages.push(...sparkPropertyGaps(props.configuration).map((gap) => `${pipeline} ${gap}.`));
  const connectorJar = stringOf(objectOf(props.ingestionDefinition).netsuiteJarPath);
  if (connectorJar !== undefined) {
    const gap = artifactGap("connector JAR", connectorJar, config);
    if (gap !== undefined) messages.push(`${pipeline} ${gap}.`);
  }
  return messages;
}
