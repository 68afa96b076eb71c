import { findCustomerNetworkGap } from "../../policies/rules/workspace-require-customer-managed-network";

const MESSAGE =
  "Workspace 'w' sets no networkId, so Databricks would create and manage its VPC; register the stage's VPC (MwsNetworks) and set networkId.";

describe("workspace-require-customer-managed-network", () => {
  test("a workspace on a registered network passes", () => {
    expect(findCustomerNetworkGap("w", { networkId: "net-prod-mlops-network" })).toEqual([]);
  });

  test("a workspace without a network, or with an empty id, is reported", () => {
    expect(findCustomerNetworkGap("w", {})).toEqual([MESSAGE]);
    expect(findCustomerNetworkGap("w", { networkId: "" })).toEqual([MESSAGE]);
  });
});
