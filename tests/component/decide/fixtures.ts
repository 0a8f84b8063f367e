// A small, valid decision aid for component tests, built by a factory (override what a test needs).
import { decisionAidSchema, type DecisionAid } from '$lib/domain/decisions/aid';

export function makeAid(overrides: Partial<DecisionAid> = {}): DecisionAid {
	return decisionAidSchema.parse({
		schemaVersion: 1,
		id: 'test-aid',
		lang: 'en',
		title: 'A test decision',
		decision: 'Should I try the test treatment?',
		forWhom: 'People in tests.',
		summary: 'Both choices are reasonable.',
		options: [
			{ id: 'wait', label: 'Wait and see', description: 'Carry on as now.', isWaiting: true },
			{ id: 'treat', label: 'Try the treatment', description: 'A daily tablet.' }
		],
		grid: [
			{ question: 'What does it involve?', answers: { wait: 'Nothing new.', treat: 'A tablet.' } },
			{ question: 'How long does it take?', answers: { wait: 'No time.', treat: 'Weeks.' } }
		],
		outcomes: [
			{
				id: 'better',
				label: 'feel better',
				timeframe: 'after 3 months',
				direction: 'benefit',
				cells: {
					wait: { kind: 'frequency', value: 30, low: 25, high: 35, sourceIds: ['src'] },
					treat: { kind: 'frequency', value: 42.5, low: 40, high: 45, sourceIds: ['src'] }
				},
				uncertainty: 'From one trial.'
			}
		],
		evidenceNote: 'One trial.',
		values: [{ id: 'tablets', prompt: 'Tablets?', left: 'Fine with tablets', right: 'No tablets' }],
		knowledgeCheck: [
			{ id: 'q1', question: 'Is it sure?', choices: ['Yes', 'No'], correct: 1, explanation: 'No.' }
		],
		sources: [{ id: 'src', title: 'A trial', publisher: 'A journal', url: 'https://example.org/' }],
		published: '2026-01-01',
		lastReviewed: '2026-01-01',
		nextReview: '2027-01-01',
		updatePolicy: 'Yearly.',
		funding: 'None.',
		conflicts: 'None.',
		authors: ['Tester'],
		authorQualifications: 'Test writer, no clinical qualification.',
		evidenceSearch: 'One trial, found by hand.',
		checkedBy: 'Tester',
		reviewers: ['Dr Reviewer, GP'],
		...overrides
	});
}
