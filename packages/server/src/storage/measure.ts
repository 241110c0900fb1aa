import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { SizeLimitError } from './backend';

/** Passes bytes through while counting them and hashing them (MD5), failing past `maxBytes`. */
export class Measure extends Transform {
  /** Bytes so far (not `size`, which some consumers read as a known total length). */
  byteCount = 0;
  private readonly hash = createHash('md5');

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.byteCount += chunk.length;
    if (this.byteCount > this.maxBytes) {
      callback(new SizeLimitError(this.maxBytes));
      return;
    }
    this.hash.update(chunk);
    callback(null, chunk);
  }

  /** The strong entity tag of what went through, quotes included; call once, after the end. */
  etag(): string {
    return `"${this.hash.digest('hex')}"`;
  }
}
