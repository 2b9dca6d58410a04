// Worker entry: register tsx's loader in this thread (workers do not inherit the main thread's
// module hooks), then run the TypeScript worker named in workerData.entry.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
