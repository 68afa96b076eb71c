/**
 * workspace-require-stage-namespace: the default namespace of a stage's workspace is one of its catalogNames.
 * One compliant case, one failing case per way to break it, and the fail-closed answer to an unknown value.
 */
import { workspaceRequireStageNamespace } from "../../policies/rules/workspace-require-stage-namespace";
import { invokeRule } from "./invoke-rule";
import { UNKNOWN_STRING, asValidationInputs } from "../support/unknown-values";

const TYPE = "databricks:index/defaultNamespaceSetting:DefaultNamespaceSetting";
const CONFIG = { catalogNames: ["prod_mlops"] };
const check = (props: Record<string, unknown>, config: object = CONFIG) => invokeRule(workspaceRequireStageNamespace, { type: TYPE, name: "prod-mlops-namespace", props }, config);
const STAGE = "the stage's catalogs are 'prod_mlops' (catalogNames in this stage's policy config)";

describe("workspace-require-stage-namespace", () => {
  test("the stage's own catalog passes", () => {
    expect(check({ namespace: { value: "prod_mlops" } })).toEqual({ violations: [] });
  });

  test("the legacy Hive metastore is refused, in any case", () => {
    expect(check({ namespace: { value: "HIVE_METASTORE" } }).violations).toEqual([
      `DefaultNamespaceSetting 'prod-mlops-namespace' makes the legacy 'hive_metastore' the default catalog, so unqualified table names escape Unity Catalog's grants; set it to the stage's catalog: ${STAGE}.`,
    ]);
  });

  test("another stage's catalog is refused", () => {
    expect(check({ namespace: { value: "dev_mlops" } }).violations).toEqual([
      `DefaultNamespaceSetting 'prod-mlops-namespace' makes 'dev_mlops' the default catalog, so unqualified table names resolve outside the stage; ${STAGE}.`,
    ]);
  });

  test("a setting without a namespace, or a config without catalogs, is refused", () => {
    expect(check({}).violations).toEqual([`DefaultNamespaceSetting 'prod-mlops-namespace' sets no namespace.value; set it to the stage's catalog: ${STAGE}.`]);
    expect(check({ namespace: { value: "prod_mlops" } }, {}).violations).toEqual([
      "DefaultNamespaceSetting 'prod-mlops-namespace' makes 'prod_mlops' the default catalog, so unqualified table names resolve outside the stage; this stage's policy config names no catalog (catalogNames).",
    ]);
  });

  test("a namespace unknown during preview fails closed; other types are not the rule's", () => {
    expect(check(asValidationInputs({ namespace: { value: UNKNOWN_STRING } })).violations[0]).toMatch(/^DefaultNamespaceSetting 'prod-mlops-namespace' cannot be checked during preview: /);
    expect(invokeRule(workspaceRequireStageNamespace, { type: "databricks:index/catalog:Catalog" }, CONFIG).notApplicable).toBeDefined();
  });
});
