/** How the pack finds and names the securable of a grant (policies/lib/securables.ts). */
import { canonicalName, describeSecurable, securableKey, securableOf } from "../../policies/lib/securables";

describe("securables", () => {
  test("the securable is the first key holding a name; keys without text are skipped", () => {
    expect(securableOf({ catalog: 7, schema: "prod_mlops.features", principal: "a" })).toEqual({ kind: "schema", name: "prod_mlops.features" });
    expect(securableOf({ mcpService: "tools" })).toEqual({ kind: "mcpService", name: "tools" });
    expect(securableOf({ principal: "a", privileges: ["SELECT"] })).toBeUndefined();
  });

  test("kinds are named in words", () => {
    expect(describeSecurable({ kind: "catalog", name: "prod_mlops" })).toBe("catalog 'prod_mlops'");
    expect(describeSecurable({ kind: "externalLocation", name: "landing" })).toBe("external location 'landing'");
    expect(describeSecurable({ kind: "modelProviderService", name: "p" })).toBe("model provider service 'p'");
    expect(describeSecurable({ kind: "mcpService", name: "tools" })).toBe("MCP service 'tools'");
    expect(describeSecurable(undefined)).toBe("an unnamed securable");
  });

  test("names compare trimmed and without regard to case, per kind", () => {
    expect(canonicalName(" PROD_MLOPS ")).toBe("prod_mlops");
    expect(securableKey({ kind: "catalog", name: " Prod_MLOps" })).toBe("catalog:prod_mlops");
  });
});
