import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import type { AssignTrackerRequest, RecordForwardingRequest } from '@hub/shared';

export class AssignTrackerDto implements AssignTrackerRequest {
  @ApiProperty() @IsUUID() trackerId: string;
}

export class RecordForwardingDto implements RecordForwardingRequest {
  @ApiProperty({ example: '省发展和改革委员会' })
  @IsString()
  @Matches(/\S/, { message: 'forwardedTo must not be blank' })
  @MaxLength(200)
  forwardedTo: string;
}
