// Pixels of a PNG Chromium wrote (8-bit RGB or RGBA, not interlaced): enough to tell a drawn picture from a blank one.
import zlib from 'node:zlib';

export interface Picture {
	readonly width: number;
	readonly height: number;
	/** [r, g, b] of the pixel at x, y. */
	pixel(x: number, y: number): [number, number, number];
}

export function readPng(bytes: Buffer): Picture {
	const width = bytes.readUInt32BE(16);
	const height = bytes.readUInt32BE(20);
	const [depth, colorType, interlace] = [bytes[24], bytes[25], bytes[28]];
	if (depth !== 8 || (colorType !== 2 && colorType !== 6) || interlace !== 0) throw new Error(`a PNG this reader does not know: depth ${depth}, colour type ${colorType}`);
	const channels = colorType === 6 ? 4 : 3;
	const idat: Buffer[] = [];
	for (let at = 8; at < bytes.length;) {
		const length = bytes.readUInt32BE(at);
		if (bytes.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + length));
		at += 12 + length;
	}
	const raw = zlib.inflateSync(Buffer.concat(idat));
	const stride = width * channels;
	const out = Buffer.alloc(height * stride);
	for (let y = 0; y < height; y++) {
		const filter = raw[y * (stride + 1)];
		for (let i = 0; i < stride; i++) {
			const x = raw[y * (stride + 1) + 1 + i];
			const a = i >= channels ? out[y * stride + i - channels] : 0;
			const b = y > 0 ? out[(y - 1) * stride + i] : 0;
			const c = y > 0 && i >= channels ? out[(y - 1) * stride + i - channels] : 0;
			const p = a + b - c;
			const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
			out[y * stride + i] = (x + [0, a, b, (a + b) >> 1, paeth][filter]) & 0xff;
		}
	}
	return { width, height, pixel: (x, y) => [out[y * stride + x * channels], out[y * stride + x * channels + 1], out[y * stride + x * channels + 2]] };
}
