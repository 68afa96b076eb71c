/**
 * Options components give their children. A Pulumi user expects `protect` given to a component to reach its
 * children; an explicit `protect: false` on a child would override it, so unprotected data leaves it unset.
 */
import type * as pulumi from "@pulumi/pulumi";

/** Protected and retained when `protectData`; otherwise nothing set, so the child inherits its parent's `protect`. */
export function dataProtection(protectData: boolean): Pick<pulumi.CustomResourceOptions, "protect" | "retainOnDelete"> {
  return protectData ? { protect: true, retainOnDelete: true } : {};
}
