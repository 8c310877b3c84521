import { SetMetadata } from '@nestjs/common';

export const BEFORE_PASSWORD_CHANGE = 'hub:before-password-change';
/**
 * R1: the only calls a user who must choose a new password may make (change it, log out, and
 * "who am I" so the client can send it to the change-password page). Everything else answers 403.
 */
export const AllowedBeforePasswordChange = () => SetMetadata(BEFORE_PASSWORD_CHANGE, true);
