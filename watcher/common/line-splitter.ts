/**
 * Bytes in, complete lines out, with a bound on how long a line may grow: both ends of the
 * netmon socket read from a peer they do not control, and a peer that never sends a newline
 * must not make the reader buffer without limit. Lines are split on `\n` in the bytes (so a
 * UTF-8 character cut across two chunks stays whole) and a trailing `\r` is dropped.
 */

export type SplitResult =
  /** Every line the chunk completed, in order. */
  | { readonly ok: true; readonly lines: string[] }
  /** The unfinished line passed the bound; the lines completed before it are still given. */
  | { readonly ok: false; readonly lines: string[]; readonly pendingBytes: number };

export class LineSplitter {
  private chunks: Buffer[] = [];
  private pending = 0;
  private overflowed = false;

  constructor(readonly maxLineBytes: number) {
    if (!Number.isInteger(maxLineBytes) || maxLineBytes < 1) {
      throw new RangeError(`LineSplitter: maxLineBytes must be an integer >= 1, got ${maxLineBytes}`);
    }
  }

  /** Bytes not yet ended by a newline. */
  get pendingBytes(): number {
    return this.pending;
  }

  /**
   * Feeds one chunk. Once the bound has been passed the splitter stays failed: the owner is
   * expected to drop the peer, since the rest of the stream cannot be framed reliably.
   */
  push(chunk: Buffer): SplitResult {
    if (this.overflowed) return { ok: false, lines: [], pendingBytes: this.pending };
    const lines: string[] = [];
    let start = 0;
    for (let end = chunk.indexOf(0x0a); end !== -1; end = chunk.indexOf(0x0a, start)) {
      const piece = chunk.subarray(start, end);
      if (this.pending + piece.length > this.maxLineBytes) return this.overflow(lines, this.pending + piece.length);
      lines.push(this.take(piece));
      start = end + 1;
    }
    const rest = chunk.subarray(start);
    if (this.pending + rest.length > this.maxLineBytes) return this.overflow(lines, this.pending + rest.length);
    if (rest.length > 0) {
      // Copied: the caller's buffer may be reused once push returns.
      this.chunks.push(Buffer.from(rest));
      this.pending += rest.length;
    }
    return { ok: true, lines };
  }

  private take(last: Buffer): string {
    const whole = this.chunks.length === 0 ? last : Buffer.concat([...this.chunks, last]);
    this.chunks = [];
    this.pending = 0;
    const text = whole.toString('utf8');
    return text.endsWith('\r') ? text.slice(0, -1) : text;
  }

  private overflow(lines: string[], pendingBytes: number): SplitResult {
    this.overflowed = true;
    this.chunks = [];
    this.pending = pendingBytes;
    return { ok: false, lines, pendingBytes };
  }
}
