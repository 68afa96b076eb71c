/**
 * Recorded outputs go stale when the referenced stack's own file changes: switch dev from creating its
 * workspace to adopting one, and staging's and prod's offline plans would still bind their catalogs to the
 * workspace id recorded while dev created it. The real engine reads the live outputs, so only the offline
 * plan can be misled; it says so, naming each output that disagrees with the stack file and how to refresh.
 */
import * as fs from "fs";
import { defaultStackFile, displayPath, readStackFile, type ProjectFile } from "./stack-config";
import type { ResolvedStackReference } from "./stack-references";

/** One recorded output that contradicts what the referenced stack's file now declares. */
export interface StaleOutput {
  /** The output's name, as `pulumi stack output` prints it. */
  output: string;
  /** What the recorded file holds. */
  recorded: string;
  /** What the referenced stack's file declares now. */
  declared: string;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A value as a person reads it in a message; identifiers, modes and URLs only, never a config secret. */
function shown(v: unknown): string {
  return v === undefined || v === null ? "nothing" : String(v);
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

/**
 * The outputs of `recorded` that the referenced stack's `config` (its `Pulumi.<stack>.yaml` `config:` block,
 * raw) contradicts: the stage name, the workspace mode and, for an adopted workspace, its id and URL, which are
 * then declared in the file itself. A created workspace's id and URL exist only after its `up`, so they are not
 * compared. Only plain values are compared: a `secure:` value is never read, and an absent key is no claim.
 */
export function staleRecordedOutputs(project: string, recorded: Record<string, unknown>, config: Record<string, unknown>): StaleOutput[] {
  const stale: StaleOutput[] = [];
  const compare = (output: string, declared: unknown, normalise: (s: string) => string = (s) => s) => {
    if (declared === undefined || isRecord(declared) || !(output in recorded)) return;
    const was = recorded[output];
    if (typeof was === "string" || typeof was === "number") {
      if (normalise(String(was)) === normalise(String(declared))) return;
    }
    stale.push({ output, recorded: shown(was), declared: shown(declared) });
  };
  compare("stageName", config[`${project}:stage`]);
  const workspace = config[`${project}:workspace`];
  if (isRecord(workspace)) {
    // The section's mode defaults to adopt (components/workspace/config.ts), so a file without it adopts.
    const mode = workspace.mode ?? "adopt";
    compare("workspaceMode", mode);
    if (mode === "adopt") {
      compare("workspaceId", workspace.id);
      compare("workspaceUrl", workspace.host, withoutTrailingSlash);
    }
  }
  return stale;
}

/** The warning for a stack reference whose recorded outputs are stale, with the command that refreshes them. */
export function staleReferenceWarning(stack: string, stackFile: string, outputsFile: string, stale: StaleOutput[]): string {
  const details = stale.map((s) => `${s.output} is ${s.recorded} there but ${s.declared} in ${stackFile}`).join("; ");
  return (
    `stack reference ${stack}: the recorded outputs in ${outputsFile} are stale (${details}); ` +
    `this plan uses the recorded values. After ${stack.split("/").pop()}'s next \`pulumi up\`, refresh them with ` +
    `\`pulumi stack output --json --stack ${stack} > ${outputsFile}\``
  );
}

/**
 * The warning for `reference` when the project holds the referenced stack's file (`Pulumi.<stack>.yaml`)
 * and its recorded outputs contradict it; undefined when they agree, or when either cannot be read (a
 * missing recorded file already failed the reference; a missing stack file makes no claim).
 */
export function staleReferenceCheck(projectDir: string, project: ProjectFile, reference: ResolvedStackReference): string | undefined {
  const short = reference.stack.split("/").pop() ?? reference.stack;
  const stackFile = defaultStackFile(projectDir, project, short);
  if (!fs.existsSync(stackFile)) return undefined;
  let recorded: unknown;
  let config: Record<string, unknown>;
  try {
    recorded = JSON.parse(fs.readFileSync(reference.file, "utf8"));
    config = readStackFile(stackFile).config;
  } catch {
    return undefined;
  }
  if (!isRecord(recorded)) return undefined;
  const stale = staleRecordedOutputs(project.name, recorded, config);
  return stale.length === 0 ? undefined : staleReferenceWarning(reference.stack, displayPath(stackFile), displayPath(reference.file), stale);
}
