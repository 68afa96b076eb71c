import { DEFAULT_MAX_LIFETIME_DAYS, findTokenLifetimeGap } from "../../policies/rules/tokens-require-lifetime";

const config = { maxLifetimeDays: DEFAULT_MAX_LIFETIME_DAYS };
const MAX = 90 * 24 * 3600;

describe("tokens-require-lifetime", () => {
  test("a token that expires within the maximum passes", () => {
    expect(findTokenLifetimeGap("Token 't'", 3600, config)).toEqual([]);
    expect(findTokenLifetimeGap("Token 't'", MAX, config)).toEqual([]);
  });

  test("a token without a lifetime never expires and is reported", () => {
    expect(findTokenLifetimeGap("OboToken 'ci'", undefined, config)).toEqual([
      `OboToken 'ci' sets no lifetimeSeconds, so it never expires; set one of at most ${MAX} (90 days).`,
    ]);
  });

  test("a zero, negative or non-numeric lifetime is reported", () => {
    for (const lifetime of [0, -1, "3600"]) {
      expect(findTokenLifetimeGap("Token 't'", lifetime, config)).toEqual([
        `Token 't' sets lifetimeSeconds ${JSON.stringify(lifetime)}; set a positive number of at most ${MAX} (90 days).`,
      ]);
    }
  });

  test("a lifetime beyond the configured maximum is reported", () => {
    expect(findTokenLifetimeGap("The token block of workspace 'w'", MAX + 1, config)).toEqual([
      `The token block of workspace 'w' lives ${MAX + 1} seconds, longer than ${MAX} (90 days); shorten lifetimeSeconds.`,
    ]);
    expect(findTokenLifetimeGap("Token 't'", 3 * 24 * 3600, { maxLifetimeDays: 1 })).toHaveLength(1);
  });
});

describe("tokens-require-lifetime, edge values", () => {
  test("null is no lifetime, and an endless or undefined number is no lifetime either", () => {
    expect(findTokenLifetimeGap("Token 't'", null, config)).toEqual([
      `Token 't' sets no lifetimeSeconds, so it never expires; set one of at most ${MAX} (90 days).`,
    ]);
    for (const lifetime of [Number.POSITIVE_INFINITY, Number.NaN]) {
      expect(findTokenLifetimeGap("Token 't'", lifetime, { maxLifetimeDays: Number.POSITIVE_INFINITY })).toEqual([
        `Token 't' sets lifetimeSeconds null; set a positive number of at most Infinity (Infinity days).`,
      ]);
    }
  });
});
