// Bearer authentication: every route but login, health and the public tracking
// endpoints goes through here. A bearer is a session token or an API key; a key
// with several roles acts in the one named by X-Motcua-Role.
import type { NextFunction, Request, Response } from 'express';
import { MotcuaError } from '../engine/motcua-error.ts';
import { authenticateToken } from '../engine/service/authenticate.ts';
import type { Principal } from '../engine/service/principal.ts';
import type { ServiceContext } from '../engine/service/service-context.ts';

export function requirePrincipal(ctx: ServiceContext) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (res.locals.principal) return next();
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new MotcuaError('auth.unauthenticated', 'send Authorization: Bearer <token>; get a token from POST /v1/auth/login');
    res.locals.principal = await authenticateToken(ctx, match[1]!, req.get('x-motcua-role') ?? null);
    res.locals.token = match[1]!;
    next();
  };
}

export function principalOf(res: Response): Principal {
  return res.locals.principal as Principal;
}

/** The bearer the request was authenticated with (for logout). */
export function tokenOf(res: Response): string {
  return res.locals.token as string;
}

export function requireRole(res: Response, roles: string[], action: string): Principal {
  const principal = principalOf(res);
  if (!roles.includes(principal.role)) throw new MotcuaError('auth.forbidden', `${action} needs the role ${roles.join(' or ')}; you are ${principal.role} at ${principal.unitId}`, { role: principal.role });
  return principal;
}
