/**
 * Values the policy tests share. The recorded prod stage is in prod-stage.ts, apart, because recording
 * it loads the Pulumi runtime, which tests that only need these values should not pay for.
 */
import { SP_PROD } from "../support/stage-configs";

export { PROJECT, STACK, plannedStep, replaceStep, withInputs } from "../support/planned-steps";

/** Application id of the prod service principal. */
export const PROD_SP = SP_PROD;
/** The access model's read set, as a compliant human grant lists it. */
export const DATA_SCIENTIST_READ = ["BROWSE", "EXECUTE", "READ_VOLUME", "SELECT", "USE_CATALOG", "USE_SCHEMA"];
/** A write grant as a stage's service principal may hold it. */
export const SP_WRITE = ["USE_CATALOG", "USE_SCHEMA", "CREATE_SCHEMA", "CREATE_TABLE", "CREATE_MODEL", "MODIFY", "SELECT", "EXECUTE"];
