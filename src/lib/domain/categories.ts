// The categories of a person's data. Sharing, keys and sync all work per category: a member of the
// circle is granted read or write on a category, and each category has its own encryption key.
import * as z from 'zod/mini';

export const CATEGORIES = [
	'symptoms',
	'measurements',
	'medications',
	'goals',
	'plan',
	'decisions',
	'surveys',
	'notes',
	'settings'
] as const;

export const categorySchema = z.enum(CATEGORIES);
export type Category = z.infer<typeof categorySchema>;

/** Categories that can be shared with members of the circle (settings never leave the device). */
export const SHAREABLE_CATEGORIES = CATEGORIES.filter(
	(c): c is Exclude<Category, 'settings'> => c !== 'settings'
);
