/**
 * The inventory of a stage's protected data: the URNs of its protected data-holding resources, which
 * `data-forbid-dropped-resources` checks every later program against (policies/config/<stage>.json).
 */
import { DATA_HOLDING_TYPES } from "../../policies/rules/data-require-deletion-protection";
import type { PlannedStep } from "../plan/types";

/** The URNs of the plan's protected data-holding resources, sorted, as the inventory lists them. */
export function inventoryOf(steps: readonly PlannedStep[]): string[] {
  return steps
    .filter((s) => s.protect && DATA_HOLDING_TYPES.includes(s.type))
    .map((s) => s.urn)
    .sort();
}

/** What differs between an inventory on file and the plan's. */
export function compareInventories(onFile: readonly string[], planned: readonly string[]): { added: string[]; dropped: string[] } {
  return { added: planned.filter((u) => !onFile.includes(u)), dropped: onFile.filter((u) => !planned.includes(u)) };
}
