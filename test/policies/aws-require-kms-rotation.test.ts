import { findKeyRotationGap } from "../../policies/rules/aws-require-kms-rotation";

describe("aws-require-kms-rotation", () => {
  test("a rotating key passes", () => {
    expect(findKeyRotationGap("prod-mlops-workspace-storage", true)).toEqual([]);
  });

  test("a key without rotation, or with it off, is reported", () => {
    expect(findKeyRotationGap("k", undefined)).toEqual([
      "KMS key 'k' does not set enableKeyRotation; set enableKeyRotation: true so AWS rotates its key material every year.",
    ]);
    expect(findKeyRotationGap("k", false)).toEqual([
      "KMS key 'k' sets enableKeyRotation false; set enableKeyRotation: true so AWS rotates its key material every year.",
    ]);
  });
});
