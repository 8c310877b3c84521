import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import type { ProjectStatusLookup } from '@hub/shared';

export class ProjectStatusLookupDto implements ProjectStatusLookup {
  /** The hub's code, or (R4a) the national project code 2024-330106-48-01-012345. */
  @ApiProperty({ example: 'GC-2026-0001' })
  @IsString()
  @Matches(/^\s*([A-Za-z]{2}-\d{4}-\d{4,}|\d{4}-\d{6}-\d{2}-\d{2}-\d{6})\s*$/, {
    message: 'projectCode must look like GC-2026-0001 or the national code 2024-330106-48-01-012345',
  })
  @MaxLength(40)
  projectCode: string;
  @ApiProperty({ example: 'K7QM2-XPAB9' })
  @IsString()
  @Matches(/^[A-Za-z0-9\s-]{6,30}$/, { message: 'accessCode must be the code printed on the receipt' })
  accessCode: string;
}
