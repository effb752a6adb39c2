// chrome-remote-interface ships no types for its client class; memtop subclasses it (collector/bounded-client.ts).
declare module 'chrome-remote-interface/lib/chrome.js' {
	const Chrome: unknown;
	export default Chrome;
}
