// The shared care plan over one CircleView (issue 14 §6), for the person (her own vault) and for a
// member (a member circle): the versions and agreements read live from the view's `plan` records
// and each agreement verified HERE (`domain/plan/care-plan.ts`), and the binding of the two
// commands (commands/care-plan.ts: propose a version, agree to a version, ONE commit each through
// `view.records.commit`) to this vault's identity key.
// Whose keys verify (never a key the server lists): on the person's device, the identity keys she
// pinned for her members when their invitation proofs verified; on a member's device, the owner's
// pin, this account's own identity (from its vault) and the keys of the circle roster the person
// signed (`circle-roster.ts`: checked against the owner's pin, highest version kept), asked for
// again each time the plan is opened. A signature by anyone else is shown as "not verified on this
// device", in words, never as agreed; a roster the device refused is shown with its reason.
// Invariants: nothing is written without write on `plan`; only a professional member agrees; a
// proposal that changes nothing is not written.
import { sha256Text, signFields, verifyFields } from '$lib/crypto/framed-signature';
import { createCarePlanCommands } from '$lib/commands/care-plan';
import type { CareRole } from '$lib/domain/circle';
import type { CarePlanExportInput } from '$lib/domain/fhir/care-plan';
import { goalBodySchema } from '$lib/domain/journal/goals';
import { PLAN_KINDS, recordsToStates } from '$lib/domain/plan/board';
import {
	CARE_PLAN_KINDS,
	carePlanAgreementBodySchema,
	readCarePlan,
	type CarePlanCrypto,
	type CarePlanRecord,
	type CarePlanView,
	type TrustedKeyOf
} from '$lib/domain/plan/care-plan';
import type { VaultRecord } from '$lib/domain/records';
import { ownerPin, pinsOf } from '$lib/vault/pins';
import { signingIdentity } from '$lib/vault/sharing-keys';
import type { CircleView } from '$lib/domain/circle-view';
import { myCircles, refreshRoster, rosterKeys, type RosterStatus } from './circle.svelte';
import { checkAuthorsIn } from './record-authors';
import { vault } from './vault.svelte';

const carePlanCrypto: CarePlanCrypto = { hash: sha256Text, verify: verifyFields };

/** This account's care role in a circle it is a member of (null for the owner, or unknown). */
export async function myCareRole(circleId: string): Promise<CareRole | null> {
	const listed = await myCircles();
	if (!listed.ok) return null;
	return (
		listed.value.circles.find((c) => c.id === circleId && c.role === 'member')?.careRole ?? null
	);
}

/** The identity keys this device trusts for the view's accounts (see the header). */
export async function pinnedKeys(view: CircleView): Promise<TrustedKeyOf> {
	if (vault.status !== 'unlocked') return () => null;
	const v = vault.vault();
	const keys: { readonly accountId: string; readonly identityKey: string }[] = [];
	if (view.isOwner) {
		for (const pin of await pinsOf(v, view.circleId)) {
			if (pin.role === 'member' && pin.accountId !== null)
				keys.push({ accountId: pin.accountId, identityKey: pin.identityKey });
		}
		return (accountId) => keys.find((k) => k.accountId === accountId)?.identityKey ?? null;
	}
	const owner = await ownerPin(v, view.circleId);
	if (owner !== null) keys.push({ accountId: view.ownerId, identityKey: owner.identityKey });
	const own = await signingIdentity(v);
	if (own !== null) keys.push({ accountId: view.me, identityKey: own.identityKey });
	const listed = await rosterKeys(view.circleId);
	return (accountId) =>
		keys.find((k) => k.accountId === accountId)?.identityKey ??
		(accountId === view.ownerId ? null : listed(accountId));
}

/** The records with each writer checked on this device (`record-authors.ts`). */
const authored = <R extends VaultRecord>(view: CircleView, records: readonly R[]) =>
	vault.status === 'unlocked' ? checkAuthorsIn(vault.vault(), view, records) : records;

/** A member's device asks for the person's signed member list (null on the person's own device). */
export async function checkRoster(view: CircleView): Promise<RosterStatus | null> {
	if (view.isOwner || vault.status !== 'unlocked') return null;
	return refreshRoster(view.circleId);
}

/** Reads the care plan of a view once (the person's summary, the FHIR export). */
export async function loadCarePlan(view: CircleView): Promise<CarePlanView | null> {
	if (!view.canRead('plan')) return null;
	await checkRoster(view);
	const records = await view.records.query({ category: 'plan', kinds: CARE_PLAN_KINDS });
	return readCarePlan(await authored(view, records), {
		circleId: view.circleId,
		ownerId: view.ownerId,
		pinnedKeyOf: await pinnedKeys(view),
		crypto: carePlanCrypto
	});
}

/**
 * The ids among `extra` (care-plan records read from a file, not yet written) whose agreements
 * verify on this device, read together with the plan it holds: a file is never trusted for that.
 */
export async function verifiedAgreementIds(
	view: CircleView,
	extra: readonly CarePlanRecord[]
): Promise<readonly string[]> {
	const held = view.canRead('plan')
		? await view.records.query({ category: 'plan', kinds: CARE_PLAN_KINDS })
		: [];
	const ids = extra.map((r) => r.id);
	const read = await readCarePlan(
		[
			...(await authored(
				view,
				held.filter((r) => !ids.includes(r.id))
			)),
			...extra
		],
		{
			circleId: view.circleId,
			ownerId: view.ownerId,
			pinnedKeyOf: await pinnedKeys(view),
			crypto: carePlanCrypto
		}
	);
	return read.agreements.filter((a) => a.type === 'agreed' && ids.includes(a.id)).map((a) => a.id);
}

/** The care plan for the FHIR export (versions, agreements with their signed bodies), or none. */
export async function carePlanExportOf(view: CircleView): Promise<CarePlanExportInput | undefined> {
	if (!view.canRead('plan')) return undefined;
	const records = await view.records.query({ category: 'plan', kinds: CARE_PLAN_KINDS });
	const read = await readCarePlan(await authored(view, records), {
		circleId: view.circleId,
		ownerId: view.ownerId,
		pinnedKeyOf: await pinnedKeys(view),
		crypto: carePlanCrypto
	});
	if (read.versions.length === 0) return undefined;
	const agreements = read.agreements.flatMap((check) => {
		const body = carePlanAgreementBodySchema.safeParse(
			records.find((r) => r.id === check.id)?.body
		);
		return body.success ? [{ check, body: body.data }] : [];
	});
	return { versions: read.versions, agreements, ownerId: view.ownerId, nameOf: view.nameOf };
}

export interface CarePlanLinks {
	/** The person's own goals (when shared with this view), to link a plan goal to. */
	readonly goals: readonly { readonly id: string; readonly text: string }[];
	/** The board's tasks, to link an action to. */
	readonly tasks: readonly { readonly id: string; readonly title: string }[];
}

/** What a plan line may point at, read once from the view (nothing when not readable). */
export async function loadCarePlanLinks(view: CircleView): Promise<CarePlanLinks> {
	const goals = view.canRead('goals')
		? (await view.records.query({ category: 'goals', kinds: ['goal'] })).flatMap((r) => {
				const parsed = goalBodySchema.safeParse(r.body);
				return r.deleted || !parsed.success ? [] : [{ id: r.id, text: parsed.data.text }];
			})
		: [];
	const tasks = view.canRead('plan')
		? recordsToStates(
				await view.records.query({ category: 'plan', kinds: PLAN_KINDS }),
				view.ownerId
			).map((s) => ({ id: s.task.id, title: s.task.title }))
		: [];
	return { goals, tasks };
}

/** The care plan's two writes (commands/care-plan.ts), bound to this vault's identity. */
export const carePlanCommands = createCarePlanCommands({
	hash: sha256Text,
	signer: async () => {
		if (vault.status !== 'unlocked') return null;
		const identity = await signingIdentity(vault.vault());
		return identity === null
			? null
			: {
					identityKey: identity.identityKey,
					sign: (fields) => signFields(identity.privateKey, fields)
				};
	}
});

/**
 * Call during component initialisation: observes the view's care-plan records while mounted and
 * verifies each agreement after every change (the newest read wins over a slower older one).
 */
export function createCarePlan(
	view: () => CircleView,
	trusted: (view: CircleView) => Promise<TrustedKeyOf> = pinnedKeys,
	roster: (view: CircleView) => Promise<RosterStatus | null> = checkRoster
) {
	let plan = $state.raw<CarePlanView | null>(null);
	let rosterStatus = $state.raw<RosterStatus | null>(null);

	$effect(() => {
		const current = view();
		if (!current.canRead('plan')) {
			plan = { versions: [], agreements: [] };
			return;
		}
		let reads = 0;
		let live = true;
		// The roster first (a member's device), so the first read already trusts its keys.
		const ready = roster(current).then(
			(status) => {
				if (live) rosterStatus = status;
			},
			() => undefined
		);
		const stop = current.records.observe(
			{ category: 'plan', kinds: CARE_PLAN_KINDS },
			(records) => {
				const mine = ++reads;
				void (async () => {
					await ready;
					const read = await readCarePlan(await authored(current, records), {
						circleId: current.circleId,
						ownerId: current.ownerId,
						pinnedKeyOf: await trusted(current),
						crypto: carePlanCrypto
					});
					if (live && mine === reads) plan = read;
				})();
			}
		);
		return () => {
			live = false;
			stop();
		};
	});

	return {
		/** Versions (newest first) and checked agreements; null until the first read. */
		get plan() {
			return plan;
		},
		/** On a member's device, what it made of the person's member list (null: not asked). */
		get roster() {
			return rosterStatus;
		}
	};
}
