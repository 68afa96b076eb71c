import { findMissingRateLimits } from "../../policies/rules/serving-require-rate-limits";
import { prodEndpoint } from "./serving-fixtures";

const message = "Endpoint 'prod-churn' has no rate limit; set aiGateway.rateLimits with calls per minute.";

describe("serving-require-rate-limits", () => {
  test("the program's prod endpoint limits calls per minute", () => {
    expect(findMissingRateLimits("r", prodEndpoint())).toEqual([]);
  });

  test("a token limit counts too", () => {
    const endpoint = prodEndpoint();
    (endpoint.aiGateway as Record<string, unknown>).rateLimits = [{ renewalPeriod: "minute", tokens: 10000 }];
    expect(findMissingRateLimits("r", endpoint)).toEqual([]);
  });

  test("no rate limit", () => {
    const endpoint = prodEndpoint();
    delete (endpoint.aiGateway as Record<string, unknown>).rateLimits;
    expect(findMissingRateLimits("r", endpoint)).toEqual([message]);
  });

  test("a limit of zero calls bounds nothing", () => {
    const endpoint = prodEndpoint();
    (endpoint.aiGateway as Record<string, unknown>).rateLimits = [{ renewalPeriod: "minute", calls: 0 }];
    expect(findMissingRateLimits("r", endpoint)).toEqual([message]);
  });

  test("only the deprecated top-level rate limits", () => {
    const endpoint = { ...prodEndpoint(), aiGateway: {}, rateLimits: [{ calls: 100, renewalPeriod: "minute" }] };
    expect(findMissingRateLimits("r", endpoint)).toEqual([
      "Endpoint 'prod-churn' has no rate limit (the top-level rateLimits are deprecated and do not count); set aiGateway.rateLimits with calls per minute.",
    ]);
  });
});

describe("serving-require-rate-limits, what bounds an endpoint", () => {
  const limited = (...rateLimits: Record<string, unknown>[]) => ({ ...prodEndpoint(), aiGateway: { rateLimits } });

  test("a positive number of calls or of tokens bounds it", () => {
    expect(findMissingRateLimits("r", limited({ calls: 0, tokens: 1000 }))).toEqual([]);
    expect(findMissingRateLimits("r", limited({ calls: 1 }))).toEqual([]);
    expect(findMissingRateLimits("r", limited({ calls: 0 }, { tokens: 1 }))).toEqual([]);
  });

  test("zero, negative or textual numbers bound nothing", () => {
    expect(findMissingRateLimits("r", limited({ calls: 0, tokens: 0 }, { calls: -5 }, { calls: "100", tokens: "100" }))).toEqual([message]);
  });
});
