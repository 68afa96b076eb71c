/**
 * How often a Quartz cron expression fires in an average month, for the estimate. Quartz fields: seconds,
 * minutes, hours, day of month, month, day of week, optional year; lists, ranges, steps, `*`, `?` and month
 * and day names. `L`, `W`, `#` and a year other than `*` are refused with the reason (the estimate then
 * lists the schedule as unpriced rather than guess).
 *
 * runs per month = fires per day x days per month (730 h / 24) x the share of days the expression fires on:
 * for a day of week, the chosen days / 7 x the chosen months' share of the year; for a day of month, the
 * matching dates of a 4-year calendar cycle (a leap year included) / its 1,461 days.
 */
import { HOURS_PER_MONTH } from "./price-table";

/** An expression the counter does not understand; the message names the part and why. */
export class CronNotCountable extends Error {}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
/** Days of each month in a 4-year cycle's average month counting: February has 29 days once in 4 years. */
const MONTH_DAYS = [31, 28.25, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The values one field selects, within [min, max]; `names` map words to numbers from `nameBase`. */
function fieldValues(field: string, what: string, min: number, max: number, names: string[] = [], nameBase = min): Set<number> {
  if (/[LW#]/i.test(field.replace(/[A-Z]{3}/gi, (w) => (names.includes(w.toUpperCase()) ? "0" : w)))) {
    throw new CronNotCountable(`${what} "${field}" uses L, W or #, which the estimate does not count`);
  }
  const value = (token: string): number => {
    const named = names.indexOf(token.toUpperCase());
    const n = named >= 0 ? named + nameBase : Number(token);
    if (!Number.isInteger(n) || n < min || n > max) throw new CronNotCountable(`${what} "${field}": ${token} is not within ${min}-${max}`);
    return n;
  };
  const out = new Set<number>();
  for (const part of field.split(",")) {
    const [range, stepText] = part.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new CronNotCountable(`${what} "${field}": step ${stepText} is not a positive integer`);
    let from: number;
    let to: number;
    if (range === "*" || range === "?") [from, to] = [min, max];
    else if (range.includes("-")) [from, to] = range.split("-").map(value) as [number, number];
    else [from, to] = [value(range), stepText === undefined ? value(range) : max];
    if (from > to) throw new CronNotCountable(`${what} "${field}": range ${range} runs backwards`);
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

const isAny = (field: string) => field === "*" || field === "?";

/** Fires per average month of a Quartz expression, with the formula that produced it. */
export function quartzRunsPerMonth(expression: string): { runs: number; formula: string } {
  const fields = expression.trim().split(/\s+/);
  if (fields.length < 6 || fields.length > 7) throw new CronNotCountable(`"${expression}" has ${fields.length} fields; Quartz has 6 or 7`);
  const [sec, min, hour, dom, month, dow, year] = fields;
  if (year !== undefined && !isAny(year)) throw new CronNotCountable(`year "${year}" limits the schedule to some years, which the estimate does not count`);
  const perDay = fieldValues(sec, "seconds", 0, 59).size * fieldValues(min, "minutes", 0, 59).size * fieldValues(hour, "hours", 0, 23).size;
  const months = [...fieldValues(month, "month", 1, 12, MONTHS, 1)];
  const daysPerMonth = HOURS_PER_MONTH / 24;
  let share: number;
  let shareText: string;
  if (!isAny(dom) && !isAny(dow)) throw new CronNotCountable(`day of month "${dom}" and day of week "${dow}" are both set; Quartz needs one to be ?`);
  const monthShare = months.reduce((n, m) => n + MONTH_DAYS[m - 1], 0) / 365.25;
  if (!isAny(dow)) {
    const days = fieldValues(dow, "day of week", 1, 7, DAYS, 1).size;
    share = (days / 7) * monthShare;
    shareText = `${days}/7 of the days${months.length < 12 ? ` in ${months.length} of 12 months` : ""}`;
  } else if (!isAny(dom)) {
    const dates = [...fieldValues(dom, "day of month", 1, 31)];
    const matching = months.reduce((n, m) => n + dates.filter((d) => d <= Math.floor(MONTH_DAYS[m - 1])).length * 4 + (m === 2 && dates.includes(29) ? 1 : 0), 0);
    share = matching / 1461;
    shareText = `${matching} of the 1,461 days of a 4-year cycle`;
  } else {
    share = monthShare;
    shareText = months.length < 12 ? `every day of ${months.length} of 12 months` : "every day";
  }
  const runs = perDay * daysPerMonth * share;
  return { runs, formula: `${perDay}/day × ${shareText} × 30.42 days/month` };
}
