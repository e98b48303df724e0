export { billingCycleAt, windowAt, type BillingWindowSpan } from './window.js';
export { costMicroUsd, NO_TOKENS, picoUsdOf, type TokenCounts } from './cost.js';
export {
  applyUsage, committedOf, downgradeActive, grantAllowance, grantCapOf, markAlerted, newlyCrossed, openAccount, remainingOf, rollAccount,
  type AccountState, type AllowanceAsk, type Charge, type SourceEntry,
} from './account.js';
export { AllowanceBook, isRefusal, type AllowanceDeps, type Grant, type Refusal, type Reservation } from './allowance.js';
export { UsageOutbox, type UsageBatch } from './outbox.js';
