/** data-restrict-egress: every path out of (or into) the stage is one the policy config names (issue 19, point 2). */
import { DEFAULT_EGRESS_CONFIG, EGRESS_TYPES, dataRestrictEgress, findEgress, underLocation } from "../../policies/rules/data-restrict-egress";
import { invokeRule } from "./invoke-rule";

const d = (module: string, className: string) => `databricks:index/${module}:${className}`;
const BUCKET = "s3://prod-mlops-catalog-123456789012/";
const config = { ...DEFAULT_EGRESS_CONFIG, storageLocations: [BUCKET] };
const named = {
  ...config,
  shares: ["partner-features"],
  recipients: ["partner"],
  providers: ["vendor"],
  connections: ["crm"],
  serviceCredentials: ["dynamo-writer"],
};

describe("data-restrict-egress: storage paths", () => {
  test("the stage's own paths pass: the location, a root under it, any case of the scheme, s3a", () => {
    expect(findEgress(d("externalLocation", "ExternalLocation"), "l", { url: BUCKET }, config)).toEqual([]);
    expect(findEgress(d("catalog", "Catalog"), "c", { storageRoot: "S3://prod-mlops-catalog-123456789012/managed" }, config)).toEqual([]);
    expect(findEgress(d("volume", "Volume"), "v", { storageLocation: "s3a://prod-mlops-catalog-123456789012/vol" }, config)).toEqual([]);
    expect(findEgress(d("schema", "Schema"), "s", {}, config)).toEqual([]);
    expect(underLocation("s3://prod-mlops-catalog-123456789012", [BUCKET])).toBe(true);
  });

  test.each([
    [d("externalLocation", "ExternalLocation"), "url", "s3://someone-else/"],
    [d("externalLocation", "ExternalLocation"), "url", "s3://prod-mlops-catalog-123456789012-copy/"],
    [d("catalog", "Catalog"), "storageRoot", "s3://other/managed"],
    [d("schema", "Schema"), "storageRoot", "s3://other/schema"],
    [d("volume", "Volume"), "storageLocation", "s3://other/vol"],
    [d("sqlTable", "SqlTable"), "storageLocation", "s3://other/table"],
    [d("share", "Share"), "storageRoot", "s3://other/share"],
    [d("pipeline", "Pipeline"), "storage", "s3://other/pipeline"],
  ])("%s with %s %s outside the stage's locations is refused", (type, field, url) => {
    const props = { name: "partner-features", [field]: url };
    expect(findEgress(type, "x", props, named)).toEqual([
      `${type.split(":").pop()} 'x' keeps data at "${url}" (${field}), outside the stage's storage locations (storageLocations in this stage's policy config: '${BUCKET}'); ` +
        "data written there leaves the stage's bucket and its key.",
    ]);
  });

  test("a path that is not text is refused; with no locations configured, every path is", () => {
    expect(findEgress(d("externalLocation", "ExternalLocation"), "x", { url: 3 }, config)).toHaveLength(1);
    expect(findEgress(d("externalLocation", "ExternalLocation"), "x", { url: BUCKET }, DEFAULT_EGRESS_CONFIG)[0]).toContain("storageLocations in this stage's policy config: none");
  });
});

describe("data-restrict-egress: sharing, connections, service credentials", () => {
  test("named paths pass", () => {
    expect(findEgress(d("share", "Share"), "s", { name: "Partner-Features" }, named)).toEqual([]);
    expect(findEgress(d("recipient", "Recipient"), "r", { name: "partner" }, named)).toEqual([]);
    expect(findEgress(d("metastoreProvider", "MetastoreProvider"), "p", { name: "vendor" }, named)).toEqual([]);
    expect(findEgress(d("connection", "Connection"), "c", { name: "crm" }, named)).toEqual([]);
    expect(findEgress(d("credential", "Credential"), "c", { name: "dynamo-writer", purpose: "SERVICE" }, named)).toEqual([]);
    expect(findEgress(d("credential", "Credential"), "c", { name: "anything", purpose: "storage" }, config)).toEqual([]);
    expect(findEgress(d("catalog", "Catalog"), "c", { connectionName: "crm", providerName: "vendor" }, named)).toEqual([]);
  });

  test.each([
    [d("share", "Share"), { name: "features" }, "Share 's' shares the stage's tables through Delta Sharing, but this stage's policy config names no share 'features' (shares: none)."],
    [d("recipient", "Recipient"), { name: "mlops-data-scientists" }, "Recipient 's' lets 'mlops-data-scientists' receive shares from outside the stage's workspaces, but this stage's policy config does not name it (recipients: none)."],
    [d("metastoreProvider", "MetastoreProvider"), { name: "vendor" }, "MetastoreProvider 's' brings shares of 'vendor' into the metastore, but this stage's policy config does not name it (providers: none)."],
    [d("connection", "Connection"), {}, "Connection 's' connects the stage to an outside system, but this stage's policy config does not name the connection 's' (connections: none)."],
    [
      d("credential", "Credential"),
      { name: "svc", purpose: "SERVICE" },
      "Credential 's' gives code a role to call cloud services (purpose SERVICE), a path out past Unity Catalog's storage paths, but this stage's policy config does not name it (serviceCredentials: none).",
    ],
    [d("catalog", "Catalog"), { connectionName: "crm" }, "Catalog 's' mounts a foreign catalog through the connection 'crm', which this stage's policy config does not name (connections: none)."],
    [d("catalog", "Catalog"), { providerName: "vendor", shareName: "x" }, "Catalog 's' mounts a share of the provider 'vendor', which this stage's policy config does not name (providers: none)."],
  ])("%s %j is refused", (type, props, message) => {
    expect(findEgress(type, "s", props, DEFAULT_EGRESS_CONFIG)).toEqual([message]);
  });

  test("the registered rule judges every egress type with the schema's defaults", () => {
    for (const type of EGRESS_TYPES) expect(invokeRule(dataRestrictEgress, { type, name: "x", props: { name: "x", url: "s3://o/", storageRoot: "s3://o/", storageLocation: "s3://o/", storage: "s3://o/" } }, {}).violations.length).toBeGreaterThan(0);
    expect(invokeRule(dataRestrictEgress, { type: d("catalog", "Catalog"), name: "c", props: { storageRoot: `${BUCKET}managed` } }, { storageLocations: [BUCKET] })).toEqual({ violations: [] });
  });
});
