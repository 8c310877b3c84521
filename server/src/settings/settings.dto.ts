import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { SETTINGS_LIMITS, type UpdateSettingsRequest } from '@hub/shared';

const { workingDaysAllowed, warningWorkingDays, circulationThreshold } = SETTINGS_LIMITS;

export class UpdateSettingsDto implements UpdateSettingsRequest {
  @ApiProperty({ example: 'Asia/Shanghai', description: 'IANA time zone of the center (R10)' })
  @IsString()
  @MaxLength(64)
  timeZone: string;

  @ApiProperty({ example: '24:00', description: 'End of the last working day, HH:MM or 24:00 (R10)' })
  @IsString()
  @MaxLength(5)
  endOfDay: string;

  @ApiProperty({ example: 3, description: 'Working days allowed after acceptance (R10)' })
  @IsInt()
  @Min(workingDaysAllowed.min)
  @Max(workingDaysAllowed.max)
  workingDaysAllowed: number;

  @ApiProperty({ example: 1, description: 'Amber with this many working days or fewer left (R14a)' })
  @IsInt()
  @Min(warningWorkingDays.min)
  @Max(warningWorkingDays.max)
  warningWorkingDays: number;

  @ApiProperty({ example: 3, description: 'Deemed consents in a quarter that flag a department (R22)' })
  @IsInt()
  @Min(circulationThreshold.min)
  @Max(circulationThreshold.max)
  circulationThreshold: number;
}
