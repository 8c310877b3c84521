import { CreateHubSchema1764150000000 } from './1764150000000-create-hub-schema';

/** Every migration, oldest first; run on start. */
export const HUB_MIGRATIONS = [CreateHubSchema1764150000000];
