// Plan & tasks: the carers' board (task definitions, event fold, week view, .ics export).
export * from './tasks';
export * from './week';
export * from './ics';
