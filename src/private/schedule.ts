import { Cron } from 'cdk8s';
import { Construct } from 'constructs';
import { CRON_SCHEDULE_ALLOWED, cronScheduleProblem } from './cron';
import { fail } from './errors';

/**
 * The expression of a cron schedule, normalized to single spaces; throws unless Kubernetes would
 * accept it as a CronJob schedule (robfig/cron's standard parser, see cron.ts), which CDI's
 * DataImportCron accepts too.
 */
export function cronExpression(who: Construct | string, property: string, cron: Cron): string {
  const expression = cron?.expressionString;
  const problem = typeof expression === 'string' ? cronScheduleProblem(expression.trim(), { timeZonePrefix: false }) : 'it is not a string';
  if (problem !== undefined) {
    fail(who, {
      property,
      problem: `must be a cron schedule as Kubernetes parses it (${problem})`,
      value: expression,
      allowed: `${CRON_SCHEDULE_ALLOWED}, e.g. Cron.schedule({ minute: '0', hour: '3' })`,
      ruleId: 'cron-schedule',
    });
  }
  return expression.trim().split(/\s+/).join(' ');
}
