// Imported first by main.ts, so that every module loaded after it is compiled from the on-disk cache when
// warm (see ./compile-cache).
import { enablePlanCompileCache } from "./compile-cache";

enablePlanCompileCache();
