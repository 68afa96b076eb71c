/**
 * The library: components and the pure functions behind them. The Pulumi program (`../index.ts`)
 * is one use of it; other programs can compose the same parts.
 */
export * from "./catalog-access";
export * from "./config";
export * from "./config-source";
export * from "./mlops-stage";
export * from "./monitoring";
export * from "./naming";
export * from "./online-store";
export * from "./pipelines";
export * from "./principals";
export * from "./privileges";
export * from "./project-operations";
export * from "./providers";
export * from "./schema-helpers";
export * from "./serving";
export * from "./stage-catalog";
export * from "./stages";
