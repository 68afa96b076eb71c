/** The stage catalog's own storage: bucket, key, role, storage credential and external location. */
export * from "./catalog-storage";
export * from "./config";
export * from "./names";
export * from "./policies";
