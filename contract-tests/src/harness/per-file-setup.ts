/** Runs before each contract test file (vitest setupFiles): the file starts with no coverage of earlier files. */
import { resetCoverage } from './coverage';

resetCoverage();
