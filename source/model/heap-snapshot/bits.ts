// One bit per edge or node instead of a byte: flags over 22 M edges take 2.8 MB rather than 22 MB, and the
// analysis's peak memory is what it holds at once. Reading a bit costs a shift and a mask, no branch.

export type Bits = Uint8Array;

export const newBits = (count: number): Bits => new Uint8Array((count + 7) >>> 3);

/** Every bit set (the spare bits of the last byte too: they are never read). */
export const allBits = (count: number): Bits => newBits(count).fill(0xff);

export const hasBit = (bits: Bits, index: number): boolean => ((bits[index >>> 3] >>> (index & 7)) & 1) === 1;

export function setBit(bits: Bits, index: number): void {
	bits[index >>> 3] |= 1 << (index & 7);
}

export function clearBit(bits: Bits, index: number): void {
	bits[index >>> 3] &= ~(1 << (index & 7));
}
