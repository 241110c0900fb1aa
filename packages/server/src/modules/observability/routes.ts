/**
 * The observability module: kept logs (query, export, live stream), metric series and
 * Prometheus, statement timings (stats, slow statements, profiler, explain) and alert
 * rules, and the audit log (written by the request pipeline from the spec's `x-lockstep-audit`).
 * This file only merges the route tables of its areas (`logs/`, `metrics/`, `queries/`, `alerts/`, `audit/`).
 */
import type { ModuleHandlers } from '../../http/handler-types';
import * as alerts from './alerts/routes';
import * as audit from './audit/routes';
import * as logs from './logs/routes';
import * as metrics from './metrics/routes';
import * as queries from './queries/routes';

export const observabilityHandlers: ModuleHandlers<'observability'> = {
  ...logs,
  ...metrics,
  ...queries,
  ...alerts,
  ...audit,
};
