/**
 * Answers kept for a while per key, so many anonymous readers of a public page cost one
 * computation per key and period, however many they are. A computation that fails is not kept.
 */
export class ExpiringCache<T> {
  private readonly entries = new Map<string, { expires: number; value: Promise<T> }>();

  constructor(private readonly ttlMs: number) {}

  /** The value for `key` computed less than ttlMs before `now`, or a new one from `compute`. */
  get(key: string, now: number, compute: () => Promise<T>): Promise<T> {
    const cached = this.entries.get(key);
    if (cached && cached.expires > now) return cached.value;
    const value = compute();
    this.entries.set(key, { expires: now + this.ttlMs, value });
    value.catch(() => this.entries.delete(key));
    return value;
  }
}
