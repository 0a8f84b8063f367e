// Offline before Cercle finished installing itself (no service worker yet): a screen whose code is
// not on the phone cannot open. The person is told so in words (not the bare "Something went
// wrong" that hid a saved blood pressure in a CI run of the journal journey), with the offline
// notice saying what was written is kept, and a way back that works.
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './pages/axe';
import { createJournalPages } from './pages/journal-pages';
import { createWelcomePage } from './pages/welcome-page';

const SECRET = 'quatre chats dorment au soleil';

// As if the worker were still installing: nothing is served from its cache.
test.use({ serviceWorkers: 'block' });

test('offline before the app is installed: a screen not yet here says so, and what was saved is kept', async ({
	page,
	context
}) => {
	const welcome = createWelcomePage(page);
	const journal = createJournalPages(page, SECRET);
	await welcome.goto();
	await welcome.chooseLanguage('English');
	await welcome.createJournal(SECRET);

	await context.setOffline(true);
	await journal.quickLogSymptom(/^Fatigue$/u);

	// A link to a screen whose code never came: the app's words, not a blank error.
	await page
		.getByRole('navigation')
		.getByRole('link', { name: /^Journal$/u })
		.first()
		.click();
	await expect(
		page.getByRole('heading', { name: 'Not on this phone yet: reconnect to open it' })
	).toBeVisible();
	// The layout's notice still says that what was written is kept.
	await expect(page.getByText('Everything you write is kept on this phone.')).toBeVisible();
	await expectNoAxeViolations(page, 'offline screen not yet on the phone');

	// Back online, the way back (a client-side link) and the screen open, with the saved entry.
	await context.setOffline(false);
	await page.getByRole('link', { name: 'Go to the start' }).click();
	await page
		.getByRole('navigation')
		.getByRole('link', { name: /^Journal$/u })
		.first()
		.click();
	await expect(page.getByText(/Fatigue 5\/10/u)).toBeVisible();
});
