import { findCustomerManagedKeyGaps } from "../../policies/rules/workspace-require-customer-managed-keys";

const both = { storageCustomerManagedKeyId: "cmk-storage", managedServicesCustomerManagedKeyId: "cmk-managed" };
const STORAGE =
  "Workspace 'w' does not set storageCustomerManagedKeyId; register a customer-managed key for workspace storage (root bucket, cluster volumes) (MwsCustomerManagedKeys) and set it.";
const MANAGED =
  "Workspace 'w' does not set managedServicesCustomerManagedKeyId; register a customer-managed key for managed services (notebooks, secrets, queries) (MwsCustomerManagedKeys) and set it.";

describe("workspace-require-customer-managed-keys", () => {
  test("a workspace with both keys passes", () => {
    expect(findCustomerManagedKeyGaps("w", both)).toEqual([]);
  });

  test("each missing or empty key is reported", () => {
    expect(findCustomerManagedKeyGaps("w", { ...both, storageCustomerManagedKeyId: undefined })).toEqual([STORAGE]);
    expect(findCustomerManagedKeyGaps("w", { ...both, managedServicesCustomerManagedKeyId: "" })).toEqual([MANAGED]);
    expect(findCustomerManagedKeyGaps("w", {})).toEqual([STORAGE, MANAGED]);
  });

  test("the deprecated single customerManagedKeyId does not count", () => {
    expect(findCustomerManagedKeyGaps("w", { customerManagedKeyId: "cmk" })).toEqual([STORAGE, MANAGED]);
  });
});
