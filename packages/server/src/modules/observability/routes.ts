/**
 * The observability module: kept logs (query, export, live stream), metric series and
 * Prometheus, statement timings (stats, slow statements, profiler, explain) and alert
 * rules, and the audit log (written by the request pipeline from the spec's `x-lockstep-audit`).
 * This file only merges the route tables of its areas (`logs/`, `metrics/`, `queries/`, `alerts/`, `audit/`).
 */
import type { ModuleHandlers } from '../../http/handler-types';
import { alertRoutes } from './alerts/routes';
import { auditRoutes } from './audit/routes';
import { logRoutes } from './logs/routes';
import { metricRoutes } from './metrics/routes';
import { queryRoutes } from './queries/routes';

export const observabilityHandlers: ModuleHandlers<'observability'> = {
  ...logRoutes,
  ...metricRoutes,
  ...queryRoutes,
  ...alertRoutes,
  ...auditRoutes,
};
