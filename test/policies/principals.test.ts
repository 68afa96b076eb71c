/**
 * How the pack reads principals, privileges and grant entries (policies/lib/principals.ts), and how it names
 * resource types in messages: the spellings the provider accepts must all land on one canonical form.
 */
import {
  canonicalPrincipal,
  isApplicationId,
  normalizePrivilege,
  principalGrantsOf,
  samePrincipal,
} from "../../policies/lib/principals";
import { typeDisplayName } from "../../policies/lib/resource-types";

const SP = "7c9d2e41-8f6a-4b5c-9d0e-1f2a3b4c5d6e";

describe("principals", () => {
  test("an application id is a UUID in any case, spaces around it ignored", () => {
    expect(isApplicationId(SP)).toBe(true);
    expect(isApplicationId(` ${SP.toUpperCase()} `)).toBe(true);
  });

  test("anything longer, shorter or not hexadecimal is no application id", () => {
    for (const principal of [`x${SP}`, `${SP}x`, SP.slice(1), SP.replace("7c9d", "7g9d"), SP.replace(/-/g, ""), "mlops-data-scientists"]) {
      expect([principal, isApplicationId(principal)]).toEqual([principal, false]);
    }
  });

  test("principals compare trimmed and without regard to case", () => {
    expect(canonicalPrincipal("  Ana@Example.com ")).toBe("ana@example.com");
    expect(samePrincipal(" Data-Scientists", "data-scientists ")).toBe(true);
    expect(samePrincipal("data-scientists", "data-engineers")).toBe(false);
  });

  test("privileges are upper case with one underscore between words, however they were spelled", () => {
    expect(normalizePrivilege(" all privileges ")).toBe("ALL_PRIVILEGES");
    expect(normalizePrivilege("use-catalog")).toBe("USE_CATALOG");
    expect(normalizePrivilege("create  _- table")).toBe("CREATE_TABLE");
  });
});

describe("principalGrantsOf", () => {
  test("reads every entry of a Grants resource, keeping only string privileges", () => {
    expect(principalGrantsOf({ grants: [{ principal: "a", privileges: ["SELECT", 3, null] }, { principal: "b", privileges: "SELECT" }] })).toEqual([
      { principal: "a", privileges: ["SELECT"] },
      { principal: "b", privileges: [] },
    ]);
  });

  test("reads a single Grant from its own inputs", () => {
    expect(principalGrantsOf({ schema: "s", principal: "a", privileges: ["MODIFY"] })).toEqual([{ principal: "a", privileges: ["MODIFY"] }]);
  });

  test("skips entries that are no objects or name no principal", () => {
    expect(principalGrantsOf({ grants: [null, undefined, "a", 3, { privileges: ["SELECT"] }, { principal: 7, privileges: [] }] })).toStrictEqual([]);
    expect(principalGrantsOf({ grants: [null, { principal: "b", privileges: ["SELECT"] }] })).toStrictEqual([{ principal: "b", privileges: ["SELECT"] }]);
    expect(principalGrantsOf({ catalog: "c" })).toStrictEqual([]);
  });
});

test("typeDisplayName is the class name of a type token, or the token when it has none", () => {
  expect(typeDisplayName("databricks:index/catalog:Catalog")).toBe("Catalog");
  expect(typeDisplayName("pulumi:providers:databricks")).toBe("databricks");
  expect(typeDisplayName("databricks:index/catalog:")).toBe("databricks:index/catalog:");
  expect(typeDisplayName("Catalog")).toBe("Catalog");
});
