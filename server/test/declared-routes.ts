import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import type { NestContainer } from '@nestjs/core';

/** Every HTTP route the running app declares, as "METHOD /path/:param", read from Nest's own metadata. */
export function declaredRoutes(app: INestApplication): string[] {
  const container = (app as unknown as { container: NestContainer }).container;
  const routes: string[] = [];
  for (const module of container.getModules().values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as { prototype: Record<string, unknown> } | null;
      if (!type) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = type.prototype[name] as object;
        const path = Reflect.getMetadata(PATH_METADATA, handler);
        if (path === undefined || name === 'constructor') continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const prefix = ['health', 'metrics'].includes(base) ? '' : '/api'; // excluded from the global prefix
        routes.push(`${method} ${[prefix, base, path].join('/').replace(/\/+/g, '/').replace(/\/$/, '')}`);
      }
    }
  }
  return routes.sort();
}
