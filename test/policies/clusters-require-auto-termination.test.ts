import { clustersRequireAutoTermination, findAutoTerminationGap, findWarehouseAutoStopGap } from "../../policies/rules/clusters-require-auto-termination";
import { invokeRule } from "./invoke-rule";

const config = { maxIdleMinutes: 120 };

describe("clusters-require-auto-termination", () => {
  test("a cluster that stops after 10 to 120 idle minutes passes", () => {
    expect(findAutoTerminationGap("c", 10, config)).toEqual([]);
    expect(findAutoTerminationGap("c", 120, config)).toEqual([]);
  });

  test("unset and disabled auto-termination are reported", () => {
    expect(findAutoTerminationGap("c", undefined, config)).toEqual(["Cluster 'c' does not set autoterminationMinutes; set it between 10 and 120."]);
    expect(findAutoTerminationGap("c", 0, config)).toEqual([
      "Cluster 'c' sets autoterminationMinutes 0, which disables auto-termination; set it between 10 and 120.",
    ]);
  });

  test("too short (the API's minimum is 10) and too long are reported", () => {
    expect(findAutoTerminationGap("c", 5, config)).toEqual(["Cluster 'c' sets autoterminationMinutes 5; set it between 10 and 120."]);
    expect(findAutoTerminationGap("c", 600, config)).toEqual(["Cluster 'c' sets autoterminationMinutes 600; set it between 10 and 120."]);
    expect(findAutoTerminationGap("c", 600, { maxIdleMinutes: 720 })).toEqual([]);
  });
});

describe("clusters-require-auto-termination, edge values", () => {
  const config = { maxIdleMinutes: 120 };

  test("null is unset, and a number given as text is refused", () => {
    expect(findAutoTerminationGap("c", null, config)).toEqual(["Cluster 'c' does not set autoterminationMinutes; set it between 10 and 120."]);
    expect(findAutoTerminationGap("c", "30", config)).toEqual(['Cluster \'c\' sets autoterminationMinutes "30"; set it between 10 and 120.']);
  });
});

describe("clusters-require-auto-termination: SQL warehouses", () => {
  const WAREHOUSE = "databricks:index/sqlEndpoint:SqlEndpoint";
  const judge = (props: Record<string, unknown>) => invokeRule(clustersRequireAutoTermination, { type: WAREHOUSE, name: "prod-wh", props: { name: "prod-monitoring", ...props } }, { maxIdleMinutes: 120 }).violations;

  test("a warehouse that stops within the bound passes, the provider's default of 120 minutes included", () => {
    expect(judge({ autoStopMins: 10 })).toEqual([]);
    expect(judge({})).toEqual([]);
    expect(findWarehouseAutoStopGap("w", 1, { maxIdleMinutes: 120 })).toEqual([]);
  });

  test("auto-stop off, too long, or a default longer than a stricter bound is refused", () => {
    expect(judge({ autoStopMins: 0 })).toEqual(["SQL warehouse 'prod-monitoring' sets autoStopMins 0, which disables auto-stop; set it between 1 and 120."]);
    expect(judge({ autoStopMins: 600 })).toEqual(["SQL warehouse 'prod-monitoring' sets autoStopMins 600; set it between 1 and 120."]);
    expect(findWarehouseAutoStopGap("w", undefined, { maxIdleMinutes: 60 })).toEqual(["SQL warehouse 'w' leaves autoStopMins unset (the provider's default, 120); set it between 1 and 60."]);
    expect(findWarehouseAutoStopGap("w", "10", { maxIdleMinutes: 60 })).toHaveLength(1);
  });
});
