/** The limits `parsePolicy` enforces, so a stored policy stays cheap to parse and run. */
export const POLICY_LIMITS = {
  /** Longest accepted expression text, in UTF-16 code units. */
  maxLength: 2000,
  /** Deepest nesting of parentheses and `not`. */
  maxDepth: 32,
  /** Most items in one `in (...)` list. */
  maxInItems: 100,
} as const;
