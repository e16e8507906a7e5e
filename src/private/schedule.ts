import { Cron } from 'cdk8s';
import { Construct } from 'constructs';
import { fail } from './errors';

/**
 * The expression of a cron schedule, normalized to single spaces; throws unless it has the five
 * standard fields (minute hour day-of-month month day-of-week), as Kubernetes CronJobs and CDI's
 * DataImportCron expect.
 */
export function cronExpression(who: Construct | string, property: string, cron: Cron): string {
  const expression = cron?.expressionString;
  const fields = typeof expression === 'string' ? expression.trim().split(/\s+/) : [];
  if (fields.length !== 5 || !fields.every(f => /^[0-9A-Za-z*,/?-]+$/.test(f))) {
    fail(who, {
      property,
      problem: 'must be a cron expression with five fields',
      value: expression,
      allowed: "minute hour day-of-month month day-of-week, e.g. Cron.schedule({ minute: '0', hour: '3' })",
    });
  }
  return fields.join(' ');
}
