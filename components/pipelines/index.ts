/** ML pipelines per stage: config of the `mlProjects` key, the pure builders and the `MlProject` component. */
export * from "./access";
export * from "./code-layout";
export * from "./cron";
export * from "./jobs";
export * from "./ml-project";
export * from "./names";
export * from "./preflight";
export * from "./project-checks";
export * from "./project-config";
export * from "./task-graph";
export * from "./tasks";
