/**
 * Estimators of the AWS resources a created workspace and an online store declare: the NAT gateway and its
 * address, interface endpoints, KMS keys, on-demand DynamoDB tables and S3 buckets. Usage the plan cannot
 * see (GB processed or stored, requests) defaults to zero and is named on the line, never guessed.
 */
import type { PlannedStep } from "../types";
import type { Assumption, Assumptions, DefaultKey } from "./assumptions";
import type { Estimated } from "./estimate-types";
import { qty, usd } from "./format";
import { HOURS_PER_MONTH, type AwsPriceKey } from "./price-table";

const num = (a: Assumption): number => a.value as number;

/** A line of fixed hours plus usage terms; zero-default usage is named as not estimated. */
function awsLine(
  step: PlannedStep,
  a: Assumptions,
  fixed: { units: number; unitText: string; price: AwsPriceKey; hours?: number } | undefined,
  usage: { key: DefaultKey; price: AwsPriceKey; text: string }[],
): Estimated {
  const assumptions: Assumption[] = [];
  const formula: string[] = [];
  const notEstimated: string[] = [];
  let monthlyUsd = 0;
  if (fixed) {
    const price = a.awsPrice(fixed.price);
    const hours = fixed.hours ?? 1;
    monthlyUsd += fixed.units * hours * num(price);
    assumptions.push(price);
    formula.push(`${qty(fixed.units)} ${fixed.unitText}${fixed.hours ? ` × ${qty(hours)} h` : ""} × ${usd(num(price))} (aws.${fixed.price})`);
  }
  for (const term of usage) {
    const amount = a.resource(step.name, term.key);
    const price = a.awsPrice(term.price);
    monthlyUsd += num(amount) * num(price);
    assumptions.push(amount, price);
    formula.push(`${formula.length > 0 ? "+ " : ""}${qty(num(amount))} ${term.text} × ${usd(num(price))} (aws.${term.price})`);
    if (num(amount) === 0 && amount.source === "default" && !notEstimated.includes(term.key)) notEstimated.push(term.key);
  }
  return { line: { monthlyUsd, monthlyDbu: 0, formula, assumptions, ...(notEstimated.length > 0 ? { usageNotEstimated: notEstimated } : {}) } };
}

/** A NAT gateway: its hours and the GB it processes (cluster egress). */
export function estimateNatGateway(step: PlannedStep, a: Assumptions): Estimated {
  return awsLine(step, a, { units: 1, unitText: "gateway", price: "natGatewayHour", hours: HOURS_PER_MONTH }, [{ key: "gbProcessedPerMonth", price: "natGatewayGb", text: "GB processed" }]);
}

/** An elastic IP: every public IPv4 address bills by the hour, attached or not. */
export function estimateElasticIp(step: PlannedStep, a: Assumptions): Estimated {
  return awsLine(step, a, { units: 1, unitText: "address", price: "publicIpv4Hour", hours: HOURS_PER_MONTH }, []);
}

/** A VPC endpoint: an interface endpoint bills per AZ (subnet) hour and GB; a gateway endpoint is free. */
export function estimateVpcEndpoint(step: PlannedStep, a: Assumptions): Estimated {
  const kind = String(step.inputs.vpcEndpointType ?? "Gateway");
  if (kind === "Gateway") return { free: true };
  if (kind !== "Interface") return { unpriced: `endpoint type ${kind} is not in the price table` };
  const azs = Array.isArray(step.inputs.subnetIds) ? step.inputs.subnetIds.length : 0;
  if (azs === 0) return { unpriced: "interface endpoint without subnets the plan can see: the number of AZs is unknown" };
  return awsLine(step, a, { units: azs, unitText: `AZ${azs === 1 ? "" : "s"}`, price: "interfaceEndpointAzHour", hours: HOURS_PER_MONTH }, [
    { key: "gbProcessedPerMonth", price: "interfaceEndpointGb", text: "GB processed" },
  ]);
}

/** A customer-managed KMS key: a monthly fee (requests and rotation surcharges not included). */
export function estimateKmsKey(step: PlannedStep, a: Assumptions): Estimated {
  return awsLine(step, a, { units: 1, unitText: "key-month", price: "kmsKeyMonth" }, []);
}

/** A DynamoDB table on demand: requests and storage (and PITR storage when on); provisioned tables are unpriced. */
export function estimateDynamoDbTable(step: PlannedStep, a: Assumptions): Estimated {
  if (step.inputs.billingMode !== "PAY_PER_REQUEST") return { unpriced: `billing mode ${String(step.inputs.billingMode ?? "PROVISIONED")}: only on-demand tables are priced` };
  const pitr = (step.inputs.pointInTimeRecovery as { enabled?: unknown } | undefined)?.enabled === true;
  return awsLine(step, a, undefined, [
    { key: "writeMillionsPerMonth", price: "dynamodbWriteMillion", text: "million WRU" },
    { key: "readMillionsPerMonth", price: "dynamodbReadMillion", text: "million RRU" },
    { key: "gbStored", price: "dynamodbStorageGbMonth", text: "GB-month stored" },
    ...(pitr ? [{ key: "gbStored" as const, price: "dynamodbPitrGbMonth" as const, text: "GB-month of PITR backup" }] : []),
  ]);
}

/** An S3 bucket: GB-months of Standard storage (requests and transfer not included). */
export function estimateBucket(step: PlannedStep, a: Assumptions): Estimated {
  return awsLine(step, a, undefined, [{ key: "gbStored", price: "s3StandardGbMonth", text: "GB-month (Standard)" }]);
}
