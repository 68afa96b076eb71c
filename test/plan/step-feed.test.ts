import { StepFeed } from "../../tools/plan/step-feed";

async function collect<T>(feed: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of feed) items.push(item);
  return items;
}

describe("StepFeed", () => {
  test("yields items pushed before and while it is iterated, in order, and ends on end()", async () => {
    const feed = new StepFeed<number>();
    feed.push(1);
    const reading = collect(feed);
    await new Promise((resolve) => setImmediate(resolve));
    feed.push(2);
    feed.push(3);
    feed.end();
    feed.push(4); // after the end: ignored
    expect(await reading).toEqual([1, 2, 3]);
    expect(feed.received).toEqual([1, 2, 3]);
  });

  test("fail() ends the iteration with the error after the items already pushed", async () => {
    const feed = new StepFeed<string>();
    const seen: string[] = [];
    const reading = (async () => {
      for await (const item of feed) seen.push(item);
    })();
    feed.push("a");
    feed.fail(new Error("program crashed"));
    await expect(reading).rejects.toThrow("program crashed");
    expect(seen).toEqual(["a"]);
  });

  test("the first outcome wins: end() after fail() still throws", async () => {
    const feed = new StepFeed<string>();
    feed.fail(new Error("first"));
    feed.end();
    await expect(collect(feed)).rejects.toThrow("first");
  });
});
