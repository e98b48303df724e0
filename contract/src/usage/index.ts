export { parseUsageRecord, type BudgetCharge, type UsageRecord } from './record.js';
export { CSV_COLUMNS, formatUsage, totalsByTeamAndFeature, type ExportFormat, type UsageTotal } from './export.js';
