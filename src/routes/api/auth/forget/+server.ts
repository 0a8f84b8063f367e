// Thin adapter: "Forget this device" ends the session and clears site data (logic in server/).
import { endpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = endpoint('forgetDevice');
