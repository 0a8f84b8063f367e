// The Teams screens: creating a team says what is missing next to each field; a team card shows
// the team code, members with their roles, "Remove" for an admin and "Leave" for oneself, an
// acceptance waiting for confirmation, the key change after someone left, and an invitation link
// with its QR code; the person's "Invite a care team" refuses a malformed code and an empty
// choice, and sends read grants for what she ticked. EN and FR, axe clean.
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { TeamDetail } from '$lib/contracts/teams';
import type { Grant } from '$lib/domain/circle';
import { setLocale } from '$lib/paraglide/runtime.js';
import CreateTeamForm from '$lib/ui/teams/CreateTeamForm.svelte';
import InviteTeamForm from '$lib/ui/teams/InviteTeamForm.svelte';
import TeamCard from '$lib/ui/teams/TeamCard.svelte';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function expectAxeClean(): Promise<void> {
	const results = await axe.run(document.body, { runOnly: { type: 'tag', values: TAGS } });
	expect(
		results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)
	).toEqual([]);
}

const KEY = `B${'A'.repeat(86)}`;
const TEAM_ID = '0190a3c4-5b6d-7e8f-9a0b-1c2d3e4f5a6b';
const team: TeamDetail = {
	teamId: TEAM_ID,
	name: 'SSIAD du Port',
	kind: 'home-nursing',
	keyVersion: 2,
	publicKey: KEY,
	keySignature: 'A'.repeat(86),
	keySignerAccountId: 'anne',
	keySignerIdentityKey: KEY,
	myRole: 'admin',
	myWrap: 'AAAA',
	myWrapSignerAccountId: 'anne',
	rotationPending: true,
	members: [
		{
			accountId: 'anne',
			role: 'admin',
			label: 'Anne',
			identityKey: KEY,
			sharingKey: KEY,
			joinedAt: 1
		},
		{
			accountId: 'bruno',
			role: 'member',
			label: 'Bruno',
			identityKey: KEY,
			sharingKey: KEY,
			joinedAt: 2
		}
	],
	invitations: [
		{
			id: 'inv-1',
			role: 'member',
			createdAt: 1,
			expiresAt: 2,
			status: 'accepted',
			acceptance: {
				accountId: 'chloe',
				label: 'Chloé',
				identityKey: KEY,
				sharingKey: KEY,
				proof: 'p'
			}
		}
	]
};

afterEach(() => {
	void setLocale('en', { reload: false });
});

describe('Teams UI', () => {
	it('creates a team only with a name and your name (EN)', async () => {
		const calls: string[] = [];
		render(CreateTeamForm, {
			onsubmit: async (input: { name: string; kind: string; label: string }) => {
				calls.push(`${input.name}|${input.kind}|${input.label}`);
				await Promise.resolve();
				return null;
			}
		});
		await page.getByRole('button', { name: 'Create the team' }).click();
		await expect.element(page.getByText('Give the team a name.')).toBeVisible();
		await expect.element(page.getByText('Say how your colleagues know you.')).toBeVisible();
		await expectAxeClean();
		expect(calls).toEqual([]);
		await page.getByLabelText('Name of the team').fill('SSIAD du Port');
		await page.getByLabelText('Kind of team').selectOptions('Home-nursing service');
		await page.getByLabelText('Your name in the team').fill('Anne');
		await page.getByRole('button', { name: 'Create the team' }).click();
		await expect.element(page.getByText('✓ Team created.')).toBeVisible();
		expect(calls).toEqual(['SSIAD du Port|home-nursing|Anne']);
	});

	it('shows members, the acceptance to confirm, the key change and a link (FR)', async () => {
		await setLocale('fr', { reload: false });
		const calls: string[] = [];
		render(TeamCard, {
			team,
			myAccountId: 'anne',
			oninvite: async () => {
				calls.push('invite');
				await Promise.resolve();
				return { link: 'https://cercle.test/teams/join#secret' };
			},
			onconfirm: async (id: string) => {
				calls.push(`confirm:${id}`);
				await Promise.resolve();
				return null;
			},
			onremove: async (id: string) => {
				calls.push(`remove:${id}`);
				await Promise.resolve();
				return 'Vous êtes la dernière administratrice.';
			},
			onrotate: async () => {
				calls.push('rotate');
				await Promise.resolve();
				return null;
			}
		});
		await expect
			.element(page.getByLabelText('Code de l’équipe à donner aux personnes que vous suivez'))
			.toHaveValue(TEAM_ID);
		await expect.element(page.getByText('Anne (vous) (administratrice)')).toBeVisible();
		await expect.element(page.getByText('Bruno (membre)')).toBeVisible();
		await expect.element(page.getByText('Chloé a accepté votre invitation.')).toBeVisible();
		await expectAxeClean();

		await page.getByRole('button', { name: 'Confirmer Chloé' }).click();
		await expect
			.element(page.getByText('✓ Confirmé\u202f: Chloé détient maintenant la clé de l’équipe.'))
			.toBeVisible();
		await page.getByRole('button', { name: 'Changer la clé de l’équipe maintenant' }).click();
		await page.getByRole('button', { name: 'Quitter l’équipe' }).click();
		await expect.element(page.getByText('Vous êtes la dernière administratrice.')).toBeVisible();
		await page.getByRole('button', { name: 'Retirer Bruno' }).click();
		await page.getByRole('button', { name: 'Inviter un ou une collègue' }).click();
		await expect
			.element(page.getByRole('textbox', { name: /Lien/ }))
			.toHaveValue('https://cercle.test/teams/join#secret');
		await expectAxeClean();
		expect(calls).toEqual(['confirm:inv-1', 'rotate', 'remove:anne', 'remove:bruno', 'invite']);
	});

	it('lets the person invite a team with its code and what it may read (EN)', async () => {
		const sent: string[] = [];
		render(InviteTeamForm, {
			onsubmit: async (teamId: string, label: string, grants: Grant[]) => {
				sent.push(`${teamId}|${label}|${grants.map((g) => `${g.category}:${g.access}`).join(',')}`);
				await Promise.resolve();
				return null;
			}
		});
		await page.getByLabelText('Team code').fill('not a code');
		await page.getByRole('button', { name: 'Invite the team' }).click();
		await expect.element(page.getByText(/A team code looks like/)).toBeVisible();
		await expect.element(page.getByText('Choose at least one thing to share.')).toBeVisible();
		await expectAxeClean();
		await page.getByLabelText('Team code').fill(TEAM_ID.toUpperCase());
		await page.getByLabelText('How you name this team').fill('Les infirmières');
		await page.getByRole('checkbox').first().click();
		await page.getByRole('button', { name: 'Invite the team' }).click();
		await expect.element(page.getByText(/The team is in your circle/)).toBeVisible();
		expect(sent).toHaveLength(1);
		expect(sent[0]).toMatch(new RegExp(`^${TEAM_ID}\\|Les infirmières\\|\\w+:read$`));
	});
});
