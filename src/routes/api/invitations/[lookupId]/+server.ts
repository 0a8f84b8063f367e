// Thin adapter: the invitee previews an invitation (logic in server/circle, contract in src/lib/contracts/circle.ts).
import { endpoint } from '$server/context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = endpoint('previewInvitation');
