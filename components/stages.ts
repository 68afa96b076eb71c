/** The three stages of the reference design, in promotion order. */
export const STAGES = ["dev", "staging", "prod"] as const;

/** One deployment stage; each has its own Pulumi stack, workspace and catalog. */
export type Stage = (typeof STAGES)[number];

/** True for stages whose catalog only the stage's service principal writes (staging, prod); people write only in dev. */
export function isAutomatedStage(stage: Stage): boolean {
  return stage !== "dev";
}
