import { findMissingInferenceTables } from "../../policies/rules/serving-require-inference-tables";
import { prodEndpoint } from "./serving-fixtures";

describe("serving-require-inference-tables", () => {
  test("the program's prod endpoint captures an AI gateway inference table", () => {
    expect(findMissingInferenceTables("r", prodEndpoint())).toEqual([]);
  });

  test("no AI gateway at all", () => {
    expect(findMissingInferenceTables("r", { ...prodEndpoint(), aiGateway: undefined })).toEqual([
      "Endpoint 'prod-churn' captures no inference table; set aiGateway.inferenceTableConfig with enabled: true.",
    ]);
  });

  test("an inference table that is disabled", () => {
    const endpoint = prodEndpoint();
    (endpoint.aiGateway as { inferenceTableConfig: { enabled: boolean } }).inferenceTableConfig.enabled = false;
    expect(findMissingInferenceTables("r", endpoint)).toEqual([
      "Endpoint 'prod-churn' captures no inference table; set aiGateway.inferenceTableConfig with enabled: true.",
    ]);
  });

  test("an inference table without catalog and schema", () => {
    const endpoint = { ...prodEndpoint(), aiGateway: { inferenceTableConfig: { enabled: true } } };
    expect(findMissingInferenceTables("r", endpoint)).toEqual([
      "Endpoint 'prod-churn' enables an inference table without catalogName and schemaName; name the stage's catalog and inference schema.",
    ]);
  });

  test("the retired legacy auto-capture, even beside a gateway table", () => {
    const endpoint = { ...prodEndpoint(), config: { autoCaptureConfig: { catalogName: "prod_mlops", schemaName: "inference", enabled: true } } };
    expect(findMissingInferenceTables("r", endpoint)).toEqual([
      "Endpoint 'prod-churn' uses the legacy config.autoCaptureConfig, a retired service; use aiGateway.inferenceTableConfig instead.",
    ]);
  });
});

describe("serving-require-inference-tables, partly named tables", () => {
  const withTable = (config: Record<string, unknown>) => ({ ...prodEndpoint(), aiGateway: { inferenceTableConfig: { enabled: true, ...config } } });
  const unnamed = "Endpoint 'prod-churn' enables an inference table without catalogName and schemaName; name the stage's catalog and inference schema.";

  test("an enabled table needs both its catalog and its schema", () => {
    expect(findMissingInferenceTables("r", withTable({ catalogName: "prod_mlops" }))).toEqual([unnamed]);
    expect(findMissingInferenceTables("r", withTable({ schemaName: "inference" }))).toEqual([unnamed]);
    expect(findMissingInferenceTables("r", withTable({ catalogName: "prod_mlops", schemaName: "inference" }))).toEqual([]);
  });
});
