import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength } from 'class-validator';
import { IsNotBlank } from '../common/validation';
import type { AssignTrackerRequest, RecordForwardingRequest } from '@hub/shared';

export class AssignTrackerDto implements AssignTrackerRequest {
  @ApiProperty() @IsUUID() trackerId: string;
}

export class RecordForwardingDto implements RecordForwardingRequest {
  @ApiProperty({ example: '省发展和改革委员会' })
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  forwardedTo: string;
}
