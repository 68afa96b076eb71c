/** Model serving per stage: the `serving` config block, the pure endpoint builders and the `ServingEndpoint` component. */
export * from "./endpoint";
export * from "./serving-config";
export * from "./serving-endpoint";
