/** Property suites: expected verdicts per model, parameters and property, and their runner. */
export {};
