import { experimentPath, parentFolder } from "../../components/pipelines/names";

describe("workspace paths", () => {
  test("the experiment lives in its project's folder, which the stack creates", () => {
    expect(experimentPath("prod", "churn")).toBe("/Shared/churn/prod-churn-experiment");
    expect(parentFolder(experimentPath("prod", "churn"))).toBe("/Shared/churn");
  });

  test("the parent of a top-level path, or of a path with a trailing slash", () => {
    expect(parentFolder("/Shared")).toBe("/");
    expect(parentFolder("/Shared/churn/")).toBe("/Shared");
    expect(parentFolder("/Users/a@example.com/exp")).toBe("/Users/a@example.com");
  });
});
