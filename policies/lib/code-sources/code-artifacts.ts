/**
 * Code a job or pipeline loads beside its own source: library files (wheels, JARs, eggs, requirements
 * files), init scripts, packages from an index (PyPI, Maven, CRAN) and pip requirement lines. Each judge
 * returns a phrase saying how the code escapes review, or undefined when the stage allows it; the rules put
 * the phrase after where it was declared. Values are echoed with any URL credentials masked.
 */
import { maskUrlCredentials } from "./url-credentials";

/** Where a stage may load code from besides its Git ref; from the policy config of jobs-require-git-source. */
export interface ArtifactConfig {
  /** Folders (Unity Catalog Volume paths) files may be loaded from: the stage's artifact volumes CI writes to. */
  allowedArtifactLocations: string[];
  /** Package index or repository URLs a pinned package may come from; a package without `repo` uses the public index. */
  allowedPackageIndexes: string[];
}

const listed = (values: readonly string[]) => values.join(", ") || "none";

/** A path segment that moves elsewhere (`.`, `..`, empty, or either spelled with percent escapes). */
function isMovingSegment(segment: string): boolean {
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return true; // a malformed escape: nobody can say where it leads
  }
  return decoded === "" || decoded === "." || decoded === ".." || decoded.includes("/") || decoded.includes("\\");
}

/**
 * Whether `path` names something inside one of the allowed folders (or, with `folderItself`, one of the
 * folders). Compared as written (case included), on whole segments, and never through `.`/`..` segments, so
 * `/Volumes/c/s/v/../../other/x.whl` and `/Volumes/c/s/v-evil/x.whl` stay outside `/Volumes/c/s/v`.
 */
export function isInAllowedLocation(path: string, allowed: readonly string[], folderItself = false): boolean {
  const target = folderItself ? path.replace(/\/+$/, "") : path;
  if (target.includes("\\") || target.split("/").slice(1).some(isMovingSegment)) return false;
  return allowed.some((folder) => {
    const prefix = folder.replace(/\/+$/, "");
    return prefix !== "" && (target.startsWith(`${prefix}/`) || (folderItself && target === prefix));
  });
}

/** A file of code (`kind`, e.g. "wheel") at `path`: allowed only inside the stage's artifact locations. */
export function artifactGap(kind: string, path: string, config: ArtifactConfig): string | undefined {
  if (isInAllowedLocation(path.trim(), config.allowedArtifactLocations)) return undefined;
  return `loads ${kind} '${maskUrlCredentials(path)}' from outside the artifact locations this stage allows (allowed: ${listed(config.allowedArtifactLocations)})`;
}

/** `name==1.2.3` or `name[extra]===1.2.3`: one exact version, no wildcard, marker, URL or option. */
const PINNED_PYTHON_REQUIREMENT = /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?(\[[A-Za-z0-9._,-]+\])?\s*===?\s*[A-Za-z0-9.+!_-]+$/;

/** `group:artifact:version` with one fixed version: no range, LATEST, RELEASE or SNAPSHOT (they change under the same name). */
function isPinnedMaven(coordinates: string): boolean {
  const parts = coordinates.split(":");
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9._-]+$/.test(part))) return false;
  const version = parts[2];
  return !/^(LATEST|RELEASE)$/i.test(version) && !/-SNAPSHOT$/i.test(version);
}

const canonicalIndex = (url: string) => url.trim().replace(/\/+$/, "");

/** A package from `repo` (undefined: the public index) is allowed only from the indexes the stage lists. */
function indexGap(what: string, repo: string | undefined, config: ArtifactConfig): string | undefined {
  if (repo === undefined || config.allowedPackageIndexes.some((index) => canonicalIndex(index) === canonicalIndex(repo))) return undefined;
  return `installs ${what} from index '${maskUrlCredentials(repo)}', which this stage does not allow (allowed indexes: ${listed(config.allowedPackageIndexes)})`;
}

/** A Python package requirement (a PyPI library's `package`, a pip line): allowed only pinned to an exact version. */
export function pythonPackageGap(requirement: string, repo: string | undefined, config: ArtifactConfig): string | undefined {
  const what = `PyPI package '${maskUrlCredentials(requirement)}'`;
  if (!PINNED_PYTHON_REQUIREMENT.test(requirement.trim())) {
    return `installs ${what} without an exact version, so each run gets whatever the index serves that day (pin it: 'name==1.2.3')`;
  }
  return indexGap(what, repo, config);
}

/** What a library block of a job task, cluster or pipeline loads that the stage does not allow, one phrase per field. */
export function libraryGaps(library: Record<string, unknown>, config: ArtifactConfig): string[] {
  const text = (value: unknown) => (typeof value === "string" ? value : "?");
  const block = (value: unknown) => (typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {});
  const optional = (value: unknown) => (typeof value === "string" ? value : undefined);
  const files: Record<string, string> = { whl: "wheel", jar: "JAR", egg: "egg", requirements: "requirements file" };
  const gaps: (string | undefined)[] = [];
  // Every field is judged, not the first one found: a block that names two kinds must not hide the second.
  for (const field of Object.keys(library).filter((key) => key !== "providerConfig" && library[key] !== undefined)) {
    const value = library[field];
    if (field in files) gaps.push(artifactGap(files[field], text(value), config));
    else if (field === "pypi") gaps.push(pythonPackageGap(text(block(value).package), optional(block(value).repo), config));
    else if (field === "maven") gaps.push(mavenGap(text(block(value).coordinates), optional(block(value).repo), config));
    // The provider's CRAN block has no version: every install takes the newest release.
    else if (field === "cran") gaps.push(`installs CRAN package '${text(block(value).package)}', which cannot be pinned to a version`);
    else gaps.push(`installs a library of a kind this pack does not judge ('${field}')`);
  }
  return gaps.filter((gap): gap is string => gap !== undefined);
}

function mavenGap(coordinates: string, repo: string | undefined, config: ArtifactConfig): string | undefined {
  const what = `Maven artifact '${maskUrlCredentials(coordinates)}'`;
  if (!isPinnedMaven(coordinates)) return `installs ${what} without one fixed version (pin it: 'group:artifact:1.2.3'; no range, LATEST, RELEASE or SNAPSHOT)`;
  return indexGap(what, repo, config);
}

/**
 * One pip requirement line of an environment (`dependencies`): a path or URL is a file (judged by
 * location), `-r <file>` a requirements file, any other option (an index, `-e`, find-links) is refused, and
 * the rest is a package that must be pinned.
 */
export function requirementLineGap(line: string, config: ArtifactConfig): string | undefined {
  const trimmed = line.trim();
  const requirementsFile = /^(-r|--requirement)(\s+|=)?(\S+)$/.exec(trimmed);
  if (requirementsFile) return artifactGap("requirements file", requirementsFile[3], config);
  if (trimmed.startsWith("-")) return `uses pip option '${maskUrlCredentials(trimmed)}', which changes where code comes from in a way this pack does not judge`;
  if (trimmed.startsWith("/") || trimmed.startsWith(".") || /^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return artifactGap("file", trimmed, config);
  return pythonPackageGap(trimmed, undefined, config);
}

/** The file an init script block runs (`workspace`, `volumes`, `s3`, `dbfs`, ... each with a `destination`). */
export function initScriptGap(script: Record<string, unknown>, config: ArtifactConfig): string | undefined {
  const kinds = Object.keys(script).filter((key) => script[key] !== undefined);
  for (const kind of kinds) {
    const destination = (script[kind] as Record<string, unknown> | null)?.destination;
    const gap = artifactGap(`init script (${kind})`, typeof destination === "string" ? destination : "?", config);
    if (gap !== undefined) return gap;
  }
  return undefined;
}
