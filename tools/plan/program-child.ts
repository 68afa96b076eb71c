/**
 * The program's process of the offline plan: the stand-in for Pulumi's language host. It reads its job
 * (program-process.ts `ProgramJob`) from stdin, installs the mock runtime, runs the program and sends
 * every registration, then a `finished` message, over the channel on fd 3 (program-channel.ts). It
 * decides nothing: the judging process validates what arrives, judges it and exits; whatever the program
 * does to this process (exit early, exit 0, write to the channel, fork) is the judging process's to notice.
 *
 * This process then ends when its event loop drains, as a language host does, so a registration the
 * program makes after it returned still arrives, after `finished`, and is refused there.
 */
// First, so that the SDKs load from the program processes' compile cache when warm.
import * as nodeModule from "node:module";
import * as net from "node:net";
import * as path from "node:path";
import { PROGRAM_COMPILE_CACHE_DIR } from "./compile-cache";
import { channelLine, type ChannelMessage, type ProgramFailure } from "./program-channel";
import type { ProgramJob } from "./program-process";

try {
  if (!process.env.NODE_COMPILE_CACHE) nodeModule.enableCompileCache?.(PROGRAM_COMPILE_CACHE_DIR);
} catch {
  // A read-only tree still runs, without the cache.
}

/** The channel to the judging process: fd 3, opened before any code of the program loads. */
const channel = new net.Socket({ fd: 3, readable: false, writable: true });
// Pending writes keep the process alive; an idle channel must not, or the process would never end.
channel.unref();
const send = (message: ChannelMessage) => channel.write(channelLine(message));

/**
 * The tool's own `@pulumi/pulumi` is the program's: the runtime's state (mocks, config, the monitor) lives
 * in module variables, so the mocks must be installed in the copy the program loads, which is the one of
 * its own project when the plan tool comes from another checkout.
 */
function useProgramsSdk(projectDir: string): void {
  const toolDir = path.resolve(__dirname, "..", "..");
  const Module = nodeModule.Module as unknown as { _resolveFilename: (request: string, parent: { filename?: string } | undefined, ...rest: unknown[]) => string };
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, parent, ...rest) {
    if ((request === "@pulumi/pulumi" || request.startsWith("@pulumi/pulumi/")) && parent?.filename?.startsWith(toolDir + path.sep) && !parent.filename.includes(`${path.sep}node_modules${path.sep}`)) {
      try {
        return require.resolve(request, { paths: [projectDir] });
      } catch {
        // The project has none of its own: the tool's copy, as below.
      }
    }
    return resolve.call(this, request, parent, ...rest);
  };
}

function failureOf(err: unknown, stageConfigError: boolean): ProgramFailure {
  const e = err instanceof Error ? err : new Error(String(err));
  return { message: e.message, stack: e.stack ?? e.message, stageConfigError };
}

async function run(job: ProgramJob): Promise<void> {
  useProgramsSdk(job.projectDir);
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { deferClosureSerializerModules } = require("../../policies/lib/startup/closure-serializer-modules") as typeof import("../../policies/lib/startup/closure-serializer-modules");
  deferClosureSerializerModules(job.projectDir);
  const { installMockRuntime } = require("./mock-runtime") as typeof import("./mock-runtime");
  const { runProgram } = require("./run-program") as typeof import("./run-program");
  const { isStageConfigError } = require("./stage-config-error") as typeof import("./stage-config-error");
  /* eslint-enable @typescript-eslint/no-require-imports */
  const recording = installMockRuntime({
    project: job.project,
    stack: job.stack,
    config: job.config,
    secretKeys: job.secretKeys,
    onRegister: (step, engineInputs, secrets) => send({ kind: "register", step, engineInputs, secrets }),
  });
  const outcome = await runProgram(job.entry);
  send({
    kind: "finished",
    diagnostics: outcome.diagnostics,
    error: outcome.error === undefined ? undefined : failureOf(outcome.error, isStageConfigError(outcome.error)),
    invokes: recording.invokes,
    stackReferences: recording.stackReferences,
    stackReferenceErrors: recording.stackReferenceErrors.map((e) => e.message),
  });
  // A failed program is reported as it stands; nothing it still has pending matters.
  if (outcome.error !== undefined) channel.end(() => process.exit(0));
}

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk: string) => (input += chunk));
process.stdin.on("end", () => {
  run(JSON.parse(input) as ProgramJob).catch((err: unknown) => {
    // The plan's own code failed here (not the program's, which runProgram returns): say so and stop.
    process.stderr.write(`internal error in the program's process: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(70);
  });
});
