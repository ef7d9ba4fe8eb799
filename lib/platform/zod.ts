/**
 * The one place the app imports zod from. The CSP forbids eval, and zod would otherwise probe
 * for it with `Function("")` the first time it parses an object, which the browser reports as
 * a CSP violation. Jitless mode never tries.
 */
import { z } from "zod";

z.config({ jitless: true });

export { z };
