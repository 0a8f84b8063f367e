// The layers of ARCHITECTURE.md ("Layers and what may import what"), enforced: one
// `no-restricted-imports` block per folder. An import is named by alias (`$lib/vault/…`) or by a
// relative path that climbs out of the folder (`../vault/…`); both are refused.
//
// Allowed, from the bottom up: domain → domain; crypto → crypto (and the one Result); vault ↛
// state, ui, commands; commands ↛ state, ui; state ↛ ui; ui and routes ↛ vault, crypto, dexie,
// server (they may import commands).

/** The alias and relative forms of a folder under src/lib. */
const layer = (name) => [`$lib/${name}`, `$lib/${name}/*`, `../${name}/*`, `../../${name}/*`];

const rule = (message, ...names) => [
	'error',
	{ patterns: [{ group: names.flatMap(layer), message }] }
];

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
					paths: [{ name: 'svelte', message: 'Commands hold no runes: state does.' }],
					patterns: [
						{
							group: [...layer('state'), ...layer('ui'), '$app/*', '$server', '$server/*'],
							message:
								'commands import domain, vault, sync and contracts; never state, ui or the server.'
						}
					]
				}
			]
		}
	},
	{
		files: ['src/lib/state/**'],
		rules: { 'no-restricted-imports': rule('state never imports ui.', 'ui') }
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
