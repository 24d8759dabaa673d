import { z } from 'zod';

/** The value the crash-test worker consumes. */
export const workerValue = z.object({ connectionId: z.string(), key: z.string(), seq: z.number().int() });
