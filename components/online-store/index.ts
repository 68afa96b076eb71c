/** Online store per project: the `onlineStore` config block, the pure table, key and policy builders and the `OnlineStore` component. */
export * from "./online-store";
export * from "./online-store-config";
export * from "./store";
