/** An input the core cannot plan with (e.g. a target no path can reach); `field` names the scenario field at fault. */
export class PlanError extends Error {
  readonly field: string | undefined;
  constructor(message: string, field?: string) {
    super(message);
    this.name = 'PlanError';
    this.field = field;
  }
}
