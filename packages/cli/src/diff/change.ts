/** One difference between two specs, its rule and level, and the log that collects them. */
import { type Level, RULES, type RuleId } from './rules';

/** One difference between two specs, and how much it can hurt an existing client. */
export type Change = {
  /** The rule that reported it (see rules.ts): `path-removed`, `request-field-required`, ... */
  kind: RuleId;
  /** Where: `POST /auth/login › request.body.email`, or a path for whole-path changes. */
  location: string;
  level: Level;
  /** `level === 'breaking'`. */
  breaking: boolean;
  detail: string;
};

/** Collects changes, tagging each with the location prefix of the operation being compared. */
export class ChangeLog {
  readonly changes: Change[] = [];

  /** Records a change of rule `kind` at `where` (`request.body.email`) inside `scope` (`POST /auth/login`). */
  add(scope: string, where: string, kind: RuleId, detail: string): void {
    const location = where ? `${scope} › ${where}` : scope;
    const { level } = RULES[kind];
    this.changes.push({ kind, location, level, breaking: level === 'breaking', detail });
  }
}
