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

  test("a deprecated served model that leaves scaleToZeroEnabled unset scales to zero (the provider's default)", () => {
    const endpoint = {
      ...prodEndpoint(),
      config: { servedModels: [{ name: "legacy", modelName: "m", modelVersion: "1" }, { name: "warm", modelName: "m", modelVersion: "2", scaleToZeroEnabled: false }, { name: "nulled", modelName: "m", modelVersion: "3", scaleToZeroEnabled: null }] },
    };
    const unset = (name: string) =>
      `Endpoint 'prod-churn' lets served entity '${name}' scale to zero (unset: its documented default is true), so a request after an idle period waits minutes for a cold start; set scaleToZeroEnabled: false.`;
    expect(findScaleToZero("r", endpoint)).toEqual([unset("legacy"), unset("nulled")]);
  });

  test("a served entity that leaves scaleToZeroEnabled unset, or sets anything but false, is reported", () => {
    const endpoint = {
      ...prodEndpoint(),
      config: {
        servedEntities: [
          { name: "champion", entityName: "prod_mlops.models.churn", entityVersion: "3" },
          { name: "nulled", entityName: "prod_mlops.models.churn", entityVersion: "3", scaleToZeroEnabled: null },
          { name: "texted", entityName: "prod_mlops.models.churn", entityVersion: "4", scaleToZeroEnabled: "true" },
          { name: "warm", entityName: "prod_mlops.models.churn", entityVersion: "4", scaleToZeroEnabled: false },
        ],
      },
    };
    const tail = "so a request after an idle period waits minutes for a cold start; set scaleToZeroEnabled: false.";
    expect(findScaleToZero("r", endpoint)).toEqual([
      `Endpoint 'prod-churn' lets served entity 'champion' scale to zero (unset: its documented default is true), ${tail}`,
      `Endpoint 'prod-churn' lets served entity 'nulled' scale to zero (unset: its documented default is true), ${tail}`,
      `Endpoint 'prod-churn' lets served entity 'texted' scale to zero ("true" is not false), ${tail}`,
    ]);
  });

  test("an external model's entity, which cannot scale, passes unset but not set to scale", () => {
    const externalModel = { name: "gpt", provider: "openai", task: "llm/v1/chat" };
    const endpoint = { ...prodEndpoint(), config: { servedEntities: [{ name: "proxy", externalModel }, { name: "odd", externalModel, scaleToZeroEnabled: true }] } };
    expect(findScaleToZero("r", endpoint)).toEqual([
      "Endpoint 'prod-churn' lets served entity 'odd' scale to zero, so a request after an idle period waits minutes for a cold start; set scaleToZeroEnabled: false.",
    ]);
  });

  test("a nameless served entity that scales to zero is still reported", () => {
    const endpoint = { config: { servedEntities: [{ entityName: "prod_mlops.models.churn", scaleToZeroEnabled: true }] } };
    expect(findScaleToZero("prod-churn-endpoint", endpoint)).toEqual([
      "Endpoint 'prod-churn-endpoint' lets served entity '?' scale to zero, so a request after an idle period waits minutes for a cold start; set scaleToZeroEnabled: false.",
    ]);
  });
});
