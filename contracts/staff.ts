import { z } from 'zod';

/** A staff member who may log in at a lane or on the console. */
export const AttendantAccount = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  role: z.enum(['attendant', 'supervisor']),
  /** `scrypt$<salt hex>$<hash hex>` (see core/pin.ts hashPin). */
  pinHash: z.string().regex(/^scrypt\$[0-9a-f]+\$[0-9a-f]+$/),
});
export type AttendantAccount = z.infer<typeof AttendantAccount>;
