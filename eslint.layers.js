// The layers of ARCHITECTURE.md ("Layers and what may import what"), enforced: one
// `no-restricted-imports` block per folder. An import is named by alias (`$lib/vault/…`) or by a
// relative path that climbs out of the folder (`../vault/…`); both are refused.
//
// Allowed, from the bottom up: domain → domain; crypto → crypto (and the one Result); vault ↛
// state, ui, commands; commands ↛ state, ui, crypto; state ↛ ui; ui and routes ↛ vault, crypto, dexie,
// server (they may import commands). The vault's Dexie database is its own: nothing outside
// src/lib/vault imports `vault/db` or Dexie, and `vault/testing` (the tables, for tests) is imported
// under tests/ only (the benchmarks keep plain Dexie as a baseline).
// A folder's rules are in ONE block: in a flat config the last block naming a file replaces the
// whole `no-restricted-imports` of the earlier ones, so a folder listed twice loses its first rule.

/** The alias and relative forms of a folder under src/lib. */
const layer = (name) => [`$lib/${name}`, `$lib/${name}/*`, `../${name}/*`, `../../${name}/*`];

const rule = (message, ...names) => [
	'error',
	{ patterns: [{ group: names.flatMap(layer), message }] }
];

/** The vault's private modules, by alias or by any relative path. */
const vaultDb = ['$lib/vault/db', '**/vault/db', '**/vault/db.js'];
const vaultTesting = ['$lib/vault/testing', '**/vault/testing', '**/vault/testing.js'];
const DB_MESSAGE =
	'The vault keeps its Dexie database private: use the vault API (tests: vault/testing).';
const dexie = { name: 'dexie', message: DB_MESSAGE };

export const layerRules = [
	{
		files: ['src/lib/ui/**', 'src/routes/**'],
		ignores: ['src/routes/**/+server.ts', 'src/hooks.server.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: [{ name: 'dexie', message: 'The UI reads through state, never Dexie.' }],
					patterns: [
						{
							group: [...layer('vault'), ...layer('crypto'), '$server', '$server/*'],
							message:
								'ui and routes never import the vault, crypto or the server: go through state (types: $lib/domain).'
						}
					]
				}
			]
		}
	},
	{
		files: ['src/lib/vault/**'],
		rules: {
			'no-restricted-imports': rule(
				'The vault never imports state, ui or commands.',
				'state',
				'ui',
				'commands'
			)
		}
	},
	{
		files: ['src/lib/commands/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: [{ name: 'svelte', message: 'Commands hold no runes: state does.' }, dexie],
					patterns: [
						{ group: [...vaultDb, ...vaultTesting], message: DB_MESSAGE },
						{
							group: [
								...layer('state'),
								...layer('ui'),
								...layer('crypto'),
								'$app/*',
								'$server',
								'$server/*'
							],
							message:
								'commands import domain, vault, sync, contracts and shared; never state, ui, crypto (randomness and keys are injected) or the server.'
						}
					]
				}
			]
		}
	},
	{
		files: ['src/lib/state/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: [dexie],
					patterns: [
						{ group: layer('ui'), message: 'state never imports ui.' },
						{ group: [...vaultDb, ...vaultTesting], message: DB_MESSAGE }
					]
				}
			]
		}
	},
	{
		files: [
			'src/lib/sync/**',
			'src/lib/shared/**',
			'src/lib/contracts/**',
			'src/lib/content/**',
			'src/lib/i18n/**',
			'src/routes/**/+server.ts',
			'src/hooks.server.ts',
			'src/service-worker.ts',
			'server/**'
		],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: [dexie],
					patterns: [{ group: [...vaultDb, ...vaultTesting], message: DB_MESSAGE }]
				}
			]
		}
	},
	{
		files: ['tests/**'],
		ignores: ['tests/bench/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{ paths: [dexie], patterns: [{ group: vaultDb, message: DB_MESSAGE }] }
			]
		}
	},
	{
		files: ['tests/bench/**'],
		rules: {
			'no-restricted-imports': ['error', { patterns: [{ group: vaultDb, message: DB_MESSAGE }] }]
		}
	},
	{
		files: ['src/lib/domain/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: ['dexie', 'svelte'],
					patterns: [
						{
							group: [
								'$lib/*',
								'!$lib/domain',
								'$app/*',
								'$server',
								'$server/*',
								...['vault', 'state', 'ui', 'sync', 'crypto', 'contracts'].flatMap((name) => [
									`../${name}/*`,
									`../../${name}/*`
								])
							],
							message: 'domain imports nothing of the app.'
						}
					]
				}
			]
		}
	},
	{
		files: ['src/lib/crypto/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: [
								'$lib/*',
								'!$lib/crypto',
								'!$lib/domain',
								'$lib/domain/*',
								'!$lib/domain/result',
								'../*'
							],
							message: 'crypto imports only crypto (and the one Result, $lib/domain/result).'
						}
					]
				}
			]
		}
	}
];
