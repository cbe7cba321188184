import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'bufor:isPublic';

/** Opts a route out of the global authentication guard. Every other route requires a session. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
