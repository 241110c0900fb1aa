/** The server's version, as reported by `/health`. */
export const serverVersion = '0.1.0';
