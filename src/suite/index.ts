/** Property suites: expected verdicts per model, parameters and property, and their runner. */
export { defineSuite, validateSuite, type Suite, type SuiteCase, type Expected, EXPECTED } from './define.js';
export { loadSuite, runSuite, isSuite, statuses, type SuiteOutcome, type CaseOutcome, type PropertyRow, type RowStatus, type CheckCase, type LoadedSuite, type SuiteOptions } from './run.js';
