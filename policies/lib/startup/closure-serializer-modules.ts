/**
 * Loading `@pulumi/pulumi` loads TypeScript and npm's Arborist (with pacote, sigstore, tar and the rest of
 * npm's install stack) at once, only for its closure serializer: `serializeFunction` parses functions with
 * TypeScript and `computeCodePaths` walks the package tree with Arborist. Neither the policy pack nor a
 * program that serializes no function ever touches them, yet Arborist alone was a quarter of the pack's
 * start-up (about 150 of 560 ms), and both were half the CPU of loading the SDK in the plan process.
 *
 * `deferClosureSerializerModules` puts a stand-in for each into the module cache before the SDK loads; the
 * stand-in loads the real module on its first use and from then on answers with it, so code that does
 * serialize a function gets the real modules, only later. The pack's entry calls it (so `pulumi preview`
 * starts the pack faster too), and so does the offline plan's process, the stand-in for the language host.
 * It lives in the pack because the pack is self-contained; the plan's tools may import from it.
 */
import Module from "node:module";
import * as path from "node:path";

/** What `@pulumi/pulumi` 3.x loads only for its closure serializer, and how its code imports each. */
const DEFERRED: ReadonlyArray<{ request: string; from: string }> = [
  // `const ts = require("../../typescript-shim")`: plain property reads (runtime/closure/parseFunction.js).
  { request: "./typescript-shim", from: "" },
  // `__importStar(require("@npmcli/arborist"))`, `__importDefault(require("normalize-package-data"))`
  // (runtime/closure/codePaths.js).
  { request: "@npmcli/arborist", from: "runtime/closure" },
  { request: "normalize-package-data", from: "runtime/closure" },
];

/**
 * A module namespace that loads `load()` on first use. It reads as TypeScript's import helpers would wrap
 * a CommonJS module (`__esModule`, `default` = the module), so `__importStar` and `__importDefault` pass
 * it through untouched and every later property read goes to the real module.
 */
export function lazyNamespace(load: () => unknown): object {
  let real: Record<PropertyKey, unknown> | undefined;
  const target = (): Record<PropertyKey, unknown> => (real ??= load() as Record<PropertyKey, unknown>);
  return new Proxy(Object.create(null) as object, {
    get: (_, key) => {
      if (key === "__esModule") return true;
      if (key === "default") return target().__esModule ? target().default : target();
      return target()[key];
    },
    has: (_, key) => key === "__esModule" || key === "default" || key in target(),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(target(), key);
      // A proxy may only report properties its (empty) target lacks as configurable.
      return descriptor && { ...descriptor, configurable: true };
    },
    set: (_, key, value) => Reflect.set(target(), key, value),
  });
}

/**
 * Seeds the module cache with lazy stand-ins for the closure serializer's dependencies of the
 * `@pulumi/pulumi` that `fromDir` resolves. Call before that SDK loads; a module it cannot resolve (another
 * SDK layout) is left alone. Returns the files deferred.
 */
export function deferClosureSerializerModules(fromDir: string): string[] {
  let sdkDir: string;
  try {
    sdkDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [fromDir] }));
  } catch {
    return [];
  }
  const deferred: string[] = [];
  for (const { request, from } of DEFERRED) {
    let file: string;
    try {
      file = request.startsWith(".") ? require.resolve(path.join(sdkDir, from, request)) : require.resolve(request, { paths: [path.join(sdkDir, from)] });
    } catch {
      continue;
    }
    if (require.cache[file]) continue; // already loaded: nothing left to defer
    const stub = new Module(file);
    stub.filename = file;
    stub.loaded = true;
    stub.exports = lazyNamespace(() => {
      delete require.cache[file]; // let the real module take its place
      return require(file);
    });
    require.cache[file] = stub;
    deferred.push(file);
  }
  return deferred;
}
