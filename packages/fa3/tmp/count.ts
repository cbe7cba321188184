import { qrCanvas } from '../src/pdf/pdf-qr';
const c = qrCanvas('https://qr.ksef.mf.gov.pl/invoice/5265877635/15-01-2026/WsfG22UyY0-7Tm25dQQBFwuS4oqmCmUmyfB1FqDKYRY', 110) as { canvas: unknown[] };
console.log(c.canvas.length);
