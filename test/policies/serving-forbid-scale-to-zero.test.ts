import { findScaleToZero } from "../../policies/rules/serving-forbid-scale-to-zero";
import { prodEndpoint } from "./serving-fixtures";

describe("serving-forbid-scale-to-zero", () => {
  test("the program's prod endpoint keeps every entity warm", () => {
    expect(findScaleToZero("r", prodEndpoint())).toEqual([]);
  });

  test("a served entity that scales to zero", () => {
    const endpoint = prodEndpoint();
    const entities = (endpoint.config as { servedEntities: Record<string, unknown>[] }).servedEntities;
    entities[1].scaleToZeroEnabled = true;
    expect(findScaleToZero("r", endpoint)).toEqual([
      "Endpoint 'prod-churn' lets served entity 'challenger' scale to zero, so a request after an idle period waits minutes for a cold start; set scaleToZeroEnabled: false.",
    ]);
  });

  test("a deprecated served model that scales to zero", () => {
    const endpoint = { ...prodEndpoint(), config: { servedModels: [{ name: "legacy", modelName: "m", modelVersion: "1", scaleToZeroEnabled: true }] } };
    expect(findScaleToZero("r", endpoint)).toHaveLength(1);
  });
});
