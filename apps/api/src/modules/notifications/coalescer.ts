/**
 * Coalesces single-row statements that many concurrent jobs issue in the same turn of the event
 * loop into one statement over all of them (one round trip instead of one each). `run` gets the
 * items in order and answers one result per item, in the same order; when it throws, every
 * caller of that batch gets the error.
 */
export class Coalescer<T, R> {
  private pending: { item: T; resolve: (result: R) => void; reject: (error: unknown) => void }[] = [];
  private scheduled = false;

  constructor(
    private readonly run: (items: T[]) => Promise<R[]>,
    private readonly max = 200,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.pending.length >= this.max) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.pending.splice(0);
    if (batch.length === 0) return;
    this.run(batch.map((b) => b.item)).then(
      (results) => batch.forEach((b, i) => b.resolve(results[i] as R)),
      (error: unknown) => batch.forEach((b) => b.reject(error)),
    );
  }
}
