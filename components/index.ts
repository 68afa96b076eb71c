/**
 * The library's public surface: the components, their args, the pure builders behind them and each
 * capability's config schema and checks. Importing it declares nothing and reads no config. The stacks
 * (`../stack`, `../index.ts`) use it only through this file, as any other program would.
 */
export * from "./arg-checks";
export * from "./args-error";
export * from "./catalog-access";
export * from "./config-fields";
export * from "./catalog-storage";
export * from "./monitoring";
export * from "./naming";
export * from "./online-store";
export * from "./pipelines";
export * from "./principals";
export * from "./privileges";
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
export * from "./workspace/storage-policies";
export * from "./workspace/workspace-baseline";
export * from "./workspace/workspace-identities";
