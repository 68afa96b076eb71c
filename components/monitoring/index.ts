/** Monitoring per stage: the `monitoring` and `alerts` config blocks, their pure builders and the `ProjectMonitoring` component. */
export * from "./alerts";
export * from "./alerts-config";
export * from "./monitor";
export * from "./monitoring-config";
export * from "./project-monitoring";
export * from "./retraining";
export * from "./tables";
export * from "./unpack";
export * from "./warehouse";
