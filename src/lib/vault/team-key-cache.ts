// What a team member's device keeps of each care team so that the people the team serves open
// offline (issue 14 §1, "My people" offline): the team private key of one key version (PKCS#8)
// and the team's circles as the server last listed them (grants, the person's wraps to the team
// key, the colleague's vouching). Each team is one row of the vault's `meta` table (never synced),
// sealed with AES-256-GCM under the vault's active `settings` key like ./local-secret.ts, and
// bound to the team id AND the key version: the row's plain `keyVersion` is part of the additional
// data, so a row cannot be moved to another team or passed off as another version.
// Invariants: nothing of the key, the wraps or the grants is in clear in IndexedDB; nothing opens
// while the vault is locked or under another vault's keys; what is read back is only what this
// device saw verified online (the caller checks every signature again before use: the wraps with
// the person's vouched identity, the vouching with a pinned colleague). The caller drops a team's
// row when the server says the member is out (403, team no longer listed) and replaces it when
// the key version moves on.
import * as z from 'zod';
import { teamCirclesResponseSchema, type TeamCirclesResponse } from '$lib/contracts/teams';
import { open, seal } from '$lib/crypto/aead';
import { fromBase64Url, toBase64Url, utf8 } from '$lib/crypto/bytes';
import { importTeamPrivateKey } from '$lib/crypto/team-key';
import { makeCiphertext } from '$lib/crypto/types';
import { dbOf } from './db';
import type { Vault } from './vault';

const PREFIX = 'team-key:';
const CATEGORY = 'settings';
const SCHEMA_VERSION = 1;

const rowSchema = z.object({
	keyVersion: z.number().int().positive(),
	keyId: z.string().min(1),
	iv: z.string().min(1),
	data: z.string().min(1)
});

const bodySchema = z.object({
	teamId: z.string(),
	keyVersion: z.number().int().positive(),
	name: z.string(),
	publicKey: z.string(),
	/** PKCS#8, base64url. */
	privateKey: z.string().min(1),
	circles: teamCirclesResponseSchema.shape.circles
});
type Body = z.infer<typeof bodySchema>;

export type CachedTeamCircles = TeamCirclesResponse['circles'];

/** A team as this device last opened it online. */
export interface CachedTeamKey {
	readonly teamId: string;
	readonly keyVersion: number;
	readonly name: string;
	readonly publicKey: string;
	/** Non-extractable, deriveBits only. */
	readonly privateKey: CryptoKey;
	readonly circles: CachedTeamCircles;
}

const bound = (circleId: string, teamId: string, keyVersion: number, keyId: string) => ({
	id: `${PREFIX}${teamId}:${keyVersion}`,
	circleId,
	category: CATEGORY,
	keyId,
	schemaVersion: SCHEMA_VERSION
});

async function writeBody(vault: Vault, body: Body): Promise<boolean> {
	const keyId = vault.sharingKeyMaterial()?.activeKeyIds.get(CATEGORY);
	const header = await vault.header();
	if (keyId === undefined || header === null) return false;
	const key = await vault.categoryKey(keyId, false);
	if (key === null) return false;
	const sealed = await seal(
		key,
		bound(header.circleId, body.teamId, body.keyVersion, keyId),
		utf8(JSON.stringify(body))
	);
	await dbOf(vault).meta.put({
		key: `${PREFIX}${body.teamId}`,
		value: {
			keyVersion: body.keyVersion,
			keyId,
			iv: toBase64Url(sealed.iv),
			data: toBase64Url(sealed.data)
		}
	});
	return true;
}

async function readBody(vault: Vault, teamId: string): Promise<Body | null> {
	const row = rowSchema.safeParse((await dbOf(vault).meta.get(`${PREFIX}${teamId}`))?.value);
	const header = await vault.header();
	if (!row.success || header === null) return null;
	const key = await vault.categoryKey(row.data.keyId, false);
	if (key === null) return null;
	try {
		const plain = await open(
			key,
			bound(header.circleId, teamId, row.data.keyVersion, row.data.keyId),
			makeCiphertext(fromBase64Url(row.data.iv), fromBase64Url(row.data.data))
		);
		if (plain === null) return null;
		const body = bodySchema.safeParse(JSON.parse(new TextDecoder().decode(plain.bytes)));
		return body.success &&
			body.data.teamId === teamId &&
			body.data.keyVersion === row.data.keyVersion
			? body.data
			: null;
	} catch {
		return null;
	}
}

/**
 * Keeps `privateKey` (PKCS#8 of the team key of `keyVersion`, opened online under a pinned seal)
 * and the team's circles, replacing whatever this device kept of the team; false while locked.
 */
export function saveTeamKey(
	vault: Vault,
	team: {
		readonly teamId: string;
		readonly keyVersion: number;
		readonly name: string;
		readonly publicKey: string;
		readonly privateKey: Uint8Array<ArrayBuffer>;
		readonly circles: CachedTeamCircles;
	}
): Promise<boolean> {
	return writeBody(vault, {
		teamId: team.teamId,
		keyVersion: team.keyVersion,
		name: team.name,
		publicKey: team.publicKey,
		privateKey: toBase64Url(team.privateKey),
		circles: [...team.circles]
	});
}

/** The team's circles as the server lists them now, kept with the key already cached (if any). */
export async function saveTeamCircles(
	vault: Vault,
	teamId: string,
	name: string,
	circles: CachedTeamCircles
): Promise<void> {
	const body = await readBody(vault, teamId);
	if (body !== null) await writeBody(vault, { ...body, name, circles: [...circles] });
}

/** The team as this device kept it, key back in memory non-extractable; null: none, locked, or it does not authenticate. */
export async function readTeamKey(vault: Vault, teamId: string): Promise<CachedTeamKey | null> {
	const body = await readBody(vault, teamId);
	if (body === null) return null;
	const pkcs8 = fromBase64Url(body.privateKey);
	const privateKey = await importTeamPrivateKey(pkcs8);
	pkcs8.fill(0);
	if (privateKey === null) return null;
	return {
		teamId,
		keyVersion: body.keyVersion,
		name: body.name,
		publicKey: body.publicKey,
		privateKey,
		circles: body.circles
	};
}

/** The teams this device keeps a key of (ids only: they are the rows' names). */
export async function cachedTeamIds(vault: Vault): Promise<string[]> {
	const keys = await dbOf(vault).meta.where('key').startsWith(PREFIX).primaryKeys();
	return keys.map((k) => k.slice(PREFIX.length));
}

/** Drops what this device kept of a team (the member is out, or the key moved on unopened). */
export async function forgetTeamKey(vault: Vault, teamId: string): Promise<void> {
	await dbOf(vault).meta.delete(`${PREFIX}${teamId}`);
}
