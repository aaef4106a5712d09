/**
 * The doctor's compute budget in epochs, counted over every trial (an epoch is one pass over
 * the training set, whatever the trial). Probes smaller than an epoch count their share.
 */
export class Budget {
  spent = 0;

  constructor(readonly total: number) {}

  get remaining(): number {
    return Math.max(this.total - this.spent, 0);
  }

  charge(epochs: number): void {
    this.spent += epochs;
  }

  allows(epochs: number): boolean {
    return this.spent + epochs <= this.total + 1e-9;
  }
}
