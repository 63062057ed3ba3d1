/**
 * A least-recently-used cache bounded by the bytes of its values (a Map keeps insertion order, so
 * its first key is the least recently used). Small on purpose; the reads of plans need no more.
 */
export class ByteCache<V extends { body: Uint8Array }> {
  private readonly entries = new Map<string, V>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /** Keeps `value` unless it alone exceeds the bound; evicts the least recently used to fit it. */
  set(key: string, value: V): void {
    this.delete(key);
    if (value.body.byteLength > this.maxBytes) return;
    this.entries.set(key, value);
    this.bytes += value.body.byteLength;
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= old.body.byteLength;
    }
  }

  delete(key: string): void {
    const old = this.entries.get(key);
    if (old === undefined) return;
    this.entries.delete(key);
    this.bytes -= old.body.byteLength;
  }
}
