/**
 * The checks of the multi-language `OnlineStore` facade's args, in process: one failing case per way to break each
 * field, reported under the facade's own paths (`store.…`). test/package/component-provider.test.ts runs them
 * through the launched plugin.
 */
import * as pulumi from "@pulumi/pulumi";
import { type OnlineStoreArgs, checkOnlineStoreArgs } from "../../provider/online-store";

const VALID: OnlineStoreArgs = {
  stage: "prod",
  project: "churn",
  store: { keyColumn: { name: "customer_id", type: "N" }, ttlAttribute: "expires_at", publisherRoleName: "churn-batch-inference", pointInTimeRecovery: true },
  protectData: true,
};

function problems(args: OnlineStoreArgs): string[] {
  const found: string[] = [];
  checkOnlineStoreArgs(args, (path, reason) => found.push(`${path.join(".")}: ${reason}`));
  return found;
}

describe("the OnlineStore facade's args", () => {
  it("accepts a complete block and the bare minimum", () => {
    expect(problems(VALID)).toEqual([]);
    expect(problems({ stage: "dev", project: "churn", store: { keyColumn: { name: "id" }, publisherRoleName: "r" } })).toEqual([]);
  });

  it("refuses a stage outside dev, staging and prod, an empty project, a protectData that is no boolean", () => {
    expect(problems({ ...VALID, stage: "qa", project: "", protectData: "yes" as unknown as boolean })).toEqual([
      "stage: one of dev, staging, prod",
      "project: a non-empty string is required",
      "protectData: true or false",
    ]);
  });

  it("refuses a value another resource has not produced yet", () => {
    expect(problems({ ...VALID, project: pulumi.output("churn") as unknown as string })).toEqual(["project: must be known when the program runs: a plain value, not another resource's output"]);
  });

  it("checks the store block with the stack file's schema: key type, names, the role, unknown keys", () => {
    const store = { keyColumn: { name: "customer id", type: "B" }, publisherRoleName: "role/with/slashes", colour: "blue" } as unknown as OnlineStoreArgs["store"];
    const found = problems({ ...VALID, store });
    expect(found).toEqual(
      expect.arrayContaining([
        "store.keyColumn.name: an attribute name: letters, digits, '_', '-' and '.', at most 255 characters",
        "store.keyColumn.type: one of S, N (string or number)",
        "store.publisherRoleName: the name of an existing IAM role: letters, digits and +=,.@_-, at most 64 characters",
        expect.stringMatching(/^store: unknown key; allowed keys: keyColumn, /),
      ]),
    );
    expect(problems({ ...VALID, store: undefined as unknown as OnlineStoreArgs["store"] })).toEqual([expect.stringMatching(/^store: /)]);
  });

  it("checks the store block with the stack file's rules: backups on prod, a TTL attribute apart from the key", () => {
    expect(problems({ ...VALID, store: { ...VALID.store, pointInTimeRecovery: false, ttlAttribute: "customer_id" } })).toEqual([
      "store.pointInTimeRecovery: must be true on prod: published predictions are restored from backups, not recomputed under load",
      'store.ttlAttribute: must differ from keyColumn.name ("customer_id"): the key never expires',
    ]);
    expect(problems({ ...VALID, stage: "dev", store: { ...VALID.store, pointInTimeRecovery: false } })).toEqual([]);
  });
});
