/**
 * How long the slow resources of a first deploy typically take to create, and why. Everything else
 * (IAM, buckets, catalogs, grants, jobs, alerts) takes seconds and counts as zero.
 */
import type { PlannedStep } from "../types";
import { stringInput } from "./plan-view";

/** A typical creation time and its basis. */
export interface TypicalDuration {
  seconds: number;
  /** What the provider waits for and where the figure comes from. */
  basis: string;
}

const MINUTE = 60;

/** Seconds of a Go duration (`60s`, `1m30s`, `2h`, `500ms`), as `time_sleep.create_duration` takes; undefined when not one. */
export function goDurationSeconds(text: string): number | undefined {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== text) return undefined;
  const unit: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 };
  return parts.reduce((sum, p) => sum + Number(p[1]) * unit[p[2]], 0);
}

/** Typical durations of slow types that need no look at the inputs. */
const FIXED: Record<string, TypicalDuration> = {
  "databricks:index/mwsWorkspaces:MwsWorkspaces": {
    seconds: 8 * MINUTE,
    basis: "waits for RUNNING and a reachable host (mws/resource_mws_workspaces.go WaitForExpectedStatus, 20 min timeout); 5-7 min plus 1-2 min DNS (provider docs mws_workspaces.md)",
  },
  "databricks:index/qualityMonitor:QualityMonitor": {
    seconds: 1 * MINUTE,
    basis: "polls until ACTIVE (qualitymonitor/resource_quality_monitor.go waitForMonitor, 15 min timeout); metric tables follow 8-20 min later without blocking",
  },
  "aws:ec2/natGateway:NatGateway": {
    seconds: 2 * MINUTE,
    basis: "waits until available (terraform-provider-aws internal/service/ec2/wait.go WaitNATGatewayCreated, 10 min timeout); typically 1-2 min",
  },
};

/** The typical creation time of one resource; undefined for a quick one. */
export function typicalDuration(step: PlannedStep): TypicalDuration | undefined {
  if (!step.custom) return undefined;
  switch (step.type) {
    case "databricks:index/modelServing:ModelServing":
      // Without config the endpoint serves nothing and has nothing to provision.
      if (step.inputs.config === undefined) return undefined;
      return {
        seconds: 15 * MINUTE,
        basis: "waits until the endpoint serves (serving/resource_model_serving.go Create, 45 min default timeout); 5-30 min",
      };
    case "databricks:index/sqlEndpoint:SqlEndpoint":
      if (step.inputs.noWait === true) return undefined;
      return step.inputs.enableServerlessCompute === true
        ? { seconds: 10, basis: "waits for RUNNING (sql/resource_sql_endpoint.go Create); serverless starts in seconds" }
        : { seconds: 4 * MINUTE, basis: "waits for RUNNING (sql/resource_sql_endpoint.go Create, 30 min timeout); pro and classic take about 4 min" };
    case "time:index/sleep:Sleep": {
      const text = stringInput(step, "createDuration");
      const seconds = text === undefined ? undefined : goDurationSeconds(text);
      return seconds ? { seconds, basis: `sleeps its createDuration ${text}` } : undefined;
    }
    default:
      return FIXED[step.type];
  }
}
