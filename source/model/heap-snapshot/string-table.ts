// A snapshot's strings as one buffer of UTF-8 bytes and where each ends, decoded when asked. As JS strings,
// the 1.3 M names of a 593 MiB snapshot and the array holding its 3.1 M entries took 56 MB of JS heap (and the
// heap grew to 90 MB around them); here they take 8.5 MB of bytes and 12.5 MB of offsets. Memtop decodes a name
// when it shows it or classifies by it: once per class, a few per retainer path.

const FIRST = 1 << 20;
const SHORT = 64;

export class StringTable {
	private bytes = Buffer.allocUnsafe(FIRST);
	private used = 0;
	private ends: Uint32Array;
	private count = 0;

	/** `expected`: how many strings are likely (more may come; the offsets grow). */
	constructor(expected = 1024) {
		this.ends = new Uint32Array(Math.max(expected, 16));
	}

	get length(): number {
		return this.count;
	}

	/** String `index`, or undefined past the end. */
	get(index: number): string | undefined {
		if (!(index >= 0 && index < this.count)) return undefined;
		return this.bytes.toString('utf8', index === 0 ? 0 : this.ends[index - 1], this.ends[index]);
	}

	/** The first byte of string `index` (no decoding), -1 when it is empty or absent. */
	firstByte(index: number): number {
		if (!(index >= 0 && index < this.count)) return -1;
		const start = index === 0 ? 0 : this.ends[index - 1];
		return start < this.ends[index] ? this.bytes[start] : -1;
	}

	/** Whether string `index` holds these bytes somewhere (no decoding: most names asked about do not). */
	includes(index: number, needle: Buffer): boolean {
		if (!(index >= 0 && index < this.count)) return false;
		const last = this.ends[index] - needle.length;
		const { bytes } = this;
		search: for (let at = index === 0 ? 0 : this.ends[index - 1]; at <= last; at++) {
			for (let k = 0; k < needle.length; k++) if (bytes[at + k] !== needle[k]) continue search;
			return true;
		}
		return false;
	}

	/** The index of the first string equal to text, or -1. */
	indexOf(text: string): number {
		const wanted = Buffer.from(text, 'utf8');
		for (let index = 0, start = 0; index < this.count; start = this.ends[index++]) {
			const end = this.ends[index];
			if (end - start === wanted.length && this.bytes.compare(wanted, 0, wanted.length, start, end) === 0) return index;
		}
		return -1;
	}

	/** The next string, from its UTF-8 bytes (copied: the caller may reuse them). */
	appendBytes(source: Buffer, start = 0, end = source.length): void {
		const length = end - start;
		if (this.used + length > this.bytes.length) this.growBytes(this.used + length);
		// Most names are a few bytes: a loop copies them faster than Buffer.copy's call.
		if (length <= SHORT) for (let k = 0, at = this.used; k < length; k++) this.bytes[at + k] = source[start + k];
		else source.copy(this.bytes, this.used, start, end);
		this.used += length;
		this.close();
	}

	appendText(text: string): void {
		this.appendBytes(Buffer.from(text, 'utf8'));
	}

	/** The next string is one memtop never shows: kept empty. */
	appendEmpty(): void {
		this.close();
	}

	/** Done adding: give back what the buffers hold spare. */
	trim(): void {
		if (this.bytes.length - this.used > this.used >>> 3) this.bytes = Buffer.from(this.bytes.subarray(0, this.used));
		if (this.ends.length - this.count > this.count >>> 3) this.ends = this.ends.slice(0, this.count);
	}

	private close(): void {
		if (this.count === this.ends.length) {
			const more = new Uint32Array(this.ends.length * 2);
			more.set(this.ends);
			this.ends = more;
		}
		this.ends[this.count++] = this.used;
	}

	private growBytes(least: number): void {
		if (least > 0xffffffff) throw new RangeError('the snapshot\'s names take more than 4 GiB');
		const bigger = Buffer.allocUnsafe(Math.min(0xffffffff, Math.max(least, this.bytes.length * 2)));
		this.bytes.copy(bigger, 0, 0, this.used);
		this.bytes = bigger;
	}
}
