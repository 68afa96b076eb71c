/** Rewrites the table of modelled types in docs/ci.md: `node tools/run-ts.js tools/plan/read-back/write-docs-table.ts`. */
import * as fs from "fs";
import * as path from "path";
import { withModelTable } from "./docs-table";

const file = path.resolve(__dirname, "..", "..", "..", "docs", "ci.md");
fs.writeFileSync(file, withModelTable(fs.readFileSync(file, "utf8")));
