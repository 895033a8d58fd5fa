export {
  type Budget,
  type BudgetEstimate,
  type BudgetOptions,
  type BudgetReservation,
  createBudget,
  type RequestTokenCounter,
} from './budget.js';
export { BudgetExceededError, type BudgetExceededErrorOptions } from './budget-exceeded-error.js';
export { catalogDate, defaultModels } from './catalog-data.js';
export {
  type CostEstimate,
  type EstimateCostOptions,
  estimateCost,
  resolveModelInfo,
} from './estimate-cost.js';
export {
  createModelCatalog,
  defaultModelCatalog,
  getModelInfo,
  type ModelCatalog,
} from './model-catalog.js';
export type { ModelInfo, ModelPricing, TokenEncoding } from './model-info.js';
export {
  createUsageTracker,
  type ModelUsageTotal,
  type UsageTotal,
  type UsageTracker,
} from './usage-tracker.js';
