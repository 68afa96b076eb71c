import { findAutoTerminationGap } from "../../policies/rules/clusters-require-auto-termination";

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
