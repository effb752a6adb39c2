// Handle types as the screen names them (getActiveResourcesInfo()) against async_hooks' resource types, which
// the handle tracer watches; and how long one trace runs.

/** How long a handle trace records creation stacks before it switches itself off. */
export const TRACE_MS = 30_000;

/** getActiveResourcesInfo() names handle types one way, async_hooks another. */
const ASYNC_TYPES: Readonly<Record<string, string>> = {
	Timeout: 'Timeout', Immediate: 'Immediate', TCPSocketWrap: 'TCPWRAP', TCPServerWrap: 'TCPSERVERWRAP', PipeWrap: 'PIPEWRAP',
	PipeServerWrap: 'PIPESERVERWRAP', TTYWrap: 'TTYWRAP', UDPWrap: 'UDPWRAP', ProcessWrap: 'PROCESSWRAP', FSReqCallback: 'FSREQCALLBACK',
	FileHandle: 'FILEHANDLE', FSEventWrap: 'FSEVENTWRAP', StatWatcher: 'STATWATCHER', SignalWrap: 'SIGNALWRAP', GetAddrInfoReqWrap: 'GETADDRINFOREQWRAP',
	TCPConnectWrap: 'TCPCONNECTWRAP', ShutdownWrap: 'SHUTDOWNWRAP', WriteWrap: 'WRITEWRAP', Timer: 'Timeout',
};

/** The async_hooks types to trace for handle types as getActiveResourcesInfo() names them. */
export function asyncTypesOf(handleTypes: readonly string[]): string[] {
	return [...new Set(handleTypes.map((t) => ASYNC_TYPES[t] ?? t.toUpperCase()))];
}

/** The other way round: how the screen names what the tracer found. */
export function handleTypeOf(asyncType: string): string {
	return Object.entries(ASYNC_TYPES).find(([, a]) => a === asyncType)?.[0] ?? asyncType;
}
