export interface Department {
  id: string;
  code: string;
  name: string;
  nameEn: string;
}
