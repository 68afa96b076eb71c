/**
 * storage-require-isolation: isolated storage credentials and external locations pass; an open or unset isolation
 * mode, and an external location's fallback to cluster credentials, are refused.
 */
import { storageRequireIsolation } from "../../policies/rules/storage-require-isolation";
import { invokeRule } from "./invoke-rule";

const CREDENTIAL = "databricks:index/storageCredential:StorageCredential";
const LOCATION = "databricks:index/externalLocation:ExternalLocation";
const check = (type: string, props: Record<string, unknown>) => invokeRule(storageRequireIsolation, { type, name: "prod-mlops-data", props }).violations;
const OPEN = "so every workspace on the shared metastore, other stages' included, may use it; set isolationMode: \"ISOLATION_MODE_ISOLATED\".";

describe("storage-require-isolation", () => {
  test("an isolated credential and location pass", () => {
    expect(check(CREDENTIAL, { isolationMode: "ISOLATION_MODE_ISOLATED", awsIamRole: { roleArn: "arn" } })).toEqual([]);
    expect(check(LOCATION, { isolationMode: "ISOLATION_MODE_ISOLATED", url: "s3://prod-mlops-data", credentialName: "c", fallback: false })).toEqual([]);
  });

  test("an open credential, or one that leaves the mode to the API's default, is refused", () => {
    expect(check(CREDENTIAL, { isolationMode: "ISOLATION_MODE_OPEN" })).toEqual([`StorageCredential 'prod-mlops-data' sets isolationMode "ISOLATION_MODE_OPEN", ${OPEN}`]);
    expect(check(LOCATION, { url: "s3://x" })).toEqual([`ExternalLocation 'prod-mlops-data' sets no isolationMode (the API's default is ISOLATION_MODE_OPEN), ${OPEN}`]);
  });

  test("an external location that falls back to cluster credentials is refused", () => {
    expect(check(LOCATION, { isolationMode: "ISOLATION_MODE_ISOLATED", fallback: true })).toEqual([
      "ExternalLocation 'prod-mlops-data' sets fallback: true, so access falls back to the cluster's own credentials where Unity Catalog's grants do not allow it; remove fallback.",
    ]);
  });

  test("other types are not the rule's", () => {
    expect(invokeRule(storageRequireIsolation, { type: "databricks:index/catalog:Catalog" }).notApplicable).toBeDefined();
  });
});
