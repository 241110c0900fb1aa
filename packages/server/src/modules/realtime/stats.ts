/** Frames and bytes sent to clients, counted per second over the last minute. */

const WINDOW = 60;

/** A one-minute sliding count of frames and bytes sent. */
export class SendStats {
  private readonly messages = new Float64Array(WINDOW);
  private readonly bytes = new Float64Array(WINDOW);
  private second = 0;

  constructor(private readonly now: () => number = Date.now) {
    this.second = Math.floor(now() / 1000);
  }

  private advance(): number {
    const second = Math.floor(this.now() / 1000);
    for (let s = Math.max(this.second + 1, second - WINDOW + 1); s <= second; s++) {
      this.messages[s % WINDOW] = 0;
      this.bytes[s % WINDOW] = 0;
    }
    this.second = Math.max(this.second, second);
    return second % WINDOW;
  }

  /** Counts one frame of `size` bytes. */
  sent(size: number): void {
    const slot = this.advance();
    this.messages[slot] += 1;
    this.bytes[slot] += size;
  }

  /** Frames and bytes per second, averaged over the last minute. */
  rates(): { messagesPerSecond: number; bytesPerSecond: number } {
    this.advance();
    let messages = 0;
    let bytes = 0;
    for (let i = 0; i < WINDOW; i++) {
      messages += this.messages[i];
      bytes += this.bytes[i];
    }
    return { messagesPerSecond: messages / WINDOW, bytesPerSecond: bytes / WINDOW };
  }
}
