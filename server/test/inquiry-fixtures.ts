import type { DispositionRequest, RegisterInquiryRequest } from '@hub/shared';

/** A phone inquiry from a company, as a first responder registers it (R23). */
export const INQUIRY: RegisterInquiryRequest = {
  channel: 'phone',
  inquirer: { kind: 'organisation', name: '云港物流集团有限公司', contactName: '吴青', contact: '0571-12345678' },
  subject: '新建冷链仓储项目需要办理哪些审批手续',
  matterType: 'consultation',
  responderContact: '0571-88001234',
};

export const withDisposition = (disposition: DispositionRequest): RegisterInquiryRequest => ({ ...INQUIRY, disposition });
