// JSON Schema of BudgetPolicy, key for key with api/types.ts.
import { API_GROUP_VERSION } from '../api/types.js';
import type { BudgetPolicy, BudgetPolicySpec, BudgetScope, BudgetThreshold } from '../api/types.js';
import { closedObject, constant, integer, oneOfStrings, text } from '../schema/closed-object.js';
import { ON_EXCEED_ACTIONS, THRESHOLD_ACTIONS } from '../schema/enums.js';
import { anyStatus, billingWindow, headerName, items, labelKey, LIMITS, money, name, names, objectMeta } from './common.js';

const scope = {
  ...closedObject<BudgetScope>({
    teamLabel: labelKey,
    team: text(LIMITS.label, 0),
    featureLabel: labelKey,
    feature: text(LIMITS.label, 0),
    header: closedObject<NonNullable<BudgetScope['header']>>({ name: headerName, value: text(1024, 0) }, { value: true }),
    routes: names,
  }, { teamLabel: true, team: true, featureLabel: true, feature: true, header: true, routes: true }),
  // A label without its value (or the reverse) would silently widen the budget to every pod.
  dependentRequired: { teamLabel: ['team'], team: ['teamLabel'], featureLabel: ['feature'], feature: ['featureLabel'] },
};

const spec = closedObject<BudgetPolicySpec>({
  scope,
  window: billingWindow,
  limit: money,
  maxRequestCost: money,
  onExceed: oneOfStrings(ON_EXCEED_ACTIONS),
  thresholds: items(closedObject<BudgetThreshold>(
    { percent: integer(1, 1000), action: oneOfStrings(THRESHOLD_ACTIONS) }, {}), 16),
}, { maxRequestCost: true, onExceed: true, thresholds: true });

export const budgetPolicySchema = closedObject<BudgetPolicy>({
  apiVersion: constant(API_GROUP_VERSION),
  kind: constant('BudgetPolicy'),
  metadata: objectMeta,
  spec,
  status: anyStatus,
}, { status: true });
