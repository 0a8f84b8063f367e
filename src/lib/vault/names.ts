// The IndexedDB database names of the person's vault and of the sample-person demo vault (kept
// apart so demo data never mixes with real data).
export const REAL_DB = 'cercle-vault';
export const DEMO_DB = 'cercle-demo';
