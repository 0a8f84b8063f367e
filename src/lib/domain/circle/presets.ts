// What a care role usually needs to see, as a starting point the person then adjusts (issue 11 §5):
// inviting a nurse should not mean setting eight drop-downs one by one. A preset is only a proposal
// shown in the invitation form; the grants actually given are the ones the person confirms.
// Invariants: a preset never includes `settings` (not shareable), grants "write" only where the
// role's job is to act (tasks, a nurse's measurements), and has no end date.
import type { CareRole, Grant, ShareableCategory } from './index';

type Access = Grant['access'];

const PRESETS: Record<CareRole, Partial<Record<ShareableCategory, Access>>> = {
	// Family or friend: follows how the person is doing and shares the tasks.
	carer: {
		symptoms: 'read',
		measurements: 'read',
		medications: 'read',
		goals: 'read',
		plan: 'write'
	},
	// Home nurse: records the measurements taken at a visit, checks the medicines, shares tasks.
	nurse: {
		symptoms: 'read',
		measurements: 'write',
		medications: 'read',
		plan: 'write',
		notes: 'read'
	},
	// Doctor: the whole clinical picture, read only.
	doctor: {
		symptoms: 'read',
		measurements: 'read',
		medications: 'read',
		goals: 'read',
		plan: 'read',
		decisions: 'read',
		surveys: 'read'
	},
	// Pharmacist: the medicines and what may interact with them.
	pharmacist: { medications: 'read', measurements: 'read' },
	coordinator: { goals: 'read', plan: 'write', medications: 'read' },
	// Social worker: what matters to the person and the practical tasks, nothing clinical.
	'social-worker': { goals: 'read', plan: 'write' },
	other: {}
};

/** The grants proposed for `role`, in the categories' usual order. */
export function presetGrants(role: CareRole, order: readonly ShareableCategory[]): Grant[] {
	const preset = PRESETS[role];
	return order.flatMap((category) => {
		const access = preset[category];
		return access === undefined ? [] : [{ category, access, until: null }];
	});
}
