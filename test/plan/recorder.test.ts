import * as resproto from "@pulumi/pulumi/proto/resource_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import { policyViewOf, toPlannedStep } from "../../tools/plan/recorder";
import { engineValue, plainValue, secretLeaves, SECRET_MARKER, UNKNOWN_MARKER, UNKNOWN_VALUE } from "../../tools/plan/property-values";

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const parent = "urn:pulumi:prod::p::p:index:Stage::s";
const catalogUrn = "urn:pulumi:prod::p::p:index:Stage$databricks:index/catalog:Catalog::c";

/** A registration as the SDK builds it for the engine. */
function request(): resproto.RegisterResourceRequest {
  const req = new resproto.RegisterResourceRequest();
  req.setType("databricks:index/grants:Grants");
  req.setName("prod-grants");
  req.setParent(parent);
  req.setCustom(true);
  req.setProtect(true);
  req.setRetainondelete(true);
  req.setProvider("urn:pulumi:prod::p::pulumi:providers:databricks::ws::ws-id");
  req.setDependenciesList([catalogUrn, catalogUrn]);
  req.getPropertydependenciesMap().set("catalog", new resproto.RegisterResourceRequest.PropertyDependencies().setUrnsList([catalogUrn]));
  const timeouts = new resproto.RegisterResourceRequest.CustomTimeouts();
  timeouts.setCreate("45m");
  req.setCustomtimeouts(timeouts);
  req.setObject(
    structproto.Struct.fromJavaScript({
      catalog: "prod_ml",
      token: { [SIG]: "1b47061264138c4ac30d75fd1eb44270", value: "s3cr3t" },
      later: UNKNOWN_VALUE,
      grants: [{ principal: "ds", privileges: ["SELECT"] }],
    }),
  );
  return req;
}

describe("toPlannedStep", () => {
  test("reads every field the engine receives", () => {
    expect(toPlannedStep(request(), "urn:x")).toEqual({
      op: "create",
      urn: "urn:x",
      type: "databricks:index/grants:Grants",
      name: "prod-grants",
      parent,
      dependencies: [catalogUrn],
      propertyDependencies: { catalog: [catalogUrn] },
      protect: true,
      retainOnDelete: true,
      provider: "urn:pulumi:prod::p::pulumi:providers:databricks::ws::ws-id",
      custom: true,
      customTimeouts: { create: "45m" },
      inputs: {
        catalog: "prod_ml",
        token: "[secret]",
        later: "[unknown]",
        grants: [{ principal: "ds", privileges: ["SELECT"] }],
      },
    });
  });

  test("unset options read as false and no custom timeouts", () => {
    const req = new resproto.RegisterResourceRequest();
    req.setType("p:index:Comp");
    req.setName("c");
    const step = toPlannedStep(req, "urn:y");
    expect(step).toMatchObject({ protect: false, retainOnDelete: false, custom: false, provider: "", inputs: {} });
    expect(step.customTimeouts).toBeUndefined();
  });
});

describe("plainValue", () => {
  test("secrets never show their value, nested or not", () => {
    const secret = { [SIG]: "1b47061264138c4ac30d75fd1eb44270", value: "pw" };
    expect(plainValue({ a: [secret], b: { c: secret } })).toEqual({ a: [SECRET_MARKER], b: { c: SECRET_MARKER } });
    expect(JSON.stringify(plainValue({ a: [secret] }))).not.toContain("pw");
  });

  test("unknowns, resource references and output values", () => {
    expect(plainValue(UNKNOWN_VALUE)).toBe(UNKNOWN_MARKER);
    expect(plainValue({ [SIG]: "5cf8f73096256a8f31e491e813e4eb8e", urn: "urn:r", id: "i" })).toBe("urn:r");
    expect(plainValue({ [SIG]: "d0e6a833031e9bbcd3f4e8bde6ca49a4", value: 3 })).toBe(3);
    expect(plainValue({ [SIG]: "d0e6a833031e9bbcd3f4e8bde6ca49a4" })).toBe(UNKNOWN_MARKER);
    expect(plainValue({ [SIG]: "d0e6a833031e9bbcd3f4e8bde6ca49a4", value: "x", secret: true })).toBe(SECRET_MARKER);
  });
});

describe("policyViewOf: the inputs the engine hands the policy pack", () => {
  test("secrets keep their real value inside the engine's secret wrapper; their values are listed for blinding", () => {
    expect(policyViewOf(request())).toEqual({
      engineInputs: {
        catalog: "prod_ml",
        token: { [SIG]: SECRET_SIG, value: "s3cr3t" },
        later: UNKNOWN_VALUE,
        grants: [{ principal: "ds", privileges: ["SELECT"] }],
      },
      secrets: ["s3cr3t"],
    });
  });
});

describe("engineValue: as analyzer_plugin.go marshals (KeepSecrets, KeepUnknowns, no resources or output values)", () => {
  test("a secret list stays one secret holding the real list, nested secrets included", () => {
    const grants = [{ principal: "ana", privileges: ["MODIFY", { [SIG]: SECRET_SIG, value: "SELECT" }] }];
    expect(engineValue({ [SIG]: SECRET_SIG, value: grants })).toEqual({
      [SIG]: SECRET_SIG,
      value: [{ principal: "ana", privileges: ["MODIFY", { [SIG]: SECRET_SIG, value: "SELECT" }] }],
    });
  });

  test("resource references become their id, or their URN while the id is unknown", () => {
    expect(engineValue({ [SIG]: RESOURCE_SIG, urn: "urn:r", id: "cat-id" })).toBe("cat-id");
    expect(engineValue({ [SIG]: RESOURCE_SIG, urn: "urn:r", id: "" })).toBe("urn:r");
    expect(engineValue({ [SIG]: RESOURCE_SIG, urn: "urn:r" })).toBe("urn:r");
  });

  test("output values become their element: secret-wrapped when secret, the unknown sentinel when unknown", () => {
    expect(engineValue({ [SIG]: OUTPUT_SIG, value: 3 })).toBe(3);
    expect(engineValue({ [SIG]: OUTPUT_SIG, value: "x", secret: true })).toEqual({ [SIG]: SECRET_SIG, value: "x" });
    expect(engineValue({ [SIG]: OUTPUT_SIG })).toBe(UNKNOWN_VALUE);
    expect(engineValue({ [SIG]: OUTPUT_SIG, secret: true })).toEqual({ [SIG]: SECRET_SIG, value: UNKNOWN_VALUE });
  });
});

describe("secretLeaves", () => {
  test("every string and number inside a secret, nowhere else", () => {
    const wire = {
      open: "visible",
      grants: { [SIG]: SECRET_SIG, value: [{ principal: "ana", privileges: ["MODIFY"], n: 42, ok: true }] },
      out: { [SIG]: OUTPUT_SIG, value: { key: "k3y" }, secret: true },
      later: { [SIG]: SECRET_SIG, value: UNKNOWN_VALUE },
      ref: { [SIG]: SECRET_SIG, value: { [SIG]: RESOURCE_SIG, urn: "urn:hidden" } },
    };
    expect(secretLeaves(wire)).toEqual(["ana", "MODIFY", "42", "k3y", "urn:hidden"]);
  });
});
