// hessian.js ships no types; the grader only hands its exports to lab tests,
// which type it themselves (labs/rpc/tests/fixtures/hessian-js.d.ts).
declare module 'hessian.js';
