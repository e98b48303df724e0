// switchyard usage export: usage records per billing cycle (budget/export-command.ts). Loaded only
// for this command.
export { runUsage as run } from '../budget/export-command.js';
