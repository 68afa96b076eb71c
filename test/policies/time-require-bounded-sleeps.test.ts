/**
 * time-require-bounded-sleeps: a sleep's create wait is at most maxCreateMinutes, its destroy wait at most
 * maxDestroyMinutes, both Go durations. One compliant case, one failing case per way to break it.
 */
import { parseGoDuration } from "../../policies/lib/durations";
import { DEFAULT_SLEEP_BOUNDS, TIME_SLEEP, timeRequireBoundedSleeps } from "../../policies/rules/time-require-bounded-sleeps";
import { invokeRule } from "./invoke-rule";

const check = (props: Record<string, unknown>, config: object = DEFAULT_SLEEP_BOUNDS) =>
  invokeRule(timeRequireBoundedSleeps, { type: TIME_SLEEP, name: "prod-mlops-iam-propagation", props }, config);

describe("time-require-bounded-sleeps", () => {
  test("a propagation wait within the bounds passes, with or without a short destroy wait", () => {
    expect(check({ createDuration: "30s" })).toEqual({ violations: [] });
    expect(check({ createDuration: "1m30s", destroyDuration: "1m" })).toEqual({ violations: [] });
    expect(check({})).toEqual({ violations: [] });
  });

  test("a create wait longer than maxCreateMinutes is refused", () => {
    expect(check({ createDuration: "2h" }).violations).toEqual([
      "Sleep 'prod-mlops-iam-propagation' sets createDuration \"2h\", longer than 10 minutes (maxCreateMinutes in this stage's policy config): " +
        "every deploy that creates or replaces it waits that long; shorten it.",
    ]);
    expect(check({ createDuration: "10m1s" }).violations).toHaveLength(1);
    expect(check({ createDuration: "10m" }).violations).toEqual([]);
  });

  test("a destroy wait longer than maxDestroyMinutes is refused", () => {
    expect(check({ createDuration: "30s", destroyDuration: "720h" }).violations).toEqual([
      "Sleep 'prod-mlops-iam-propagation' sets destroyDuration \"720h\", longer than 1 minutes (maxDestroyMinutes in this stage's policy config): " +
        "every delete or replacement of what it depends on waits that long, a rollback included; shorten it.",
    ]);
    expect(check({ destroyDuration: "30s" }, { maxCreateMinutes: 10, maxDestroyMinutes: 0 }).violations).toHaveLength(1);
  });

  test("a duration that is no Go duration is refused", () => {
    expect(check({ createDuration: "forever" }).violations).toEqual([
      "Sleep 'prod-mlops-iam-propagation' sets createDuration \"forever\", which is not a duration like \"30s\" or \"2m\"; set one of at most 10 minutes (maxCreateMinutes).",
    ]);
    expect(check({ destroyDuration: 60 }).violations).toHaveLength(1);
  });

  test("Go durations are read as the provider's parser reads them; the rule judges sleeps only", () => {
    expect([parseGoDuration("1h2m3.5s"), parseGoDuration("1.5h"), parseGoDuration("500ms"), parseGoDuration("0"), parseGoDuration(".5m")]).toEqual([3723.5, 5400, 0.5, 0, 30]);
    expect([parseGoDuration("-1s"), parseGoDuration("1d"), parseGoDuration("s"), parseGoDuration("")]).toEqual([undefined, undefined, undefined, undefined]);
    expect(invokeRule(timeRequireBoundedSleeps, { type: "pulumi:providers:time" }).notApplicable).toBe("Policy only applies to resources of type 'time:index/sleep:Sleep'");
  });
});
