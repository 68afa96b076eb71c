/**
 * The plan process's start-up levers change when modules load and what the runtime's unread debug traces
 * hold, never behaviour: deferred modules answer like the real ones once used, promise traces stay full
 * when PULUMI_DEBUG_PROMISE_LEAKS asks for them.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { lazyNamespace } from "../../policies/lib/startup/closure-serializer-modules";
import { PACK_COMPILE_CACHE_DIR } from "../../tools/plan/compile-cache";
import { packEnvironment } from "../../tools/plan/policy-pack-process";
import { skipUnreadPromiseTraces } from "../../tools/plan/promise-traces";
import { skipUnreadSourcePositions } from "../../tools/plan/source-positions";

const ROOT = path.resolve(__dirname, "..", "..");

describe("lazyNamespace", () => {
  test("loads on the first property read, once, and reads through to the module", () => {
    let loads = 0;
    const real = { parse: (s: string) => s.length, kind: { A: 1 } };
    const ns = lazyNamespace(() => (loads++, real)) as typeof real & { default: unknown; __esModule: boolean };
    expect(loads).toBe(0);
    expect(ns.__esModule).toBe(true); // TypeScript's import helpers pass it through without loading
    expect(loads).toBe(0);
    expect(ns.parse("abc")).toBe(3);
    expect(ns.kind.A).toBe(1);
    expect(ns.default).toBe(real); // what __importDefault / __importStar would give for a CommonJS module
    expect(Object.keys(ns)).toEqual(["parse", "kind"]);
    expect(loads).toBe(1);
  });
});

describe("the plan process with the SDK's closure serializer deferred", () => {
  test("loads neither TypeScript nor Arborist with @pulumi/pulumi, and serializes a function once asked", () => {
    const probe = (...args: string[]) =>
      spawnSync(process.execPath, [path.join(ROOT, "tools/run-ts.js"), path.join(ROOT, "test/support/deferred-modules-probe.ts"), ...args], { cwd: ROOT, encoding: "utf8" });
    probe("--transpile-only");
    const run = probe();
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({
      loadedWithSdk: [],
      serialized: true,
      loadedBySerializing: ["typescript"],
      loadedByCodePaths: ["typescript", "pacote"],
    });
  });
});

describe("the plan's compile cache", () => {
  const probe = (env: NodeJS.ProcessEnv) => {
    const run = spawnSync(process.execPath, [path.join(ROOT, "tools/run-ts.js"), path.join(ROOT, "test/support/compile-cache-probe.ts")], {
      cwd: ROOT,
      encoding: "utf8",
      env,
    });
    expect(run.stderr).toBe("");
    return JSON.parse(run.stdout) as { cacheDir?: string; ownEnvironment: string | null; pack?: string; planDefault: string; packDefault: string };
  };

  test("is on in the plan's folder, and the policy pack the plan launches is given a folder of its own", () => {
    const { NODE_COMPILE_CACHE: _unset, ...env } = process.env;
    const seen = probe(env);
    // Node keeps each version's entries in a subfolder of the one it was given.
    expect(path.dirname(seen.cacheDir!)).toBe(seen.planDefault);
    // Apart: the pack's launcher compiles under another V8 flag, and Node refuses code cached under other flags.
    expect(seen.pack).toBe(seen.packDefault);
    expect(seen.packDefault).not.toBe(seen.planDefault);
    // Given to the pack's environment only: the plan's own stays as the user left it.
    expect(seen.ownEnvironment).toBeNull();
  });

  test("is given to every pack the launcher starts, also from a process that never enabled the plan's cache", () => {
    const { NODE_COMPILE_CACHE: _unset, ...env } = process.env;
    const original = process.env;
    process.env = env;
    try {
      expect(packEnvironment({ packDir: ".", project: "p", stack: "s" }).NODE_COMPILE_CACHE).toBe(PACK_COMPILE_CACHE_DIR);
    } finally {
      process.env = original;
    }
  });

  test("keeps a folder the user exported, for the plan and its pack alike", () => {
    const chosen = fs.mkdtempSync(path.join(os.tmpdir(), "compile-cache-of-the-user-"));
    let seen;
    try {
      seen = probe({ ...process.env, NODE_COMPILE_CACHE: chosen });
    } finally {
      fs.rmSync(chosen, { recursive: true, force: true });
    }
    expect(path.dirname(seen.cacheDir!)).toBe(chosen);
    expect(seen.pack).toBe(chosen);
  });
});

describe("skipUnreadPromiseTraces", () => {
  test("leaves the traces alone when PULUMI_DEBUG_PROMISE_LEAKS asks for them", () => {
    expect(skipUnreadPromiseTraces({ PULUMI_DEBUG_PROMISE_LEAKS: "1" })).toBe(false);
  });

  test("otherwise the runtime's promises carry a trace without frames, and resolve as before", async () => {
    expect(skipUnreadPromiseTraces({})).toBe(true);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { debuggablePromise } = require("@pulumi/pulumi/runtime/debuggable") as {
      debuggablePromise: (p: Promise<number>, ctx: string) => Promise<number>;
    };
    const inner = Promise.resolve(7);
    const limit = Error.stackTraceLimit;
    await expect(debuggablePromise(inner, "ctx")).resolves.toBe(7);
    const trace = (inner as unknown as { _debugStackTrace: string })._debugStackTrace;
    expect(trace).toMatch(/^Error/);
    expect(trace).not.toMatch(/\n\s+at /);
    expect((inner as unknown as { _debugCtx: string })._debugCtx).toBe("ctx");
    expect(Error.stackTraceLimit).toBe(limit);
  });
});

describe("skipUnreadSourcePositions", () => {
  test("the runtime then captures no call stack for a resource's source position", () => {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const pulumi = require("@pulumi/pulumi") as { Resource: { callsites(): unknown[]; stackTrace(skip: number): unknown[] } };
      expect(pulumi.Resource.callsites().length).toBeGreaterThan(0);
      expect(skipUnreadSourcePositions(pulumi)).toBe(true);
      expect(pulumi.Resource.callsites()).toEqual([]);
      // What a resource's constructor sends as its source position and trace.
      expect(pulumi.Resource.stackTrace(4)).toEqual([]);
    });
  });

  test("changes nothing in an SDK of another layout", () => {
    const sdk = { Resource: class {} };
    expect(skipUnreadSourcePositions(sdk)).toBe(false);
    expect(Object.keys(sdk.Resource)).toEqual([]);
  });
});
