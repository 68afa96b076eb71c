/**
 * The library: components and the pure functions behind them. The Pulumi program (`../index.ts`)
 * is one use of it; other programs can compose the same parts.
 */
export * from "./catalog-access";
export * from "./catalog-storage";
export * from "./config";
export * from "./config-fields";
export * from "./config-namespaces";
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
export * from "./serving";
export * from "./stage-catalog";
export * from "./stages";
export * from "./workspace/aws-foundation";
export * from "./workspace/aws-network";
export * from "./workspace/config";
export * from "./workspace/created-workspace";
export * from "./workspace/identity-plan";
export * from "./workspace/iam-policies";
export * from "./workspace/names";
export * from "./workspace/network";
export * from "./workspace/policy-documents";
export * from "./workspace/stage-workspace";
export * from "./workspace/storage-policies";
export * from "./workspace/workspace-baseline";
export * from "./workspace/workspace-identities";
