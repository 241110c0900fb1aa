/**
 * Numeric settings from the environment. `Number(text)` turned a typo into NaN, and NaN
 * silently disabled what the setting bounds (`size > NaN` is never true: the body limit was
 * lifted); here a value is a whole number in range or a start-up error naming the setting.
 */

/** A whole number from the environment, at least `min` (and at most `max`); a clear start-up error otherwise, never NaN. */
export function wholeNumber(name: string, text: string, unit: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `${min} to ${max}`;
    throw new Error(`${name} must be a whole number (${unit}, ${range}); it is "${text}".`);
  }
  return value;
}
