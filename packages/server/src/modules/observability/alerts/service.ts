/** The rules of alert rules: a rule watches a catalogue metric, names are unique, a change or deletion needs the rule. */
import { errors } from '../../../http/http-error';
import { isMetricName } from '../metrics/catalogue';
import type { AlertChange, AlertInput, AlertsStore, AlertView } from './store';

/** Alert rules and their firings as the handlers manage them. */
export class AlertsService {
  constructor(private readonly store: AlertsStore) {}

  /** One page of rules by name, and their total. */
  list(limit: number, offset: number) {
    return this.store.list(limit, offset);
  }

  /** Creates a rule; 400 for a metric outside the catalogue, 409 for a name in use. */
  async create(input: AlertInput): Promise<AlertView> {
    if (!isMetricName(input.metric))
      throw errors.badRequest(
        'INVALID_QUERY',
        `Unknown metric: ${input.metric}. See /observability/metrics/available.`,
      );
    await this.refuseTakenName(input.name);
    return this.store.create(input);
  }

  /** Changes a rule and returns it; 404 when there is none, 409 for another rule's name. */
  async update(id: string, change: AlertChange): Promise<AlertView> {
    if (!(await this.store.get(id))) throw errors.notFound('Alert rule');
    if (change.name !== undefined) await this.refuseTakenName(change.name, id);
    await this.store.update(id, change);
    return (await this.store.get(id))!;
  }

  /** Deletes a rule (its firings stay in the history); 404 when there is none. */
  async delete(id: string): Promise<void> {
    if (!(await this.store.delete(id))) throw errors.notFound('Alert rule');
  }

  /** Firings since `since` (every one when absent), newest first, and their total. */
  history(since: string | undefined, limit: number, offset: number) {
    return this.store.history(since === undefined ? undefined : new Date(since).toISOString(), limit, offset);
  }

  private async refuseTakenName(name: string, ownId?: string): Promise<void> {
    const other = await this.store.byName(name);
    if (other && other.id !== ownId) throw errors.conflict(`An alert rule named "${name}" exists already.`);
  }
}
