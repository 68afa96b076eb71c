import * as fs from "fs";
import * as path from "path";
import type { z } from "zod";
import { stageConfigSchema } from "../../stack/config";

/** Dotted paths of every object key in a zod schema (through optional/default wrappers). */
function keyPaths(schema: z.ZodType, prefix = ""): string[] {
  const def = schema._zod.def as { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType };
  if (def.type === "optional" || def.type === "default") return keyPaths(def.innerType as z.ZodType, prefix);
  if (def.type !== "object" || !def.shape) return [];
  return Object.entries(def.shape).flatMap(([key, child]) => {
    const own = prefix ? `${prefix}.${key}` : key;
    const nested = keyPaths(child, own);
    return nested.length > 0 ? nested : [own];
  });
}

describe("docs/configuration.md", () => {
  const doc = fs.readFileSync(path.join(__dirname, "..", "..", "docs", "configuration.md"), "utf8");

  it("documents every configuration key of the schema", () => {
    const paths = keyPaths(stageConfigSchema);
    expect(paths).toEqual(expect.arrayContaining(["stage", "workspace.host", "unityCatalog.extraGrants"]));
    const undocumented = paths.filter((key) => !doc.includes(`| \`${key}\` |`));
    expect(undocumented).toEqual([]);
  });
});
