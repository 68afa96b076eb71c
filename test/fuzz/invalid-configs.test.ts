/**
 * Properties of refused stack configs: a valid generated config broken in one known place (see
 * invalid-stage-configs.ts) is refused as users see it, naming the broken key, without a stack trace,
 * and the program registers nothing. Run counts: fuzz-settings.ts; a failure prints the seed to replay.
 */
import fc from "fast-check";
import { StageConfigError } from "../../stack";
import { type InvalidCase, invalidStageConfig } from "./invalid-stage-configs";
import { refusalOf, refusalProblem, runtimeConfigOf } from "./refusal";
import { loadEntry } from "./program-entry";
import { REPLAYING, runs } from "./fuzz-settings";
import { patternOf } from "./schema-sites";
import { validStageConfig } from "./valid-stage-configs";

/** A stack name that is not the stage, so the refusal must print the stack's own name. */
const STACK = "fuzz-stack";

/** Sections (top-level keys, and nested blocks of ML projects) every run of the property must have broken. */
const SECTIONS = [
  "stage",
  "mlProject",
  "workspace",
  "workspace.aws",
  "workspace.aws.privateLink",
  "groups",
  "servicePrincipal",
  "devAccess",
  "unityCatalog",
  "unityCatalog.extraSchemas",
  "unityCatalog.extraGrants",
  "identities",
  "mlProjects",
  "mlProjects[*].repository",
  "mlProjects[*].code",
  "mlProjects[*].model",
  "mlProjects[*].notifications",
  "mlProjects[*].schedules",
  "mlProjects[*].retraining",
  "mlProjects[*].compute",
  "mlProjects[*].training",
  "mlProjects[*].integrationTest",
  "mlProjects[*].serving",
  "mlProjects[*].monitoring",
  "mlProjects[*].alerts",
  "mlProjects[*].onlineStore",
  "notificationSecrets",
];
const KINDS = ["wrongType", "missing", "unknownKey", "badEnum", "malformed", "crossField", "plainSecret"];

describe("stack config properties", () => {
  it("accepts every generated valid config", () => {
    fc.assert(
      fc.property(validStageConfig(), (config) => {
        expect(refusalOf(config, STACK)).toBeUndefined();
      }),
      runs(200, 2000),
    );
  });

  it("refuses every config broken in one place, naming the key, without a stack trace", () => {
    const broken = new Set<string>();
    fc.assert(
      fc.property(invalidStageConfig(), (invalid: InvalidCase) => {
        const problem = refusalProblem(refusalOf(invalid, STACK), STACK, invalid);
        if (problem !== undefined) throw new Error(`${invalid.kind} at ${patternOf(invalid.key)}: ${problem}`);
        broken.add(invalid.kind.split(":")[0]);
        const pattern = patternOf(invalid.key);
        for (const section of SECTIONS) if (pattern === section || pattern.startsWith(`${section}.`) || pattern.startsWith(`${section}[`)) broken.add(section);
      }),
      runs(1000, 10000),
    );
    // The generators reach every kind of break and every section; a section they stop reaching fails here
    // (not when one recorded case is replayed).
    if (!REPLAYING) expect([...KINDS, ...SECTIONS].filter((what) => !broken.has(what))).toEqual([]);
  });

  // Through the real entry under the mock runtime: a run costs a few milliseconds more than the
  // in-process refusal above (the same code path; this proves the program stops on it before declaring
  // anything), so the suite samples 50 and `npm run fuzz` runs 10,000.
  it("the program refuses a broken config before registering any resource", async () => {
    await fc.assert(
      fc.asyncProperty(invalidStageConfig(), async (invalid: InvalidCase) => {
        const runtime = runtimeConfigOf(invalid, STACK);
        const run = await loadEntry(runtime.config, runtime.secretKeys, STACK);
        expect(run.error).toBeInstanceOf(StageConfigError);
        expect((run.error as Error).message).toBe((refusalOf(invalid, STACK) as Error).message);
        expect(run.recording.steps).toEqual([]);
      }),
      runs(50, 10000),
    );
  });
});
