import * as resproto from "@pulumi/pulumi/proto/resource_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import { toPlannedStep } from "../../tools/plan/recorder";
import { plainValue, SECRET_MARKER, UNKNOWN_MARKER, UNKNOWN_VALUE } from "../../tools/plan/property-values";

const SIG = "4dabf18193072939515e22adb298388d";
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
