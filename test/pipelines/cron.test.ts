import { isTimeZoneId, quartzCronProblem } from "../../components/pipelines/cron";

describe("quartzCronProblem", () => {
  test.each([
    "0 0 4 * * ?",
    "0 0 4 ? * MON",
    "0 30 2 ? * MON-FRI",
    "0 */15 * * * ?",
    "0 0 4 L * ?",
    "0 0 4 L-3 * ?",
    "0 0 4 15W * ?",
    "0 0 4 ? * 2#1",
    "0 0 4 ? * 6L",
    "0 0 4 1,15 JAN,JUL ?",
    "0 0 4 * * ? 2027",
  ])("accepts %s", (expression) => {
    expect(quartzCronProblem(expression)).toBeUndefined();
  });

  test.each([
    ["0 4 * * *", 'has 5 fields; a Quartz cron has 6 or 7: seconds minutes hours day-of-month month day-of-week [year], e.g. "0 0 4 * * ?"'],
    ["0 0 4 * * ? 2027 x", 'has 8 fields; a Quartz cron has 6 or 7: seconds minutes hours day-of-month month day-of-week [year], e.g. "0 0 4 * * ?"'],
    ["0 0 4 * * *", 'exactly one of day-of-month and day-of-week must be "?" (Quartz cannot combine them), e.g. "0 0 4 * * ?" or "0 0 4 ? * MON"'],
    ["0 0 4 ? * ?", 'exactly one of day-of-month and day-of-week must be "?" (Quartz cannot combine them), e.g. "0 0 4 * * ?" or "0 0 4 ? * MON"'],
    ["0 0 24 * * ?", 'field hours has "24"; allowed: 0-23, "*", ranges a-b, steps x/n, lists a,b'],
    ["0 0 5-3 * * ?", 'field hours has "5-3"; allowed: 0-23, "*", ranges a-b, steps x/n, lists a,b'],
    ["0 0 4 ? * FUNDAY", 'field day-of-week has "FUNDAY"; allowed: 1-7 or SUN-SAT, "*", ranges a-b, steps x/n, lists a,b'],
    ["0 0 4 ? 13 MON", 'field month has "13"; allowed: 1-12 or JAN-DEC, "*", ranges a-b, steps x/n, lists a,b'],
    ["? 0 4 * * ?", 'field seconds is "?", which only day-of-month and day-of-week allow'],
    ["0 0/0 4 * * ?", 'field minutes has "0/0"; allowed: 0-59, "*", ranges a-b, steps x/n, lists a,b'],
  ])("rejects %s", (expression, problem) => {
    expect(quartzCronProblem(expression)).toBe(problem);
  });
});

describe("isTimeZoneId", () => {
  test.each(["UTC", "Etc/UTC", "Europe/Berlin", "America/Argentina/Buenos_Aires", "US/Pacific", "Etc/GMT+5"])("accepts %s", (zone) => {
    expect(isTimeZoneId(zone)).toBe(true);
  });

  test.each(["utc", "Europe/berlin", "Mars/Olympus_Mons", "", "CET "])("rejects %j", (zone) => {
    expect(isTimeZoneId(zone)).toBe(false);
  });

  test("gives the same verdicts when asked again, also after more zones than it remembers", () => {
    const zones = ["Europe/Berlin", "Mars/Olympus_Mons", ...Array.from({ length: 1200 }, (_, i) => `Nowhere/City_${i}`), "Etc/GMT+5"];
    const first = zones.map(isTimeZoneId);
    expect(zones.map(isTimeZoneId)).toEqual(first);
    expect(first.filter(Boolean)).toHaveLength(2);
    expect([first[0], first[1], first[first.length - 1]]).toEqual([true, false, true]);
  });
});
