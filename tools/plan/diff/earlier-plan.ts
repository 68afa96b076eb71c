/**
 * Reads the earlier plan that `--against` names: a document `npm run --silent plan -- --json` wrote
 * (extra fields, such as the `diff` of a plan run with `--against`, are ignored), or a deployed stack's
 * state as `pulumi stack export` or `pulumi preview --refresh --json` writes it (stack-export.ts), which makes
 * the diff a drift report.
 */
import * as fs from "fs";
import * as path from "path";
import { PlanInputError } from "../errors";
import type { PlanDocument } from "../types";
import { pathBase } from "../user-paths";
import { isPreviewJson, isStackExport, previewToStackExport, stackExportProblem, stackExportToPlan } from "./stack-export";

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The first reason `value` is not a plan document, or undefined when it is one. */
export function planDocumentProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return "expected a JSON object";
  for (const key of ["project", "stack"]) if (typeof value[key] !== "string") return `"${key}" must be a string`;
  if (!Array.isArray(value.steps)) return `"steps" must be an array`;
  if (!Array.isArray(value.policyViolations)) return `"policyViolations" must be an array`;
  for (const [i, s] of value.steps.entries()) {
    const where = `steps[${i}]`;
    if (!isRecord(s)) return `${where} must be an object`;
    for (const key of ["urn", "type", "name", "provider"]) if (typeof s[key] !== "string") return `${where}.${key} must be a string`;
    for (const key of ["protect", "retainOnDelete"]) if (typeof s[key] !== "boolean") return `${where}.${key} must be a boolean`;
    if (!isRecord(s.inputs)) return `${where}.inputs must be an object`;
  }
  return undefined;
}

/** Parses the text of an earlier plan; `label` names it in errors. @throws PlanInputError */
export function parseEarlierPlan(text: string, label: string): PlanDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new PlanInputError(`--against ${label} is not JSON: ${(err as Error).message}`);
  }
  if (isPreviewJson(value)) value = previewToStackExport(value);
  if (isStackExport(value)) {
    const exportProblem = stackExportProblem(value);
    if (exportProblem !== undefined) throw new PlanInputError(`--against ${label} is not a stack export (pulumi stack export): ${exportProblem}`);
    return stackExportToPlan(value as { deployment: { resources?: Record<string, unknown>[] } });
  }
  const problem = planDocumentProblem(value);
  if (problem !== undefined) throw new PlanInputError(`--against ${label} is not a plan document (npm run --silent plan -- --json): ${problem}`);
  return value as PlanDocument;
}

/**
 * Reads the earlier plan, relative to `--cwd` when given, else to where the command ran (as every
 * path flag of the plan). @throws PlanInputError when it is missing or not a plan document.
 */
export function readEarlierPlan(file: string, cwd: string | undefined): PlanDocument {
  const resolved = path.resolve(pathBase(cwd), file);
  if (!fs.existsSync(resolved)) throw new PlanInputError(`--against ${file}: no such file`);
  return parseEarlierPlan(fs.readFileSync(resolved, "utf8"), file);
}
