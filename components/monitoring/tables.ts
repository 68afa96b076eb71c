/**
 * The tables a project's monitors watch, declared by the stack so they exist before their monitor:
 * the batch predictions table, and the table the endpoint's served predictions are unpacked to from
 * the AI gateway's raw request/response log (JSON payloads a monitor cannot profile).
 */
import type * as databricks from "@pulumi/databricks";
import type * as pulumi from "@pulumi/pulumi";
import type { ColumnConfig } from "./monitoring-config";

/** Suffix of the unpacked inference table, beside the gateway's `<prefix>_payload`. */
export const SERVED_PREDICTIONS_SUFFIX = "_predictions";

/** `<prefix>_predictions`: one row per served prediction, with the monitored table's columns. */
export function servedPredictionsTableName(inferenceTablePrefix: string): string {
  return `${inferenceTablePrefix}${SERVED_PREDICTIONS_SUFFIX}`;
}

/** Where a monitored table lives and who owns it. */
export interface TablePlacement {
  /** The stage catalog. */
  catalogName: string;
  /** The `inference` schema; the schema resource's output, so the table waits for it. */
  schemaName: pulumi.Input<string>;
  /** The stage's writer: its service principal on staging and prod. */
  owner: string;
  /** The SQL warehouse that runs the table's DDL. */
  warehouseId: pulumi.Input<string>;
}

/** A managed Delta table with the declared columns, in column order. */
export function monitoredTableArgs(name: string, columns: readonly ColumnConfig[], placement: TablePlacement, comment: string): databricks.SqlTableArgs {
  return {
    name,
    catalogName: placement.catalogName,
    schemaName: placement.schemaName,
    tableType: "MANAGED",
    dataSourceFormat: "DELTA",
    owner: placement.owner,
    comment,
    warehouseId: placement.warehouseId,
    columns: columns.map((column) => ({
      name: column.name,
      type: column.type,
      ...(column.comment === undefined ? {} : { comment: column.comment }),
    })),
  };
}
