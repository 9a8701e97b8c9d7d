// The globals `nano test` gives test files (test/*.test.js): Vitest/Jest-style `test`, `describe`,
// `expect` and hooks, and in a worker project the worker's `env` and `dispatch`. No import needed.

interface Matchers<R = void> {
  /** The negated matchers. */
  readonly not: Matchers<R>;
  /** Await a promise's value, then match it. */
  readonly resolves: Matchers<Promise<void>>;
  /** Await a promise's rejection reason, then match it. */
  readonly rejects: Matchers<Promise<void>>;
  toBe(expected: any): R;
  toEqual(expected: any): R;
  toStrictEqual(expected: any): R;
  toBeTruthy(): R;
  toBeFalsy(): R;
  toBeNull(): R;
  toBeUndefined(): R;
  toBeDefined(): R;
  toBeNaN(): R;
  toBeInstanceOf(expected: Function): R;
  toBeGreaterThan(expected: number | bigint): R;
  toBeGreaterThanOrEqual(expected: number | bigint): R;
  toBeLessThan(expected: number | bigint): R;
  toBeLessThanOrEqual(expected: number | bigint): R;
  toBeCloseTo(expected: number, digits?: number): R;
  toContain(expected: any): R;
  toContainEqual(expected: any): R;
  toHaveLength(expected: number): R;
  toHaveProperty(path: string | string[], value?: any): R;
  toMatch(expected: string | RegExp): R;
  toMatchObject(expected: object): R;
  toThrow(expected?: string | RegExp | Function | Error): R;
}
interface Expect {
  <T>(actual: T): Matchers;
}
declare var expect: Expect;

type TestFn = () => void | Promise<void>;
interface TestApi {
  (name: string, fn: TestFn, timeout?: number): void;
  skip(name: string, fn: TestFn, timeout?: number): void;
  only(name: string, fn: TestFn, timeout?: number): void;
}
interface DescribeApi {
  (name: string, fn: () => void): void;
  skip(name: string, fn: () => void): void;
  only(name: string, fn: () => void): void;
}
declare var test: TestApi;
declare var describe: DescribeApi;
declare function beforeEach(fn: TestFn): void;
declare function afterEach(fn: TestFn): void;
declare function beforeAll(fn: TestFn): void;
declare function afterAll(fn: TestFn): void;

/** The worker's env, as nano dev gives it ([vars], .dev.vars). */
declare var env: Env;
/**
 * Calls the worker's fetch in process and returns its Response; a path such as "/api"
 * is resolved against http://127.0.0.1:8787.
 */
declare function dispatch(input: RequestInfo, init?: RequestInit): Promise<Response>;
