import { z } from 'zod';

export const connectionId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/);
export const isoDateTime = z.iso.datetime({ offset: true });
/** Decimal amounts and quantities travel as strings, never binary floats. */
export const decimalString = z.string().regex(/^-?\d+(\.\d+)?$/);
/** BC ids are GUIDs that are not always RFC 4122 UUIDs (version nibble), hence z.guid(). */
export const bcId = z.guid();
export const signalSource = z.enum(['webhook', 'notification', 'poll', 'scan', 'resync', 'replay', 'backfill']);
