/**
 * The pack's per-request conversion lever (policies/lib/startup/shared-struct-conversion.ts) changes how often
 * a request's properties are converted, never what a rule receives: the same values, in objects of its own.
 */
import * as path from "path";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { shareStructConversions, sharingConversions } from "../../policies/lib/startup/shared-struct-conversion";

// The SDK's own function, before any patch (this file's module registry never ran the pack's entry).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdkDeserialize = (require("@pulumi/policy/deserialize") as { deserializeProperties: (s: unknown, p: boolean) => Record<string, unknown> }).deserializeProperties;

/** Pulumi's wire form of a secret (`specialSigKey` and `specialSecretSig` of @pulumi/pulumi/runtime/rpc). */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

function requestStruct(): Struct {
  return Struct.fromJavaScript({
    name: "ml_assets",
    grants: [{ principal: "mlops-data-scientists", privileges: ["SELECT", "USE_SCHEMA"] }],
    password: { [SIG_KEY]: SECRET_SIG, value: "s3cr3t" },
    owner: UNKNOWN,
    nested: { enabled: true, count: 3, none: null },
  });
}

describe("sharingConversions", () => {
  test("converts each Struct once and gives every caller the SDK's result, in objects of its own", () => {
    const struct = requestStruct();
    const conversions = jest.spyOn(struct, "toJavaScript");
    const shared = sharingConversions(sdkDeserialize);
    const expected = sdkDeserialize(requestStruct(), false);

    const first = shared(struct, false);
    const second = shared(struct, false);
    expect(first).toEqual(expected);
    expect(second).toEqual(expected);
    expect(conversions).toHaveBeenCalledTimes(1);
    // What one rule does to its properties is not what the next one gets.
    expect(second).not.toBe(first);
    expect(second.grants).not.toBe(first.grants);
    (first.grants as Array<{ privileges: string[] }>)[0].privileges.push("ALL_PRIVILEGES");
    (first.nested as Record<string, unknown>).enabled = false;
    delete first.name;
    expect(shared(struct, false)).toEqual(expected);
  });

  test("keeps the SDK's secret handling for each caller", () => {
    const struct = requestStruct();
    const shared = sharingConversions(sdkDeserialize);
    expect(shared(struct, true)).toEqual(sdkDeserialize(requestStruct(), true));
    expect(shared(struct, false)).toEqual(sdkDeserialize(requestStruct(), false));
  });

  test("converts another Struct of the same content again", () => {
    const [a, b] = [requestStruct(), requestStruct()];
    const [spyA, spyB] = [jest.spyOn(a, "toJavaScript"), jest.spyOn(b, "toJavaScript")];
    const shared = sharingConversions(sdkDeserialize);
    shared(a, false);
    shared(b, false);
    expect(spyA).toHaveBeenCalledTimes(1);
    expect(spyB).toHaveBeenCalledTimes(1);
  });
});

describe("shareStructConversions", () => {
  test("finds the policy SDK's deserializeProperties where the pack resolves it (notices a changed SDK layout)", () => {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const deserialize = require("@pulumi/policy/deserialize") as { deserializeProperties: unknown };
      const before = deserialize.deserializeProperties;
      expect(shareStructConversions(path.resolve(__dirname, "..", "..", "policies"))).toBe(true);
      expect(deserialize.deserializeProperties).not.toBe(before);
    });
  });
});
