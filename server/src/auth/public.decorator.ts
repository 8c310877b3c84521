import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'hub:public';
/** Marks a route reachable without a session (login, health). Everything else needs one. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
