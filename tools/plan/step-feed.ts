/**
 * Resources handed from the running program to the policy run as they register, so that the pack analyzes
 * each one while the program goes on (the engine calls its analyzers per registration during the preview,
 * and AnalyzeStack only once the program is done). Written by one side, iterated once by the other.
 */
export class StepFeed<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private outcome: { error?: unknown } | undefined;
  private wake: (() => void) | undefined;

  /** Everything pushed so far, in order. */
  get received(): readonly T[] {
    return this.items;
  }

  /** Hands over one item; ignored once the feed has ended. */
  push(item: T): void {
    if (this.outcome) return;
    this.items.push(item);
    this.notify();
  }

  /** No more items: the iteration ends after the last one. */
  end(): void {
    this.outcome ??= {};
    this.notify();
  }

  /** The producer failed: the iteration throws `error` after the items already pushed. */
  fail(error: unknown): void {
    this.outcome ??= { error };
    this.notify();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (let next = 0; ; ) {
      if (next < this.items.length) {
        yield this.items[next++];
      } else if (this.outcome) {
        if ("error" in this.outcome) throw this.outcome.error;
        return;
      } else {
        await new Promise<void>((resolve) => (this.wake = resolve));
      }
    }
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
