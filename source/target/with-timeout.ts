// A protocol call that must not hang a detach: it fails with a ConnectError after `ms`.
import { ConnectError } from '../errors.js';

/** The promise's outcome, or a ConnectError with `message` if it takes longer than `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
	let timer: NodeJS.Timeout;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new ConnectError(message)), ms);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
