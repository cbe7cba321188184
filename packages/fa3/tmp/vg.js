const a = require('../native/build/Release/fa3_libxml2.node');
const fs = require('node:fs');
const s = a.compile(require.resolve('../schemas/FA3/schemat_FA3_v1-0E.local.xsd'));
const valid = fs.readFileSync(require.resolve('../test-fixtures/invoices/valid-basic.xml'), 'utf8');
const line = valid.slice(valid.indexOf('<FaWiersz>'), valid.indexOf('</FaWiersz>') + 11);
const deep = '<a>'.repeat(200) + '</a>'.repeat(200);
const cases = [valid, valid.replace('<P_12>5</P_12>', '<P_12>24</P_12>'), '', 'x', '<', '<?xml version="1.0"?>',
  valid.replace(line, Array(300).fill(line.replace(/<P_11>[^<]*/, '<P_11>abc')).join('')),
  valid.replace('<Naglowek>', '<Naglowek>' + Array.from({ length: 25000 }, (_, i) => `<X${i}/>`).join('')),
  valid.replace('<Naglowek>', '<Naglowek>' + deep), valid.replace('<Fa>', '<Fa attr="x">'), valid.slice(0, 1000),
  valid.replace('<P_7>', '<P_7>' + 'ż'.repeat(2000)), valid.replace('Faktura ', 'Faktura xmlns:x="urn:x" x:y="1" ')];
let n = 0; for (let k = 0; k < 3; k++) for (const c of cases) { const r = a.validate(s, Buffer.from(c)); n += r ? r.length : 0; }
console.log('issues', n);
