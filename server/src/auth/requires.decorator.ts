import { SetMetadata } from '@nestjs/common';
import type { Action } from '@hub/shared';

export const REQUIRES = 'hub:requires';
/**
 * The action a route performs (R1). The session guard refuses it before any input is read when
 * the role could not do it even to its own department's objects; services then check the object (R2).
 */
export type RouteAction = Action | 'any-session';
export const Requires = (action: RouteAction) => SetMetadata(REQUIRES, action);
