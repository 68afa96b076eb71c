/**
 * workspace-restrict-conf: only known workspace configuration keys, each with a value that keeps the controls.
 */
import { workspaceRestrictConf } from "../../policies/rules/workspace-restrict-conf";
import { invokeRule } from "./invoke-rule";

const check = (customConfig: Record<string, unknown>, config: object = { maxTokenLifetimeDays: 90 }) =>
  invokeRule(workspaceRestrictConf, { type: "databricks:index/workspaceConf:WorkspaceConf", name: "prod-mlops-workspace-conf", props: { customConfig } }, config).violations;

describe("workspace-restrict-conf", () => {
  test("the program's token lifetime, IP access lists on and legacy init scripts off pass", () => {
    expect(check({ maxTokenLifetimeDays: "90" })).toEqual([]);
    expect(check({ maxTokenLifetimeDays: "1", enableIpAccessLists: "true", enableTokensConfig: "false", enableDeprecatedGlobalInitScripts: "false", enableDeprecatedClusterNamedInitScripts: false })).toEqual([]);
  });

  test.each([
    ["a token lifetime beyond the maximum", { maxTokenLifetimeDays: "365" }, "WorkspaceConf 'prod-mlops-workspace-conf' maxTokenLifetimeDays lets new tokens live \"365\" days; set 1 to 90 (maxTokenLifetimeDays in this stage's policy config)."],
    ["no token lifetime limit (0)", { maxTokenLifetimeDays: "0" }, "WorkspaceConf 'prod-mlops-workspace-conf' maxTokenLifetimeDays lets new tokens live \"0\" days; set 1 to 90 (maxTokenLifetimeDays in this stage's policy config)."],
    ["IP access lists turned off", { enableIpAccessLists: "false" }, "WorkspaceConf 'prod-mlops-workspace-conf' enableIpAccessLists turns IP access lists off, lifting every network restriction they declare; leave it unset or true."],
    ["legacy global init scripts on", { enableDeprecatedGlobalInitScripts: "true" }, "WorkspaceConf 'prod-mlops-workspace-conf' enableDeprecatedGlobalInitScripts enables legacy global init scripts, code every cluster runs unreviewed; set false."],
    ["legacy cluster-named init scripts on", { enableDeprecatedClusterNamedInitScripts: true }, "WorkspaceConf 'prod-mlops-workspace-conf' enableDeprecatedClusterNamedInitScripts enables legacy cluster-named init scripts, code every matching cluster runs unreviewed; set false."],
    ["a token switch that is no boolean", { enableTokensConfig: "maybe" }, "WorkspaceConf 'prod-mlops-workspace-conf' enableTokensConfig sets \"maybe\"; use true or false."],
    ["a key the pack does not know", { enableResultsDownloading: "true" }, "WorkspaceConf 'prod-mlops-workspace-conf' sets 'enableResultsDownloading', a workspace configuration key this pack does not know, so no rule judges what it changes; remove it, or extend workspace-restrict-conf to judge it in a reviewed change."],
  ])("%s is refused", (_label, customConfig, message) => {
    expect(check(customConfig)).toEqual([message]);
  });

  test("a configured maximum is honoured; other types are not the rule's", () => {
    expect(check({ maxTokenLifetimeDays: "30" }, { maxTokenLifetimeDays: 7 })).toHaveLength(1);
    expect(invokeRule(workspaceRestrictConf, { type: "databricks:index/token:Token" }).notApplicable).toBeDefined();
  });
});
