// For tests only (eslint.layers.js allows this module under tests/ and nowhere in src): the Dexie
// tables of a vault made by `createVault`, so a test can tamper with stored ciphertext, count the
// outbox or read what is at rest. The app reaches its data through the vault's API only.
import { dbOf, type VaultDb } from './db';
import type { Vault } from './vault';

export const vaultTables = (vault: Vault): VaultDb => dbOf(vault);
