/** The three stages of the reference design, in promotion order. */
export const STAGES = ["dev", "staging", "prod"] as const;

/** One deployment stage; each has its own Pulumi stack, workspace and catalog. */
export type Stage = (typeof STAGES)[number];

/** True for stages whose catalog is written only by the stage's service principal. */
export function isAutomatedStage(stage: Stage): boolean {
  return stage !== "dev";
}
