import { WeftError, type WeftErrorOptions } from '../errors/weft-error.js';

export interface BudgetExceededErrorOptions extends WeftErrorOptions {
  limitUSD: number;
  /** Spent (and reserved by calls in flight) before this call. */
  spentUSD: number;
  /** The worst-case cost of the refused call. */
  estimatedCostUSD: number;
  modelId: string;
}

/** A call was refused before it was sent: its estimated cost would exceed the budget. */
export class BudgetExceededError extends WeftError {
  static override readonly errorName: string = 'BudgetExceededError';
  readonly limitUSD: number;
  readonly spentUSD: number;
  readonly estimatedCostUSD: number;
  readonly modelId: string;

  constructor(message: string, options: BudgetExceededErrorOptions) {
    super('budget_exceeded', message, options);
    this.limitUSD = options.limitUSD;
    this.spentUSD = options.spentUSD;
    this.estimatedCostUSD = options.estimatedCostUSD;
    this.modelId = options.modelId;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      limitUSD: this.limitUSD,
      spentUSD: this.spentUSD,
      estimatedCostUSD: this.estimatedCostUSD,
      modelId: this.modelId,
    };
  }
}
