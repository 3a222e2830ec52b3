// Every /v1 path segment must decode to UTF-8 text without NUL or lone
// surrogates before any route reads it as a parameter: a procedure code with
// %00 or %FF in it is a 400 here, never a database error.
import type { NextFunction, Request, Response } from 'express';
import { decodeComponent } from './parse-query-string.ts';

export function checkPath(req: Request, _res: Response, next: NextFunction): void {
  const segments = req.path.split('/');
  segments.forEach((segment, i) => {
    if (segment.includes('%')) decodeComponent(segment, `path segment ${i} ("${segment.slice(0, 40)}")`, false);
  });
  next();
}
