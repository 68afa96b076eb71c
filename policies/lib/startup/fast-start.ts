/**
 * Imported first by the pack's entry, before the policy SDK loads the Pulumi SDK: turns on the compile
 * cache and defers the SDK's closure-serializer modules, which the pack never uses. Neither changes what the
 * pack does, only how long it takes to print its port. Then lets the policy SDK convert each request's
 * properties once rather than once per rule (shared-struct-conversion.ts), which changes only how long each
 * call takes.
 */
import * as path from "node:path";
import { deferClosureSerializerModules } from "./closure-serializer-modules";
import { enablePackCompileCache } from "./compile-cache";
import { shareStructConversions } from "./shared-struct-conversion";

enablePackCompileCache();
// The Pulumi SDK that matters is the one the policy SDK loads, wherever the install put it.
const policySdkDir = path.dirname(require.resolve("@pulumi/policy/package.json"));
deferClosureSerializerModules(policySdkDir);
shareStructConversions(policySdkDir);
