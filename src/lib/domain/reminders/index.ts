// Reminders domain: rules (what rings when), quiet hours, snooze, opaque ids and calendar export.
// Pure TypeScript: no Svelte, storage or network; time and keys are passed in.
export * from './sources';
export * from './opaque-id';
export * from './quiet-hours';
export * from './rules';
export * from './ics';
export * from './plan';
