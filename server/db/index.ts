// The database factory. SQLite (better-sqlite3, one file under DATA_DIR, WAL + synchronous=FULL +
// foreign keys) by default; PostgreSQL (a pg Pool) when a URL is given. Both sides speak the same
// Kysely schema and the same migration set, and int8 columns come back as JS numbers on both, so
// nothing above this module knows which database it runs on.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { logUnexpected } from '../http/log';
import { err, ok, type Result } from '$lib/domain/result';
import { migrationProvider } from './migrations';
import type { Database as Schema } from './schema';

export type DbDialect = 'sqlite' | 'postgres';

export interface DbHandle {
	readonly db: Kysely<Schema>;
	readonly dialect: DbDialect;
	/** Brings the schema to the latest migration. Safe to call from several instances at once. */
	readonly migrate: () => Promise<Result<readonly string[], { readonly type: 'migration-failed' }>>;
	readonly ping: () => Promise<boolean>;
	readonly destroy: () => Promise<void>;
}

export interface CreateDbOptions {
	/** A postgres:// URL; when absent the SQLite file is used. */
	readonly url?: string | undefined;
	/** Directory of the SQLite file (created if missing). Defaults to ./data. */
	readonly dataDir?: string | undefined;
	/** PostgreSQL only: the schema to use (tests isolate themselves in a fresh one). */
	readonly schema?: string | undefined;
	/** PostgreSQL pool size. */
	readonly maxConnections?: number | undefined;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const INT8_OID = 20;

function createPostgres(url: string, schema: string | undefined, max: number): Kysely<Schema> {
	if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
		throw new Error('createDb: invalid schema name');
	}
	const types = new pg.TypeOverrides();
	types.setTypeParser(INT8_OID, (value: string) => Number(value));
	const pool = new pg.Pool({
		connectionString: url,
		max,
		types,
		...(schema === undefined ? {} : { options: `-c search_path=${schema}` })
	});
	// An idle client losing its connection (database restart) must not crash the process; the
	// pool replaces it and the next query reconnects.
	pool.on('error', (error) => {
		logUnexpected('postgres pool', error);
	});
	return new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Closed SQLite handles stay referenced: with better-sqlite3 12 built against Node 24, garbage
 * collecting a live Statement wrapper aborts the process (`RemoveEnvironmentCleanupHook`
 * assertion in ObjectWrap's destructor). Statements are therefore prepared once per SQL text and
 * kept for the life of the process; the set of distinct SQL texts is small and bounded.
 */
const retained = new Set<unknown>();

function cachingDatabase(database: Database.Database): SqliteDatabase {
	const statements = new Map<string, Database.Statement>();
	retained.add(statements);
	return {
		close: () => {
			database.close();
		},
		prepare(sqlText) {
			let statement = statements.get(sqlText);
			if (statement === undefined) {
				statement = database.prepare(sqlText);
				statements.set(sqlText, statement);
			}
			return statement;
		}
	};
}

function createSqlite(dataDir: string): Kysely<Schema> {
	mkdirSync(dataDir, { recursive: true });
	const database = new Database(join(dataDir, 'cercle.sqlite'));
	retained.add(database);
	// exec, not pragma(): pragma() prepares a throwaway Statement (see `retained`).
	database.exec('pragma journal_mode = WAL');
	database.exec('pragma synchronous = FULL');
	database.exec('pragma foreign_keys = ON');
	database.exec('pragma busy_timeout = 5000');
	return new Kysely<Schema>({
		dialect: new SqliteDialect({ database: cachingDatabase(database) })
	});
}

export function createDb(options: CreateDbOptions = {}): DbHandle {
	const url = options.url === '' ? undefined : options.url;
	const dialect: DbDialect = url === undefined ? 'sqlite' : 'postgres';
	const db =
		url === undefined
			? createSqlite(options.dataDir ?? './data')
			: createPostgres(url, options.schema, options.maxConnections ?? 10);

	return {
		db,
		dialect,
		async migrate() {
			// Kysely looks for its bookkeeping tables in any schema; pin them to ours so that
			// concurrent instances or test schemas never see each other's migration state.
			const migrator = new Migrator({
				db,
				provider: migrationProvider,
				...(options.schema === undefined ? {} : { migrationTableSchema: options.schema })
			});
			const { error, results } = await migrator.migrateToLatest();
			if (error !== undefined) return err({ type: 'migration-failed' });
			return ok((results ?? []).map((r) => r.migrationName));
		},
		async ping() {
			try {
				await sql`select 1`.execute(db);
				return true;
			} catch {
				return false;
			}
		},
		destroy: () => db.destroy()
	};
}
