/** One difference between two specs, and whether it can break an existing client. */
export type Change = {
  /** What changed, in kebab-case: `path-removed`, `request-field-required`, `enum-value-added`, ... */
  kind: string;
  /** Where: `POST /auth/login › request.body.email`, or a path for whole-path changes. */
  location: string;
  breaking: boolean;
  detail: string;
};

/** Collects changes, tagging each with the location prefix of the operation being compared. */
export class ChangeLog {
  readonly changes: Change[] = [];

  /** Records a change at `where` (`request.body.email`) inside `scope` (`POST /auth/login`). */
  add(scope: string, where: string, kind: string, breaking: boolean, detail: string): void {
    const location = where ? `${scope} › ${where}` : scope;
    this.changes.push({ kind, location, breaking, detail });
  }
}
