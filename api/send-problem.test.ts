// Every code of the table answers a problem whose standard members come from
// the table and the error, whatever the error's details are called.
import { describe, expect, it } from 'vitest';
import { MotcuaError, type ErrorCode } from '../engine/motcua-error.ts';
import { problemTypes } from './problem-types.ts';
import { buildProblem, standardMembers } from './send-problem.ts';

const hostile = { type: 'about:blank', title: 'x', status: 'foo', detail: 'y', instance: '/elsewhere', code: '9.9', errors: [{ path: '/a', message: 'b' }] };

describe('buildProblem', () => {
  it.each(Object.keys(problemTypes) as ErrorCode[])('%s: details never replace a standard member', (code) => {
    const problem = buildProblem(new MotcuaError(code, 'what went wrong and how to fix it', hostile), '/v1/things');
    expect(problem).toEqual({
      type: `https://motcua.dev/problems/${code}`,
      title: problemTypes[code].title,
      status: problemTypes[code].status,
      detail: 'what went wrong and how to fix it',
      instance: '/v1/things',
      code,
      'x-type': 'about:blank',
      'x-title': 'x',
      'x-status': 'foo',
      'x-detail': 'y',
      'x-instance': '/elsewhere',
      'x-code': '9.9',
      errors: [{ path: '/a', message: 'b' }],
    });
    expect(Object.keys(problem).slice(-standardMembers.length)).toEqual([...standardMembers]);
  });

  it('every status in the table is an HTTP error status', () => {
    for (const { status } of Object.values(problemTypes)) expect(status >= 400 && status <= 599).toBe(true);
  });

  it('a detail named __proto__ stays a member and changes no prototype', () => {
    const problem = buildProblem(new MotcuaError('request.invalid', 'm', JSON.parse('{"__proto__": {"status": 200}}')), '/');
    expect(problem.status).toBe(400);
    expect(Object.getPrototypeOf(problem)).toBe(Object.prototype);
  });
});
