// Sample data for the demo templates: what the tests render and compare with the reference image, what the
// benchmark renders, and what the documentation shows. Names and codes are the demo province's.
import type { ResultView } from './template.ts';

/** A construction permit of the city's People's Committee (template giay-phep-xay-dung). */
export const SAMPLE_PERMIT_VIEW: ResultView = {
  values: {
    'dossier.code': '000.00.11.H05-260105-0012',
    'dossier.receivedDate': '05/01/2026',
    'procedure.code': '9.000021',
    'procedure.name': 'Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ',
    'procedure.result': 'Giấy phép xây dựng',
    'applicant.name': 'Nguyễn Thị Ánh Tuyết',
    'applicant.identityNumber': '095187000123',
    'applicant.address': 'Số 12, đường Hoàng Văn Thụ, Phường 1, thành phố Bạc Liêu, tỉnh Bạc Liêu',
    'applicant.phone': null,
    'applicant.email': null,
    'agency.name': 'Ủy ban nhân dân thành phố Bạc Liêu',
    'agency.nameUpper': 'ỦY BAN NHÂN DÂN THÀNH PHỐ BẠC LIÊU',
    'agency.superior': 'Ủy ban nhân dân tỉnh Bạc Liêu',
    'agency.place': 'Bạc Liêu',
    'document.number': '07',
    'document.symbol': 'GPXD',
    'document.numberSymbol': '07/GPXD',
    'document.date': '19/01/2026',
    'document.writtenDate': 'ngày 19 tháng 01 năm 2026',
    'document.year': '2026',
  },
  eform: {
    hoTen: 'Nguyễn Thị Ánh Tuyết',
    diaDiem: 'Khóm 3, Phường 1, thành phố Bạc Liêu',
    soThua: '245',
    soTo: '18',
    dienTichXayDung: 96,
    soTang: 3,
    moTa: 'Nhà ở riêng lẻ 3 tầng, kết cấu khung bê tông cốt thép, mái ngói.',
  },
};
