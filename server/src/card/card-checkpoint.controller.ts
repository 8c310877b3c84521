import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBase64,
  IsHexadecimal,
  IsISO8601,
  IsInt,
  IsOptional,
  IsUUID,
  Length,
  Min,
  ValidateNested,
} from 'class-validator';
import type { CardCheckpoint, CheckpointVerification } from '@hub/shared';
import { Requires } from '../auth/requires.decorator';
import { CardCheckpoints } from './card-checkpoint.service';

class CardHeadDto {
  @ApiProperty() @IsUUID() projectId: string;
  @ApiProperty() @IsInt() @Min(1) seq: number;
  @ApiProperty() @IsHexadecimal() @Length(64, 64) hash: string;
}

class CheckpointDocumentDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty() @IsHexadecimal() @Length(64, 64) contentHash: string;
}

class CardCheckpointDto implements CardCheckpoint {
  @ApiProperty() @IsInt() @Min(0) position: number;
  @ApiProperty() @IsISO8601({ strict: true }) at: string;
  @ApiProperty({ type: [CardHeadDto] })
  @IsArray()
  @ArrayMaxSize(1_000_000)
  @ValidateNested({ each: true })
  @Type(() => CardHeadDto)
  heads: CardHeadDto[];
  @ApiProperty({ type: [CheckpointDocumentDto], required: false })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1_000_000)
  @ValidateNested({ each: true })
  @Type(() => CheckpointDocumentDto)
  documents?: CheckpointDocumentDto[];
  @ApiProperty() @IsHexadecimal() @Length(16, 16) keyId: string;
  @ApiProperty() @IsBase64() @Length(1, 200) signature: string;
}

@ApiTags('tracking card')
@Controller('card/checkpoint')
export class CardCheckpointController {
  constructor(private readonly checkpoints: CardCheckpoints) {}

  /** R5: export the signed head of every card; keep it outside the hub. */
  @Requires('card.checkpoint')
  @Get()
  create(): Promise<CardCheckpoint> {
    return this.checkpoints.create();
  }

  /** R5: does the hub still hold everything a kept checkpoint saw? Recomputes every chain and document it covers. */
  @Requires('card.checkpoint')
  @Post('verification')
  @HttpCode(200)
  verify(@Body() checkpoint: CardCheckpointDto): Promise<CheckpointVerification> {
    return this.checkpoints.verify(checkpoint);
  }
}
