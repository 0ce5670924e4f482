/**
 * Version of the question generators as a whole. Certificates record it; bump it when a template used by an
 * exam blueprint changes its wording, parameters or answers (old certificates then fail verification with a
 * clear reason rather than being re-graded against different questions).
 */
export const GENERATOR_VERSION = '1';
