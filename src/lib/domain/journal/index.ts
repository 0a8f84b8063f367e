// The journal's pure domain layer, in one import for the UI and the vault:
// record bodies and their categories, symptoms, measurements and units, targets, medications and
// doses, adherence, goals, Today and Journal helpers, trends, LTTB and the sample person.
// Zoned time and schedules live in `$lib/domain/time/zoned` and `$lib/domain/time/schedule`.
export * from './common';
export * from './records';
export * from './symptoms';
export * from './measurements';
export * from './targets';
export * from './medications';
export * from './adherence';
export * from './goals';
export * from './goal-progress';
export * from './today';
export * from './trends';
export * from './lttb';
export * from './prng';
export * from './sample-person';
export * from './sample-person-texts';
