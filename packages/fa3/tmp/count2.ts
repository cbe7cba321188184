import { qrMatrix } from '../src/qr/qr-image';
const m = qrMatrix('https://qr.ksef.mf.gov.pl/invoice/5265877635/15-01-2026/WsfG22UyY0-7Tm25dQQBFwuS4oqmCmUmyfB1FqDKYRY');
let runs = 0, dark = 0; for (let r = 0; r < m.size; r++) for (let c = 0; c < m.size; c++) { if (m.isDark(r, c)) { dark++; if (c === 0 || !m.isDark(r, c - 1)) runs++; } }
console.log(m.size, 'runs', runs, 'dark', dark);
