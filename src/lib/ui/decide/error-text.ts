// The decide pages' errors in words: one exhaustive function from the decision commands' typed
// errors (`DecisionError`, commands/decisions.ts) and one from the aids' load errors to a sentence
// in the person's language. Adding a variant to either union fails type-checking here until it is
// worded; the message functions are called by name (the bundler keeps only these).
import type { DecisionError } from '$lib/commands/decisions';
import type { DecisionRecordError } from '$lib/domain/decisions/record';
import type { AidsLoadError } from '$lib/state/decisions.svelte';
import {
	decide_error_aid_changed,
	decide_error_invalid,
	decide_error_locked,
	decide_error_offline,
	decide_save_failed,
	decide_sure_unanswered
} from '$lib/paraglide/messages.js';

function recordErrorText(error: DecisionRecordError): string {
	switch (error.type) {
		// The answers name an option or a slider the aid no longer has (it was updated).
		case 'unknown-option':
		case 'unknown-slider':
		case 'wrong-aid':
			return decide_error_aid_changed();
		case 'invalid-date':
			return decide_save_failed();
	}
}

export function decisionErrorText(error: DecisionError): string {
	switch (error.type) {
		case 'locked':
			return decide_error_locked();
		case 'sure-incomplete':
			return decide_sure_unanswered();
		case 'invalid-draft':
			return decide_save_failed();
		case 'record':
			return recordErrorText(error.error);
		case 'commit':
			return error.error.type === 'locked' ? decide_error_locked() : decide_save_failed();
	}
}

export function aidsLoadErrorText(error: AidsLoadError): string {
	switch (error.type) {
		case 'offline':
			return decide_error_offline();
		case 'invalid':
			return decide_error_invalid();
	}
}
