/** The `schedule` block of monitors and alerts: a Quartz cron and its time zone, both optional. */
import { z } from "zod";
import { reasonParams, strictObject } from "../config-fields";
import { isTimeZoneId, quartzCronProblem } from "../pipelines/cron";

/** A `{ cron, timezone }` schedule whose failures say what `allowed` allows (its cron example differs per block). */
export function quartzScheduleSchema(allowed: { cron: string; timezone: string }) {
  return strictObject({
    cron: z
      .string({ error: allowed.cron })
      .superRefine((value, context) => {
        const problem = quartzCronProblem(value);
        if (problem) context.addIssue({ code: "custom", message: `not a valid Quartz cron expression: ${problem}`, params: reasonParams });
      })
      .optional(),
    timezone: z.string({ error: allowed.timezone }).refine(isTimeZoneId, { error: allowed.timezone }).optional(),
  });
}
