import { findPrivateAccessGaps } from "../../policies/rules/workspace-restrict-private-access";

describe("workspace-restrict-private-access", () => {
  test("ACCOUNT, or ENDPOINT with a list, passes", () => {
    expect(findPrivateAccessGaps("p", { privateAccessLevel: "ACCOUNT", publicAccessEnabled: true })).toEqual([]);
    expect(findPrivateAccessGaps("p", { privateAccessLevel: "ENDPOINT", allowedVpcEndpointIds: ["vpce-1"] })).toEqual([]);
  });

  test("ENDPOINT without endpoints is reported", () => {
    expect(findPrivateAccessGaps("p", { privateAccessLevel: "ENDPOINT", allowedVpcEndpointIds: [] })).toEqual([
      "Private access settings 'p' set privateAccessLevel ENDPOINT but list no allowedVpcEndpointIds; list the VPC endpoints that may connect, or use ACCOUNT.",
    ]);
  });

  test("an unset or other level is reported", () => {
    expect(findPrivateAccessGaps("p", {})).toEqual([
      'Private access settings \'p\' do not set privateAccessLevel; set it to "ACCOUNT" (endpoints registered in this Databricks account) or "ENDPOINT" with allowedVpcEndpointIds.',
    ]);
    expect(findPrivateAccessGaps("p", { privateAccessLevel: "ANY" })[0]).toContain('set privateAccessLevel "ANY"; set it to "ACCOUNT"');
  });
});
