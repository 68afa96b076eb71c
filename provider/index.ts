/**
 * The component package's entry point. The Node.js language host loads this file and serves every component class
 * it exports; the schema other languages see is inferred from these classes' TypeScript args and their JSDoc.
 * Only schema-friendly facades are exported here: the library's own classes stay the TypeScript API.
 */
export { OnlineStore } from "./online-store";
export { ServingEndpoint } from "./serving-endpoint";
