/**
 * The stack layer: a stack's config parsed and validated with every per-stage default, and the
 * composition of one stage (`MlopsStage`) from the library's public exports (`../components`).
 */
export * from "./catalog-access";
export * from "./config";
export * from "./config-namespaces";
export * from "./config-source";
export * from "./identity-plan";
export * from "./mlops-stage";
export * from "./project-operations";
export * from "./stage-storage";
export * from "./stage-workspace";
