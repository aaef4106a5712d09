import { fileURLToPath } from 'node:url';

/** The repository root, found from the compiled file's location (dist/testing/ → ../..). */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export const repoPath = (relative: string): string => fileURLToPath(new URL(`../../${relative}`, import.meta.url));
