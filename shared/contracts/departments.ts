export interface Department {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  /** R1: a switched-off department stays on record but takes no new work (absent: active). */
  active?: boolean;
}
