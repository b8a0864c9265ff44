/**
 * Turns a push-style producer (node-llama-cpp's onTextChunk callback) into an async iterable.
 * Chunks produced while the consumer is busy are buffered, in order; end/fail settle the
 * iterator after the buffered chunks have been read.
 */
export class TextChannel implements AsyncIterableIterator<string> {
  private readonly buffer: string[] = [];
  private pending: { resolve(result: IteratorResult<string>): void; reject(error: unknown): void } | undefined;
  private finished = false;
  private failure: { error: unknown } | undefined;

  push(text: string): void {
    if (this.finished || text === "") return;
    if (this.pending) {
      const { resolve } = this.pending;
      this.pending = undefined;
      resolve({ value: text, done: false });
    } else {
      this.buffer.push(text);
    }
  }

  end(): void {
    if (this.finished) return;
    this.finished = true;
    this.settlePending();
  }

  fail(error: unknown): void {
    if (this.finished) return;
    this.finished = true;
    this.failure = { error };
    this.settlePending();
  }

  private settlePending(): void {
    if (!this.pending || this.buffer.length > 0) return;
    const { resolve, reject } = this.pending;
    this.pending = undefined;
    if (this.failure) reject(this.failure.error);
    else resolve({ value: undefined, done: true });
  }

  next(): Promise<IteratorResult<string>> {
    const text = this.buffer.shift();
    if (text !== undefined) return Promise.resolve({ value: text, done: false });
    if (this.finished) {
      const failure = this.failure;
      this.failure = undefined;
      return failure ? Promise.reject(failure.error) : Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
    });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<string> {
    return this;
  }
}
