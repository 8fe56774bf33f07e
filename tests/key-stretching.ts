/**
 * The key-stretching cost of a test's vault: scrypt's smallest accepted work factor, so the
 * suite does not spend most of its time deriving keys. tests/vault/vault.test.ts checks
 * that a core created without it (the app, the CLI) uses the full cost. Its own module so
 * child processes the tests bundle can use it without vitest.
 */
export const TEST_KEY_STRETCHING = { N: 2 ** 10, r: 8, p: 1 } as const;
