/**
 * Quartz cron expressions and time zone ids, as the Jobs API accepts them in `schedule`. The API
 * rejects a bad one only at apply time, so the stage config checks both before anything is declared.
 */

interface CronField {
  name: string;
  min: number;
  max: number;
  /** Upper-case names accepted in place of numbers (JAN-DEC, SUN-SAT). */
  names?: readonly string[];
  /** Offset of the first name: MON is 2 in Quartz, JAN is 1. */
  nameBase?: number;
  /** Extra forms allowed in this field only: `?`, `L`, `W`, `#`. */
  special?: "dayOfMonth" | "dayOfWeek";
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"] as const;
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] as const;

const FIELDS: readonly CronField[] = [
  { name: "seconds", min: 0, max: 59 },
  { name: "minutes", min: 0, max: 59 },
  { name: "hours", min: 0, max: 23 },
  { name: "day-of-month", min: 1, max: 31, special: "dayOfMonth" },
  { name: "month", min: 1, max: 12, names: MONTHS, nameBase: 1 },
  { name: "day-of-week", min: 1, max: 7, names: DAYS, nameBase: 1, special: "dayOfWeek" },
  { name: "year", min: 1970, max: 2099 },
];

/** A single value of a field: a number in range or one of the field's names. */
function valueOf(token: string, field: CronField): number | undefined {
  if (/^[0-9]+$/.test(token)) {
    const value = Number(token);
    return value >= field.min && value <= field.max ? value : undefined;
  }
  const index = field.names?.indexOf(token.toUpperCase()) ?? -1;
  return index >= 0 ? index + (field.nameBase ?? 0) : undefined;
}

/** True when one comma-separated item of a field is valid. */
function checkItem(item: string, field: CronField): boolean {
  if (field.special === "dayOfMonth" && /^(L(-([1-9]|[12][0-9]|30))?|LW|([1-9]|[12][0-9]|3[01])W)$/.test(item)) return true;
  if (field.special === "dayOfWeek") {
    const nth = /^([^#]+)#([1-5])$/.exec(item);
    if (nth) return valueOf(nth[1], field) !== undefined;
    if (item === "L") return true;
    const last = /^([^L]+)L$/.exec(item);
    if (last) return valueOf(last[1], field) !== undefined;
  }
  const [range, step, ...rest] = item.split("/");
  if (rest.length > 0) return false;
  if (step !== undefined && !(/^[0-9]+$/.test(step) && Number(step) >= 1 && Number(step) <= field.max)) return false;
  if (range === "*") return true;
  const bounds = range.split("-");
  if (bounds.length > 2) return false;
  const values = bounds.map((bound) => valueOf(bound, field));
  if (values.some((value) => value === undefined)) return false;
  // `a/n` means "from a, every n"; `a-b` needs a <= b.
  return values.length === 1 || (values[0] as number) <= (values[1] as number);
}

/**
 * Why a Quartz cron expression is invalid, or undefined when it is valid. Quartz has six or seven
 * fields (seconds first, optional year last), and exactly one of day-of-month and day-of-week
 * must be `?`.
 */
export function quartzCronProblem(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/);
  if (fields.length < 6 || fields.length > 7) {
    return `has ${fields.length} fields; a Quartz cron has 6 or 7: seconds minutes hours day-of-month month day-of-week [year], e.g. "0 0 4 * * ?"`;
  }
  for (const [index, value] of fields.entries()) {
    const field = FIELDS[index];
    if (value === "?") {
      if (!field.special) return `field ${field.name} is "?", which only day-of-month and day-of-week allow`;
      continue;
    }
    const bad = value.split(",").find((item) => !checkItem(item, field));
    if (bad !== undefined) {
      const names = field.names ? ` or ${field.names[0]}-${field.names[field.names.length - 1]}` : "";
      return `field ${field.name} has "${bad}"; allowed: ${field.min}-${field.max}${names}, "*", ranges a-b, steps x/n, lists a,b`;
    }
  }
  const questionMarks = [fields[3], fields[5]].filter((value) => value === "?").length;
  if (questionMarks !== 1) {
    return 'exactly one of day-of-month and day-of-week must be "?" (Quartz cannot combine them), e.g. "0 0 4 * * ?" or "0 0 4 ? * MON"';
  }
  return undefined;
}

/** The spelling of time zone ids: each part starts upper case (Java time zone ids are case-sensitive). */
const TIME_ZONE_SPELLING = /^[A-Z][A-Za-z]*(\/[A-Z0-9][A-Za-z0-9_+-]*)*$/;

/**
 * True for a time zone id the Jobs API (Java time zones) accepts: an IANA id such as `Europe/Berlin`
 * or an alias such as `UTC` or `US/Pacific`. Case matters, so `utc` and `Europe/berlin` are refused.
 */
export function isTimeZoneId(value: string): boolean {
  if (!TIME_ZONE_SPELLING.test(value)) return false;
  let known = timeZoneVerdicts.get(value);
  if (known === undefined) {
    // Building a formatter is the only portable check, and by far the costliest step of validating a config.
    if (timeZoneVerdicts.size >= MAX_REMEMBERED_TIME_ZONES) timeZoneVerdicts.clear();
    timeZoneVerdicts.set(value, (known = acceptsTimeZone(value)));
  }
  return known;
}

/** Verdicts of `isTimeZoneId` so far; a config names a handful of zones, a fuzz run thousands of strings. */
const timeZoneVerdicts = new Map<string, boolean>();
const MAX_REMEMBERED_TIME_ZONES = 1000;

function acceptsTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
