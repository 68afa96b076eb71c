import { CronNotCountable, quartzRunsPerMonth } from "../../../tools/plan/cost/quartz-runs";

// A month is 730 h / 24 = 30.4167 days.
const DAYS = 730 / 24;

describe("runs a month of a Quartz expression", () => {
  test.each([
    ["0 0 3 * * ?", DAYS, "daily"],
    ["0 0 4 ? * MON", DAYS / 7, "weekly on Monday"],
    ["0 0 9 ? * MON-FRI", (DAYS * 5) / 7, "weekdays"],
    ["0 0/15 * * * ?", 96 * DAYS, "every 15 minutes"],
    ["0 0 6,18 * * ?", 2 * DAYS, "twice a day"],
    ["0 0 1 1 * ?", (DAYS * 48) / 1461, "the 1st of every month: 48 dates in a 4-year cycle"],
    ["0 0 1 31 * ?", (DAYS * 28) / 1461, "the 31st: 7 months of 12 have one"],
    ["0 0 1 29 FEB ?", (DAYS * 1) / 1461, "29 February: once in 4 years"],
    ["0 0 1 ? JAN MON", ((DAYS / 7) * 31) / 365.25, "Mondays of January"],
    ["0 0 1 * * ? *", DAYS, "a year field of *"],
  ])("%s: %s", (cron, expected) => {
    expect(quartzRunsPerMonth(cron).runs).toBeCloseTo(expected, 9);
  });

  test("the formula names fires a day, the share of days and the month's days", () => {
    expect(quartzRunsPerMonth("0 0 4 ? * MON").formula).toBe("1/day × 1/7 of the days × 30.42 days/month");
    expect(quartzRunsPerMonth("0 0 1 1 * ?").formula).toBe("1/day × 48 of the 1,461 days of a 4-year cycle × 30.42 days/month");
  });

  test.each([
    ["0 0 1 L * ?", /uses L, W or #/],
    ["0 0 1 ? * 6#3", /uses L, W or #/],
    ["0 0 1 15W * ?", /uses L, W or #/],
    ["0 0 1 * * ? 2027", /year "2027"/],
    ["0 0 25 * * ?", /hours "25": 25 is not within 0-23/],
    ["0 0 1 1 * MON", /both set/],
    ["0 0 1 * *", /has 5 fields/],
    ["0 0/0 1 * * ?", /step 0 is not a positive integer/],
  ])("%s is refused with the reason", (cron, reason) => {
    expect(() => quartzRunsPerMonth(cron)).toThrow(CronNotCountable);
    expect(() => quartzRunsPerMonth(cron)).toThrow(reason);
  });

  test("names that contain L or W (JUL, WED) are names, not Quartz's L and W", () => {
    expect(quartzRunsPerMonth("0 0 1 ? * WED").runs).toBeCloseTo(DAYS / 7, 9);
    expect(quartzRunsPerMonth("0 0 1 1 JUL ?").runs).toBeCloseTo((DAYS * 4) / 1461, 9);
  });
});
