// Keep memtop's own young generation at its starting size: imported first by the entry point, so it runs
// before the rest of memtop loads.
//
// Why: V8 doubles the young generation (up to 2 × 16 MB on 64-bit) when a burst of allocation survives,
// and startup is such a burst; it never gives that memory back, and every page of it is touched again by
// the allocations that follow. Measured on the live screen (160×48, 30 s): peak RSS 124 MB grown, 98 MB
// not grown, CPU no higher; heap snapshot analysis (620 MB) took as long either way. The growth factor is
// read each time V8 considers growing, so setting it here still works after the heap exists.
import v8 from 'node:v8';

v8.setFlagsFromString('--semi-space-growth-factor=1');
