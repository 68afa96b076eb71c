import { findMetastoreMismatch } from "../../policies/rules/workspace-require-shared-metastore";

const SHARED = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b";

describe("workspace-require-shared-metastore", () => {
  test("an assignment to the shared metastore passes, whatever the case of the id", () => {
    expect(findMetastoreMismatch("a", SHARED, { metastoreId: SHARED })).toEqual([]);
    expect(findMetastoreMismatch("a", SHARED.toUpperCase(), { metastoreId: SHARED })).toEqual([]);
  });

  test("an assignment to another metastore is refused", () => {
    expect(findMetastoreMismatch("prod-mlops-metastore-assignment", "11111111-2222-4333-8444-555555555555", { metastoreId: SHARED })).toEqual([
      `Metastore assignment 'prod-mlops-metastore-assignment' assigns the workspace to metastore "11111111-2222-4333-8444-555555555555", but every stage shares metastore '${SHARED}' (metastoreId in this stage's policy config); dev can only see the prod catalog through the same metastore.`,
    ]);
  });

  test("without a configured metastore nothing is accepted (fail closed)", () => {
    expect(findMetastoreMismatch("a", SHARED, {})).toEqual([
      "Metastore assignment 'a' cannot be accepted: this stage's policy config names no metastoreId, so no metastore is trusted.",
    ]);
  });
});

describe("workspace-require-shared-metastore, the id as written", () => {
  test("spaces around the id are ignored; an id that is no text is refused", () => {
    expect(findMetastoreMismatch("m", ` ${SHARED} `, { metastoreId: SHARED })).toEqual([]);
    expect(findMetastoreMismatch("m", 42, { metastoreId: SHARED })[0]).toContain("assigns the workspace to metastore 42, but");
  });
});
