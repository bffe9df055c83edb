/** pvplan's version, reported with every result; a test keeps it equal to package.json's. */
export const PVPLAN_VERSION = '0.1.0';
